// SQL of the corp's SOP settings: the contact budget and quiet hours (defaults when never saved).
import type { SopSettings } from '@siyu/contracts';
import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy';

export const DEFAULT_SETTINGS: SopSettings = { maxPerDay: null, maxPerWeek: null, quietStart: null, quietEnd: null, overBudget: 'wait' };

export async function getSettings(tx: Tx, corpId: string): Promise<SopSettings> {
  const { rows } = await sql<SopSettings>`select max_per_day as "maxPerDay", max_per_week as "maxPerWeek", quiet_start as "quietStart",
      quiet_end as "quietEnd", over_budget as "overBudget" from sop_settings where corp_id = ${corpId}`.execute(tx);
  return rows[0] ?? DEFAULT_SETTINGS;
}

export async function saveSettings(tx: Tx, corpId: string, s: SopSettings): Promise<void> {
  await sql`insert into sop_settings (corp_id, max_per_day, max_per_week, quiet_start, quiet_end, over_budget)
            values (${corpId}, ${s.maxPerDay}, ${s.maxPerWeek}, ${s.quietStart}, ${s.quietEnd}, ${s.overBudget})
            on conflict (corp_id) do update set max_per_day = excluded.max_per_day, max_per_week = excluded.max_per_week,
              quiet_start = excluded.quiet_start, quiet_end = excluded.quiet_end, over_budget = excluded.over_budget, updated_at = now()`.execute(tx);
}

/** Each customer's SOP touches (message and reminder steps done) since a time. */
export async function sopTouches(tx: Tx, corpId: string, customerIds: readonly string[], since: Date): Promise<Array<{ customerId: string; at: Date; kind: 'message' | 'remind' }>> {
  if (customerIds.length === 0) return [];
  const { rows } = await sql<{ customerId: string; at: Date; kind: 'message' | 'remind' }>`
    select customer_id as "customerId", at, kind from sop_step_runs
     where corp_id = ${corpId} and customer_id = any(${[...customerIds]}::uuid[]) and kind in ('message', 'remind') and status = 'done' and at >= ${since}`.execute(tx);
  return rows;
}
