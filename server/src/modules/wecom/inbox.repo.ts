import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { Tx } from '../../db/tenancy';

export type InboxInsert = { identity: string; event: string; changeType: string; kind: string; payload: unknown };

export type InboxRow = {
  id: number;
  identity: string;
  kind: string;
  payload: unknown;
  attempts: number;
};

/** Stores callbacks of one corp in one statement; returns the identities that were new. */
export async function storeCallbackEvents(db: Kysely<DB>, corpId: string, events: InboxInsert[]): Promise<Set<string>> {
  const col = <K extends keyof InboxInsert>(k: K) => events.map((e) => e[k]);
  const { rows } = await sql<{ identity: string }>`
    select identity from siyu_inbox_insert_many(${corpId}, ${col('identity')}::text[], ${col('event')}::text[],
      ${col('changeType')}::text[], ${col('kind')}::text[], ${events.map((e) => JSON.stringify(e.payload))}::jsonb[]) as identity`.execute(db);
  return new Set(rows.map((r) => r.identity));
}

/** Leases the oldest unprocessed rows (skipping rows another worker holds) and counts the attempt. */
export async function claimPending(tx: Tx, corpId: string, limit: number, leaseSeconds: number): Promise<InboxRow[]> {
  const { rows } = await sql<InboxRow>`
    update wecom_inbox i set locked_until = now() + make_interval(secs => ${leaseSeconds}), attempts = i.attempts + 1
     where i.corp_id = ${corpId} and i.id in (
       select id from wecom_inbox
        where corp_id = ${corpId} and processed_at is null and (locked_until is null or locked_until <= now())
        order by id limit ${limit} for update skip locked)
    returning i.id, i.identity, i.kind, i.payload, i.attempts`.execute(tx);
  return rows.sort((a, b) => Number(a.id) - Number(b.id)).map((r) => ({ ...r, id: Number(r.id) }));
}

/** Marks a whole applied batch processed in one statement (inside the batch's transaction). */
export async function markProcessedMany(tx: Tx, corpId: string, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await tx
    .updateTable('wecom_inbox')
    .set({ processed_at: sql<Date>`clock_timestamp()`, locked_until: null, error: null })
    .where('corp_id', '=', corpId)
    .where('id', 'in', ids)
    .execute();
}

export async function markFailed(tx: Tx, corpId: string, id: number, error: string, retryInSeconds: number): Promise<void> {
  await sql`update wecom_inbox set error = ${error}, locked_until = now() + make_interval(secs => ${retryInSeconds})
             where corp_id = ${corpId} and id = ${id}`.execute(tx);
}

/** Gives up on an event that keeps failing: done (it no longer holds the inbox), with its error kept to be seen. */
export async function markParked(tx: Tx, corpId: string, id: number, error: string): Promise<void> {
  await tx
    .updateTable('wecom_inbox')
    .set({ processed_at: new Date(), locked_until: null, error: `parked: ${error}` })
    .where('corp_id', '=', corpId)
    .where('id', '=', id)
    .execute();
}

/** Cross-tenant (SECURITY DEFINER, ids only): corps with inbox rows ready to process. */
export async function pendingCorpIds(db: Kysely<DB>): Promise<string[]> {
  const { rows } = await sql<{ corp_id: string }>`select corp_id from siyu_wecom_pending_corps()`.execute(db);
  return rows.map((r) => r.corp_id);
}

export async function inboxCounts(tx: Tx, corpId: string) {
  const row = await tx
    .selectFrom('wecom_inbox')
    .select((eb) => [
      eb.fn.countAll<number>().as('total'),
      sql<number>`count(*) filter (where processed_at is null)`.as('pending'),
      sql<number>`count(*) filter (where processed_at is null and error is not null)`.as('failing'),
      sql<number>`count(*) filter (where processed_at is not null and error like 'parked:%')`.as('parked'),
      sql<Date | null>`max(received_at)`.as('lastReceivedAt'),
    ])
    .where('corp_id', '=', corpId)
    .executeTakeFirstOrThrow();
  return { total: Number(row.total), pending: Number(row.pending), failing: Number(row.failing), parked: Number(row.parked), lastReceivedAt: row.lastReceivedAt };
}

/** The latest parked events of a corp, with their errors (WeCom status page). */
export async function recentParked(tx: Tx, corpId: string, limit: number) {
  return tx
    .selectFrom('wecom_inbox')
    .select(['id', 'kind', 'error', 'attempts', 'received_at as receivedAt', 'processed_at as parkedAt'])
    .where('corp_id', '=', corpId)
    .where('processed_at', 'is not', null)
    .where('error', 'like', 'parked:%')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
