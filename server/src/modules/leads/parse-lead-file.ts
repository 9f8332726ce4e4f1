// A lead spreadsheet (CSV or XLSX) → raw rows, streamed through the platform reader. Headers in Chinese or English;
// only a phone column is required; more than MAX_LEADS rows stop the read at the first row over.
import { DomainError } from '../../http/errors';
import { openSpreadsheet, type ByteSource, type SpreadsheetFormat } from '../../platform/spreadsheets';

export type RawLead = { rowNo: number; phone: string; name: string; source: string; notes: string };
export type LeadFileFormat = SpreadsheetFormat;
export { formatOf } from '../../platform/spreadsheets';

export const MAX_LEADS = 100_000;
export const MAX_UPLOAD_BYTES = 32 * 1024 * 1024;

const HEADERS: Record<keyof Omit<RawLead, 'rowNo'>, string[]> = {
  phone: ['phone', 'mobile', 'tel', '手机', '手机号', '手机号码', '电话', '联系电话'],
  name: ['name', '姓名', '名称', '客户名称'],
  source: ['source', 'channel', '来源', '渠道'],
  notes: ['notes', 'note', 'remark', 'remarks', '备注'],
};

function columnsOf(header: string[]): Record<keyof Omit<RawLead, 'rowNo'>, number> {
  const norm = header.map((h) => h.trim().toLowerCase());
  const find = (k: keyof typeof HEADERS) => norm.findIndex((h) => HEADERS[k].includes(h));
  const cols = { phone: find('phone'), name: find('name'), source: find('source'), notes: find('notes') };
  if (cols.phone < 0) throw new DomainError('lead_import_no_phone_column');
  return cols;
}

/** The file's leads in order; throws a lead_import_* code when the file as a whole cannot be imported. */
export async function* readLeadFile(source: ByteSource, format: LeadFileFormat): AsyncGenerator<RawLead> {
  const sheet = await openSpreadsheet(source, {
    format,
    maxRows: MAX_LEADS,
    maxBytes: MAX_UPLOAD_BYTES,
    codes: {
      unreadable: 'lead_import_unreadable',
      empty: 'lead_import_empty',
      tooManyRows: 'lead_import_too_many',
      tooLarge: 'payload_too_large',
    },
  });
  try {
    const cols = columnsOf(sheet.header.cells);
    const cell = (r: string[], i: number) => (i >= 0 ? (r[i] ?? '').trim() : '');
    let any = false;
    for await (const { rowNo, cells } of sheet.rows) {
      any = true;
      yield {
        rowNo,
        phone: cell(cells, cols.phone),
        name: cell(cells, cols.name),
        source: cell(cells, cols.source),
        notes: cell(cells, cols.notes),
      };
    }
    if (!any) throw new DomainError('lead_import_empty');
  } finally {
    await sheet.rows.return();
  }
}
