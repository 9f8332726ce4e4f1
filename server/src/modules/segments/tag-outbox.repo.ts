// The dynamic-tag outbox: tag changes of segment members waiting to be written to WeCom (mark_tag).
import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy';

export type TagOutboxRow = {
  id: number;
  customer_id: string;
  tag_id: string;
  op: 'add' | 'remove';
  external_userid: string | null;
  staff: string[] | null;
};

/** The oldest pending rows (fewer than `maxAttempts` tries), with each customer's WeCom id and active staff. */
export async function pendingTagMarks(tx: Tx, corpId: string, limit: number, maxAttempts: number): Promise<TagOutboxRow[]> {
  const { rows } = await sql<TagOutboxRow>`
    SELECT o.id::int AS id, o.customer_id, o.tag_id, o.op, c.external_userid,
      (SELECT array_agg(f.staff_userid ORDER BY f.staff_userid) FROM follows f
        WHERE f.corp_id = o.corp_id AND f.customer_id = o.customer_id AND f.deleted_at IS NULL) AS staff
      FROM segment_tag_outbox o LEFT JOIN customers c ON c.corp_id = o.corp_id AND c.id = o.customer_id
     WHERE o.corp_id = ${corpId} AND o.attempts < ${maxAttempts} ORDER BY o.id LIMIT ${limit}`.execute(tx);
  return rows;
}

/** Deletes the rows that reached WeCom and counts a failed try (with its error) on the others: two statements. */
export async function settleTagMarks(
  tx: Tx,
  corpId: string,
  sentIds: readonly number[],
  failed: ReadonlyArray<{ id: number; error: string }>,
): Promise<void> {
  if (sentIds.length > 0)
    await sql`DELETE FROM segment_tag_outbox WHERE corp_id = ${corpId} AND id = ANY(${[...sentIds]}::bigint[])`.execute(tx);
  if (failed.length > 0)
    await sql`
      UPDATE segment_tag_outbox o SET attempts = o.attempts + 1, error = q.error
        FROM unnest(${failed.map((f) => f.id)}::bigint[], ${failed.map((f) => f.error)}::text[]) AS q(id, error)
       WHERE o.corp_id = ${corpId} AND o.id = q.id`.execute(tx);
}
