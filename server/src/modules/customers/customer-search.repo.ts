// The ad-hoc customer list: any rule as filter, chosen columns, sort, page. Column SQL is fixed here, never from input.
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { prepareRuleScan } from '../../db/rule-scan';
import type { Tx } from '../../db/tenancy';
import { ownFilter } from '../segments';
import { attributionSql } from './attribution-sql';
import { DEFAULT_COUNT_SAMPLE, estimatedCount, exactCount, type CountedTotal } from './customer-count.repo';

export const SEARCH_COLUMNS = [
  'name',
  'avatar',
  'externalUserid',
  'phone',
  'gender',
  'createdAt',
  'owners',
  'tags',
  'channels',
  'orderCount',
  'orderAmount',
  'lastOrderAt',
] as const;
export type SearchColumn = (typeof SEARCH_COLUMNS)[number];
export const SORT_COLUMNS = ['name', 'createdAt', 'orderCount', 'orderAmount', 'lastOrderAt'] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];

const COLUMN_SQL: Record<SearchColumn, RawBuilder<unknown>> = {
  name: sql`c.name`,
  avatar: sql`c.avatar`,
  externalUserid: sql`c.external_userid`,
  phone: sql`c.phone`,
  gender: sql`c.gender`,
  createdAt: sql`c.created_at`,
  // Names, not ids: the staff's names and the tags' names (a tag or staff member Siyu does not know keeps its id).
  owners: sql`coalesce((SELECT array_agg(coalesce(nullif(s.name, ''), f.staff_userid) ORDER BY f.followed_at) FROM follows f
    LEFT JOIN staff s ON s.corp_id = f.corp_id AND s.userid = f.staff_userid
    WHERE f.corp_id = c.corp_id AND f.customer_id = c.id AND f.deleted_at IS NULL), '{}')`,
  tags: sql`coalesce((SELECT array_agg(DISTINCT coalesce(tg.name, t)) FROM follows f CROSS JOIN LATERAL unnest(f.tag_ids) t
    LEFT JOIN tags tg ON tg.corp_id = f.corp_id AND tg.tag_id = t
    WHERE f.corp_id = c.corp_id AND f.customer_id = c.id AND f.deleted_at IS NULL), '{}')`,
  // Each source by name (attribution-sql.ts): [{ kind, name, state }].
  channels: sql`coalesce((SELECT jsonb_agg(DISTINCT ${attributionSql(sql`c.corp_id`, sql`f.state`)}) FROM follows f
    WHERE f.corp_id = c.corp_id AND f.customer_id = c.id AND nullif(f.state, '') IS NOT NULL), '[]'::jsonb)`,
  // From `os`, customer_order_stats joined by searchCustomers: no row means no orders.
  orderCount: sql`coalesce(os.order_count, 0)`,
  orderAmount: sql`coalesce(os.order_amount, 0)`,
  lastOrderAt: sql`os.last_paid_at`,
};
const ORDER_COLUMNS: readonly SearchColumn[] = ['orderCount', 'orderAmount', 'lastOrderAt'];

export type SearchQuery = {
  corpId: string;
  /** Row shape (correlated): the page walks customers in sort order and stops after `limit`. */
  match: RawBuilder<SqlBool>;
  /** Set shape (hashed once): for the total. */
  countMatch: RawBuilder<SqlBool>;
  columns: SearchColumn[];
  sort: { by: SortColumn; dir: 'asc' | 'desc' };
  limit: number;
  offset: number;
  staffUserid: string | null;
  /** Beside the page: no total, an estimate at once (customer-count.repo.ts), or the exact count. */
  total: 'none' | 'estimate' | 'exact';
  /** Customers sampled for an estimate (default 10,000). */
  sampleSize?: number;
};

