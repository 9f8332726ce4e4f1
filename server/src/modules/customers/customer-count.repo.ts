// The customer list's total, at once or exact. The exact count evaluates the rule over every customer of the corp
// (set shape: its sets hashed once; 1–7 s at a million customers). The estimate evaluates the rule only over a
// uniform sample of the corp's customers and scales the hits up, in well under half a second:
//  - the sample is every customer whose id falls in the first `fraction` of the uuid space, read from the
//    (corp_id, id) primary key as one range: customer ids are random (gen_random_uuid, v4), so that range is a uniform
//    random sample, independent of the rule, of when customers came and of the physical order of the table;
//  - the rule runs in the row shape (per-customer index lookups) over those customers only;
//  - accuracy: with n customers sampled and a share p of them matching, the relative standard error is
//    sqrt((1 - p) / (n p)); at n ≈ 10,000 that is ±2.5 % for p = 13.5 % (the demo churn rule at 1M), ±3.9 % for
//    p = 6 % (61k of 1M), ±10 % for p = 1 %: a 95 % interval of about twice that. Few hits (rare rules) are rough,
//    which is why the console labels the figure "约" / "about" until the exact count replaces it;
//  - a corp with no more customers than the sample is counted whole: the figure is exact and says so.
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Tx } from '../../db/tenancy';

/** Customers sampled for an estimate (CUSTOMER_COUNT_SAMPLE; a corp this small or smaller is counted exactly). */
export const DEFAULT_COUNT_SAMPLE = 10_000;

export type CountedTotal = { total: number; estimated: boolean };

/** The exact number of customers matching (`where` in the set shape, with the corp and staff scope in it). */
export async function exactCount(tx: Tx, where: RawBuilder<SqlBool>): Promise<CountedTotal> {
  const n = await sql<{ n: number }>`SELECT count(*) AS n FROM customers c WHERE ${where}`.execute(tx);
  return { total: Number(n.rows[0].n), estimated: false };
}

/**
 * The number of customers matching, estimated from a sample of about `sampleSize` of the corp's customers (`where`
 * in the row shape, with the corp and staff scope in it); exact when the corp is no larger than the sample.
 */
export async function estimatedCount(
  tx: Tx,
  corpId: string,
  where: RawBuilder<SqlBool>,
  sampleSize: number,
): Promise<CountedTotal> {
  // The corp's size from 1/256 of the id space (a few thousand index entries at a million customers): enough to
  // size the sample, which is all it is used for (the estimate's scale is the sampled share of the id space).
  const probe = await sql<{ n: number }>`
    SELECT count(*) AS n FROM customers c WHERE c.corp_id = ${corpId} AND c.id < '01000000-0000-0000-0000-000000000000'::uuid`.execute(tx);
  const corpRows = Number(probe.rows[0].n) * 256;
  if (corpRows <= sampleSize) {
    const whole = await sql<{ n: number }>`SELECT count(*) AS n FROM customers c WHERE c.corp_id = ${corpId} AND ${where}`.execute(tx);
    return { total: Number(whole.rows[0].n), estimated: false };
  }
  // The first `share` of the uuid space, to 1 / 2^32: ids below 'xxxxxxxx-0000-…'.
  const prefix = Math.max(1, Math.floor((sampleSize / corpRows) * 2 ** 32));
  const bound = `${prefix.toString(16).padStart(8, '0')}-0000-0000-0000-000000000000`;
  const res = await sql<{ n: number }>`
    SELECT count(*) AS n FROM customers c WHERE c.corp_id = ${corpId} AND c.id < ${bound}::uuid AND ${where}`.execute(tx);
  return { total: Math.round(Number(res.rows[0].n) / (prefix / 2 ** 32)), estimated: true };
}
