// What the segment editor shows beside a rule: the first matching customers by name, and the recent refresh runs.
import type { Tx } from '../../db/tenancy';

/** Name, WeCom id and avatar of the given customers (any order). */
export function previewCustomers(tx: Tx, corpId: string, ids: string[]) {
  return tx.selectFrom('customers').select(['id', 'name', 'external_userid as externalUserid', 'avatar']).where('corp_id', '=', corpId).where('id', 'in', ids).execute();
}

/** The latest segment refresh runs, newest first. */
export function recentRefreshRuns(tx: Tx, corpId: string, limit: number) {
  return tx
    .selectFrom('segment_refresh_runs')
    .select(['id', 'status', 'trigger', 'total', 'done', 'entered', 'exited', 'error', 'started_at as startedAt', 'finished_at as finishedAt'])
    .where('corp_id', '=', corpId)
    .orderBy('started_at', 'desc')
    .limit(limit)
    .execute();
}