export async function searchCustomers(
  tx: Tx,
  q: SearchQuery,
): Promise<{ total: number | null; totalEstimated: boolean; rows: Array<Record<string, unknown>> }> {
  await prepareRuleScan(tx);
  const cols = [...new Set(q.columns)];
  const select = sql.join([sql`c.id`, ...cols.map((k) => sql`${COLUMN_SQL[k]} AS ${sql.ref(k)}`)]);
  // NOT NULL columns sort plainly so the (corp_id, created_at DESC, id) index serves the page; others put blanks last.
  const notNull = q.sort.by === 'createdAt' || q.sort.by === 'name';
  const dir =
    q.sort.dir === 'asc' ? (notNull ? sql`ASC` : sql`ASC NULLS FIRST`) : notNull ? sql`DESC` : sql`DESC NULLS LAST`;
  const tie = q.sort.dir === 'asc' ? sql`c.id ASC` : sql`c.id DESC`;
  const where = sql<SqlBool>`c.corp_id = ${q.corpId} AND ${q.match} AND ${ownFilter(q.staffUserid)}`;
  const countWhere = sql<SqlBool>`c.corp_id = ${q.corpId} AND ${q.countMatch} AND ${ownFilter(q.staffUserid)}`;
  const stats = [...cols, q.sort.by].some((k) => ORDER_COLUMNS.includes(k))
    ? sql` LEFT JOIN customer_order_stats os ON os.corp_id = c.corp_id AND os.customer_id = c.id`
    : sql``;
  const statsColumn = STATS_SORT[q.sort.by];
  const rows = statsColumn
    ? await pageByOrderFigure(tx, q, select, where, statsColumn)
    : await sql<Record<string, unknown>>`
    SELECT ${select} FROM customers c${stats} WHERE ${where}
     ORDER BY ${COLUMN_SQL[q.sort.by]} ${dir}, ${tie} LIMIT ${q.limit} OFFSET ${q.offset}`.execute(tx);
  let counted: CountedTotal | null = null;
  if (q.total === 'exact') counted = await exactCount(tx, countWhere);
  else if (q.total === 'estimate') counted = await estimatedCount(tx, q.corpId, where, q.sampleSize ?? DEFAULT_COUNT_SAMPLE);
  return { total: counted?.total ?? null, totalEstimated: counted?.estimated ?? false, rows: rows.rows };
}

/** The customer_order_stats column behind each order sort; each is indexed with customer_id (migration 0017). */
const STATS_SORT: Partial<Record<SortColumn, 'order_count' | 'order_amount' | 'last_paid_at'>> = {
  orderCount: 'order_count',
  orderAmount: 'order_amount',
  lastOrderAt: 'last_paid_at',
};

/**
 * A page sorted by an order figure without ordering the whole corp: buyers walked in the figure's index order, and
 * customers without orders (0 / blank) after them (desc) or before them (asc), by id. Each part stops after
 * limit + offset rows; only those are sorted. A buyer whose total is 0 still comes among the buyers.
 */
async function pageByOrderFigure(
  tx: Tx,
  q: SearchQuery,
  select: RawBuilder<unknown>,
  where: RawBuilder<SqlBool>,
  column: 'order_count' | 'order_amount' | 'last_paid_at',
) {
  const n = q.limit + q.offset;
  const d = q.sort.dir === 'asc' ? sql`ASC` : sql`DESC`;
  const figure = sql.ref(`os.${column}`);
  const buyersFirst = q.sort.dir === 'desc';
  const res = await sql<Record<string, unknown>>`
    SELECT * FROM (
      (SELECT ${select}, ${buyersFirst ? 0 : 1}::int AS page_part, ${figure} AS page_key
         FROM customer_order_stats os JOIN customers c ON c.corp_id = os.corp_id AND c.id = os.customer_id
        WHERE os.corp_id = ${q.corpId} AND ${where} ORDER BY ${figure} ${d}, os.customer_id ${d} LIMIT ${n})
      UNION ALL
      (SELECT ${select}, ${buyersFirst ? 1 : 0}::int, NULL
         FROM customers c LEFT JOIN customer_order_stats os ON os.corp_id = c.corp_id AND os.customer_id = c.id
        WHERE os.customer_id IS NULL AND ${where} ORDER BY c.id ${d} LIMIT ${n})
    ) page ORDER BY page_part, page_key ${d}, id ${d} LIMIT ${q.limit} OFFSET ${q.offset}`.execute(tx);
  return { rows: res.rows.map(({ page_part: _part, page_key: _key, ...row }) => row) };
}
