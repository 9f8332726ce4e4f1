// SQL of SOP flows: the stored flow (entry, steps and exits as JSON), the active and paused flows events may move, and
// the per-flow counts of customers by status. Plain objects out.
import type { Rule, SopEntry, SopExit, SopFlowInput, SopFlowStatus, SopStep } from '@siyu/contracts';
import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy';

export type FlowRow = {
  id: string;
  name: string;
  description: string;
  status: SopFlowStatus;
  entry: SopEntry;
  condition: Rule | null;
  reentry: 'never' | 'after_exit';
  exit: SopExit;
  holdoutPercent: number;
  steps: SopStep[];
  version: number;
  createdBy: string | null;
  createdByName: string | null;
  createdAt: Date;
  updatedAt: Date;
  activatedAt: Date | null;
};

const columns = sql`f.id, f.name, f.description, f.status, f.entry, f.condition, f.reentry, f.exit,
  f.holdout_percent::float8 as "holdoutPercent", f.steps, f.version, f.created_by as "createdBy",
  (select u.name from users u where u.id = f.created_by) as "createdByName",
  f.created_at as "createdAt", f.updated_at as "updatedAt", f.activated_at as "activatedAt"`;

/** The event type a flow enters on (null for date and days-after-add entries, found by the timed scan). */
const entryEvent = (entry: SopEntry) => (entry.kind === 'event' ? entry.event : null);

export async function insertFlow(tx: Tx, corpId: string, f: SopFlowInput, createdBy: string | null): Promise<string> {
  const { rows } = await sql<{ id: string }>`
    insert into sop_flows (corp_id, name, description, entry, entry_event, condition, reentry, exit, holdout_percent, steps, created_by)
    values (${corpId}, ${f.name}, ${f.description ?? ''}, ${JSON.stringify(f.entry)}::jsonb, ${entryEvent(f.entry)}, ${f.condition ? JSON.stringify(f.condition) : null}::jsonb,
            ${f.reentry}, ${JSON.stringify(f.exit)}::jsonb, ${f.holdoutPercent}, ${JSON.stringify(f.steps)}::jsonb, ${createdBy})
    returning id`.execute(tx);
  return rows[0].id;
}

export async function updateFlow(tx: Tx, corpId: string, id: string, f: SopFlowInput): Promise<void> {
  await sql`update sop_flows set name = ${f.name}, description = ${f.description ?? ''}, entry = ${JSON.stringify(f.entry)}::jsonb,
              entry_event = ${entryEvent(f.entry)}, condition = ${f.condition ? JSON.stringify(f.condition) : null}::jsonb, reentry = ${f.reentry},
              exit = ${JSON.stringify(f.exit)}::jsonb, holdout_percent = ${f.holdoutPercent}, steps = ${JSON.stringify(f.steps)}::jsonb,
              version = version + 1, updated_at = now()
             where corp_id = ${corpId} and id = ${id}`.execute(tx);
}

export async function setFlowStatus(tx: Tx, corpId: string, id: string, status: SopFlowStatus): Promise<void> {
  await sql`update sop_flows set status = ${status}, updated_at = now(),
              activated_at = case when ${status} = 'active' and activated_at is null then now() else activated_at end
             where corp_id = ${corpId} and id = ${id}`.execute(tx);
}

export async function findFlow(tx: Tx, corpId: string, id: string, lock = false): Promise<FlowRow | undefined> {
  const { rows } = await sql<FlowRow>`select ${columns} from sop_flows f where f.corp_id = ${corpId} and f.id = ${id} ${lock ? sql`for update` : sql``}`.execute(tx);
  return rows[0];
}

export async function listFlows(tx: Tx, corpId: string): Promise<FlowRow[]> {
  const { rows } = await sql<FlowRow>`select ${columns} from sop_flows f where f.corp_id = ${corpId}
    order by (f.status = 'archived'), f.updated_at desc limit 500`.execute(tx);
  return rows;
}

export async function flowsByIds(tx: Tx, corpId: string, ids: readonly string[]): Promise<FlowRow[]> {
  if (ids.length === 0) return [];
  const { rows } = await sql<FlowRow>`select ${columns} from sop_flows f where f.corp_id = ${corpId} and f.id = any(${[...ids]}::uuid[])`.execute(tx);
  return rows;
}

/** The active and paused flows: those an event may still move (which event concerns which, enter-flows.ts decides). */
export async function liveFlows(tx: Tx, corpId: string): Promise<FlowRow[]> {
  const { rows } = await sql<FlowRow>`select ${columns} from sop_flows f where f.corp_id = ${corpId} and f.status in ('active', 'paused')`.execute(tx);
  return rows;
}

/** Active flows whose entry is a date or days after the add. */
export async function timedFlows(tx: Tx, corpId: string): Promise<Array<FlowRow & { scannedOn: string | null }>> {
  const { rows } = await sql<FlowRow & { scannedOn: string | null }>`select ${columns}, to_char(f.scanned_on, 'YYYY-MM-DD') as "scannedOn" from sop_flows f
    where f.corp_id = ${corpId} and f.status = 'active' and f.entry_event is null`.execute(tx);
  return rows;
}

export async function markScanned(tx: Tx, corpId: string, id: string, day: string): Promise<void> {
  await sql`update sop_flows set scanned_on = ${day}::date where corp_id = ${corpId} and id = ${id}`.execute(tx);
}

export type Counts = { entered: number; active: number; done: number; goal: number; exited: number; heldOut: number };

export async function countsByFlow(tx: Tx, corpId: string, ids: readonly string[]): Promise<Map<string, Counts>> {
  if (ids.length === 0) return new Map();
  const { rows } = await sql<{ flowId: string; status: string; n: number }>`
    select flow_id as "flowId", status, count(*)::int as n from sop_enrollments
     where corp_id = ${corpId} and flow_id = any(${[...ids]}::uuid[]) group by flow_id, status`.execute(tx);
  const out = new Map<string, Counts>();
  for (const id of ids) out.set(id, { entered: 0, active: 0, done: 0, goal: 0, exited: 0, heldOut: 0 });
  for (const r of rows) {
    const c = out.get(r.flowId)!;
    if (r.status === 'held_out') c.heldOut += r.n;
    else {
      c.entered += r.n;
      if (r.status === 'active') c.active += r.n;
      else if (r.status === 'done') c.done += r.n;
      else if (r.status === 'goal') c.goal += r.n;
      else c.exited += r.n;
    }
  }
  return out;
}
