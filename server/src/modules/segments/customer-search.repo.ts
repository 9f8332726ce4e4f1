// The ad-hoc customer list: any rule as filter, chosen columns, sort, page. Column SQL is fixed here, never from input.
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Tx } from '../../db/tenancy';
import { ownFilter } from './segments.repo';

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
  owners: sql`coalesce((SELECT array_agg(f.staff_userid ORDER BY f.followed_at) FROM follows f
    WHERE f.corp_id = c.corp_id AND f.customer_id = c.id AND f.deleted_at IS NULL), '{}')`,
  tags: sql`coalesce((SELECT array_agg(DISTINCT t) FROM follows f CROSS JOIN LATERAL unnest(f.tag_ids) t
    WHERE f.corp_id = c.corp_id AND f.customer_id = c.id AND f.deleted_at IS NULL), '{}')`,
  channels: sql`coalesce((SELECT array_agg(DISTINCT f.state) FROM follows f
    WHERE f.corp_id = c.corp_id AND f.customer_id = c.id AND f.state IS NOT NULL), '{}')`,
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
  withTotal: boolean;
};

export async function searchCustomers(
  tx: Tx,
  q: SearchQuery,
): Promise<{ total: number | null; rows: Array<Record<string, unknown>> }> {
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
  const rows = await sql<Record<string, unknown>>`
    SELECT ${select} FROM customers c${stats} WHERE ${where}
     ORDER BY ${COLUMN_SQL[q.sort.by]} ${dir}, ${tie} LIMIT ${q.limit} OFFSET ${q.offset}`.execute(tx);
  let total: number | null = null;
  if (q.withTotal) {
    const n = await sql<{ n: number }>`SELECT count(*) AS n FROM customers c WHERE ${countWhere}`.execute(tx);
    total = Number(n.rows[0].n);
  }
  return { total, rows: rows.rows };
}
