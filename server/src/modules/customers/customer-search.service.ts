// The ad-hoc customer list and its export: any segment rule as filter, chosen columns, sort, page; XLSX of the
// whole match, audited.
import type { AppContext } from '../../context';
import { withCorp } from '../../db/tenancy';
import type { AuthContext } from '../../http/access';
import { writeAudit } from '../audit';
import { compileRule, prepareRule } from '../segments';
import { maskPhone } from '../../platform/policy/mask-phone';
import { ownScope } from '../../platform/policy/visible-scope';
import { loadExcelJS } from '../../platform/spreadsheets';
import { searchCustomers, type SearchColumn, type SortColumn } from './customer-search.repo';
import { attributionLabel } from './attribution-sql';
import type { Attribution, CustomerSearchTotal } from '@siyu/contracts';
import { DEFAULT_COUNT_SAMPLE } from './customer-count.repo';

export type SearchInput = {
  rule: unknown;
  columns: SearchColumn[];
  sort?: { by: SortColumn; dir: 'asc' | 'desc' };
  page: number;
  pageSize: number;
  /** Which total (default exact); `withTotal` is the older switch: true exact, false none. */
  total?: CustomerSearchTotal;
  withTotal?: boolean;
};

/** CUSTOMER_COUNT_SAMPLE: customers sampled for an estimated total (a corp no larger is counted exactly at once). */
function countSample(): number {
  const n = Number(process.env.CUSTOMER_COUNT_SAMPLE ?? DEFAULT_COUNT_SAMPLE);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_COUNT_SAMPLE;
}

export function createCustomerSearchService({ db }: AppContext) {
  const sampleSize = countSample();
  return {
    async search(auth: AuthContext, input: SearchInput) {
      return withCorp(db, auth.corpId, async (tx) => {
        const { rule, segments } = await prepareRule(tx, auth.corpId, input.rule);
        const now = new Date();
        const res = await searchCustomers(tx, {
          corpId: auth.corpId,
          match: compileRule(rule, { corpId: auth.corpId, now, mode: 'row', segments }),
          countMatch: compileRule(rule, { corpId: auth.corpId, now, mode: 'set', segments }),
          columns: input.columns,
          sort: input.sort ?? { by: 'createdAt', dir: 'desc' },
          limit: input.pageSize,
          offset: (input.page - 1) * input.pageSize,
          staffUserid: ownScope(auth),
          total: input.total ?? (input.withTotal === false ? 'none' : 'exact'),
          sampleSize,
        });
        return {
          total: res.total,
          totalEstimated: res.totalEstimated,
          items: res.rows.map((r) => ('phone' in r ? { ...r, phone: maskPhone(r.phone, auth) } : r)),
        };
      });
    },

    /** XLSX of every matching customer (up to 100,000 rows), audited. */
    async export(
      auth: AuthContext,
      input: { rule: unknown; columns: SearchColumn[] },
      locale: 'zh-CN' | 'en-US' = 'zh-CN',
    ): Promise<{ buffer: Buffer; rows: number }> {
      return withCorp(db, auth.corpId, async (tx) => {
        const { rule, segments } = await prepareRule(tx, auth.corpId, input.rule);
        const match = compileRule(rule, { corpId: auth.corpId, now: new Date(), mode: 'set', segments });
        const res = await searchCustomers(tx, {
          corpId: auth.corpId,
          match,
          countMatch: match,
          columns: input.columns,
          sort: { by: 'createdAt', dir: 'desc' },
          limit: 100_000,
          offset: 0,
          staffUserid: ownScope(auth),
          total: 'none', // the export is every matching row, never an estimate
        });
        const ExcelJS = await loadExcelJS();
        const book = new ExcelJS.Workbook();
        const sheet = book.addWorksheet('customers');
        sheet.columns = [
          { header: 'id', key: 'id', width: 38 },
          ...input.columns.map((k) => ({ header: k, key: k, width: 20 })),
        ];
        for (const r of res.rows) {
          const row: Record<string, unknown> = { ...r, phone: maskPhone(r.phone, auth) };
          if (Array.isArray(row.channels))
            row.channels = (row.channels as Attribution[]).map((ch) => attributionLabel(ch, locale));
          for (const k of Object.keys(row)) if (Array.isArray(row[k])) row[k] = (row[k] as unknown[]).join(', ');
          sheet.addRow(row);
        }
        const buffer = Buffer.from(await book.xlsx.writeBuffer());
        await writeAudit(tx, {
          corpId: auth.corpId,
          actorUserId: auth.userId,
          action: 'customers.export',
          detail: { rule, columns: input.columns, rows: res.rows.length },
        });
        return { buffer, rows: res.rows.length };
      });
    },
  };
}

export type CustomerSearchService = ReturnType<typeof createCustomerSearchService>;
