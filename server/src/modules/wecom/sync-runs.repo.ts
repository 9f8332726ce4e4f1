import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy';

export type SyncKind = 'full' | 'reconcile';

export type SyncRunView = {
  id: string;
  kind: SyncKind;
  status: string;
  trigger: string;
  total: number;
  done: number;
  phase: string | null;
  report: Record<string, unknown>;
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
};

const viewColumns = [
  'id',
  'kind',
  'status',
  'trigger',
  'total',
  'done',
  'phase',
  'report',
  'error',
  'created_at as createdAt',
  'started_at as startedAt',
  'finished_at as finishedAt',
] as const;

/** A new queued run, or null when one of this kind is already queued or running. */
export async function insertRun(tx: Tx, corpId: string, kind: SyncKind, trigger: string): Promise<string | null> {
  const row = await tx
    .insertInto('sync_runs')
    .values({ corp_id: corpId, kind, status: 'queued', trigger, checkpoint: '{}', report: '{}' })
    .onConflict((oc) => oc.columns(['corp_id', 'kind']).where('status', 'in', ['queued', 'running']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function activeRun(tx: Tx, corpId: string, kind: SyncKind): Promise<SyncRunView | undefined> {
  return (await tx
    .selectFrom('sync_runs')
    .select(viewColumns)
    .where('corp_id', '=', corpId)
    .where('kind', '=', kind)
    .where('status', 'in', ['queued', 'running'])
    .executeTakeFirst()) as SyncRunView | undefined;
}

export async function findRun(tx: Tx, corpId: string, id: string): Promise<SyncRunView | undefined> {
  return (await tx.selectFrom('sync_runs').select(viewColumns).where('corp_id', '=', corpId).where('id', '=', id).executeTakeFirst()) as
    | SyncRunView
    | undefined;
}

export async function listRuns(tx: Tx, corpId: string, limit: number): Promise<SyncRunView[]> {
  return (await tx
    .selectFrom('sync_runs')
    .select(viewColumns)
    .where('corp_id', '=', corpId)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute()) as SyncRunView[];
}

export type ClaimedRun = { id: string; kind: SyncKind; checkpoint: Record<string, unknown>; report: Record<string, unknown> };

/** Takes a run for this worker: queued, already ours (a retry), or abandoned (no heartbeat for staleSeconds). */
export async function claimRun(tx: Tx, corpId: string, id: string, owner: string, staleSeconds: number): Promise<ClaimedRun | null> {
  const { rows } = await sql<ClaimedRun>`
    update sync_runs set status = 'running', owner = ${owner}, heartbeat_at = now(), started_at = coalesce(started_at, now())
     where corp_id = ${corpId} and id = ${id} and status in ('queued', 'running')
       and (owner is null or owner = ${owner} or heartbeat_at is null or heartbeat_at < now() - make_interval(secs => ${staleSeconds}))
    returning id, kind, checkpoint, report`.execute(tx);
  return rows[0] ?? null;
}

export async function saveProgress(
  tx: Tx,
  corpId: string,
  id: string,
  owner: string,
  p: { phase: string; total: number; done: number; checkpoint: unknown; report: unknown; error?: string | null },
): Promise<boolean> {
  const res = await tx
    .updateTable('sync_runs')
    .set({
      phase: p.phase,
      total: p.total,
      done: p.done,
      checkpoint: JSON.stringify(p.checkpoint),
      report: JSON.stringify(p.report),
      heartbeat_at: new Date(),
      ...(p.error !== undefined ? { error: p.error } : {}),
    })
    .where('corp_id', '=', corpId)
    .where('id', '=', id)
    .where('owner', '=', owner)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

export async function finishRun(
  tx: Tx,
  corpId: string,
  id: string,
  f: { status: 'done' | 'partial' | 'failed'; report: unknown; error?: string | null; done?: number },
): Promise<void> {
  await tx
    .updateTable('sync_runs')
    .set({
      status: f.status,
      report: JSON.stringify(f.report),
      error: f.error ?? null,
      finished_at: new Date(),
      phase: null,
      ...(f.done !== undefined ? { done: f.done } : {}),
    })
    .where('corp_id', '=', corpId)
    .where('id', '=', id)
    .execute();
}

/** Runs whose worker stopped beating (crashed): to be re-sent to the queue. */
export async function staleRuns(tx: Tx, corpId: string, staleSeconds: number): Promise<Array<{ id: string }>> {
  const { rows } = await sql<{ id: string }>`
    select id from sync_runs where corp_id = ${corpId}
       and ((status = 'running' and (heartbeat_at is null or heartbeat_at < now() - make_interval(secs => ${staleSeconds})))
         or (status = 'queued' and created_at < now() - make_interval(secs => ${staleSeconds})))`.execute(tx);
  return rows;
}

export async function lastFinished(tx: Tx, corpId: string, kind: SyncKind): Promise<Date | null> {
  const row = await tx
    .selectFrom('sync_runs')
    .select((eb) => eb.fn.max('created_at').as('at'))
    .where('corp_id', '=', corpId)
    .where('kind', '=', kind)
    .executeTakeFirst();
  return (row?.at as Date | null | undefined) ?? null;
}
