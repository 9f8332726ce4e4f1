// SQL of customers' runs through flows (enrollments): entering set-based, claiming the due ones for the engine
// (locked, skipped by a second server), saving where each one got to, the step runs that record every executed step
// (the idempotency record and the stats' source), and ending or waking runs when an event arrives.
import type { SopEnrollmentStatus } from '@siyu/contracts';
import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy';

export type NewEnrollment = {
  flowId: string;
  customerId: string;
  entryKey: string;
  status: 'active' | 'held_out';
  stepId: string | null;
  staffUserid: string | null;
};

/** Enters customers (one statement); an entry key seen before or an active run of the flow makes it a no-op. */
export async function insertEnrollments(tx: Tx, corpId: string, rows: readonly NewEnrollment[], now: Date): Promise<number> {
  if (rows.length === 0) return 0;
  const { rows: out } = await sql<{ id: string }>`
    insert into sop_enrollments (corp_id, flow_id, customer_id, entry_key, status, step_id, phase, due_at, staff_userid, entered_at, ended_at, updated_at)
    select ${corpId}, v.flow_id, v.customer_id, v.entry_key, v.status, v.step_id, 'ready',
           case when v.status = 'active' then ${now}::timestamptz end, v.staff_userid, ${now}::timestamptz,
           case when v.status = 'held_out' then ${now}::timestamptz end, ${now}::timestamptz
      from jsonb_to_recordset(${JSON.stringify(rows.map((r) => ({ flow_id: r.flowId, customer_id: r.customerId, entry_key: r.entryKey, status: r.status, step_id: r.stepId, staff_userid: r.staffUserid })))}::jsonb)
        as v(flow_id uuid, customer_id uuid, entry_key text, status text, step_id text, staff_userid text)
    on conflict do nothing
    returning id`.execute(tx);
  return out.length;
}

export type Enrollment = {
  id: string;
  flowId: string;
  customerId: string;
  status: SopEnrollmentStatus;
  stepId: string | null;
  phase: 'ready' | 'waiting';
  seq: number;
  dueAt: Date | null;
  waitEvent: string | null;
  eventSeen: boolean;
  heldReason: string | null;
  staffUserid: string | null;
  enteredAt: Date;
  endedAt: Date | null;
};

const cols = sql`e.id, e.flow_id as "flowId", e.customer_id as "customerId", e.status, e.step_id as "stepId", e.phase, e.seq,
  e.due_at as "dueAt", e.wait_event as "waitEvent", e.event_seen as "eventSeen", e.held_reason as "heldReason",
  e.staff_userid as "staffUserid", e.entered_at as "enteredAt", e.ended_at as "endedAt"`;

/** The due runs of active flows, oldest first, locked for this transaction (another server skips them). */
export async function claimDue(tx: Tx, corpId: string, now: Date, limit: number): Promise<Enrollment[]> {
  const { rows } = await sql<Enrollment>`
    select ${cols} from sop_enrollments e
     where e.corp_id = ${corpId} and e.status = 'active' and e.due_at <= ${now}
       and exists (select 1 from sop_flows f where f.corp_id = e.corp_id and f.id = e.flow_id and f.status = 'active')
     order by e.due_at limit ${limit}
     for update of e skip locked`.execute(tx);
  return rows;
}

/** Where a run got to: its position fields, and whether it ended now. */
export type EnrollmentChange = Pick<Enrollment, 'id' | 'status' | 'stepId' | 'phase' | 'seq' | 'dueAt' | 'waitEvent' | 'eventSeen' | 'heldReason'> & { ended: boolean };

/** Saves where each run got to (one statement). */
export async function saveEnrollments(tx: Tx, corpId: string, changes: readonly EnrollmentChange[], now: Date): Promise<void> {
  if (changes.length === 0) return;
  const data = changes.map((c) => ({
    id: c.id,
    status: c.status,
    step_id: c.stepId,
    phase: c.phase,
    seq: c.seq,
    due_at: c.dueAt?.toISOString() ?? null,
    wait_event: c.waitEvent,
    event_seen: c.eventSeen,
    held_reason: c.heldReason,
    ended: c.ended,
  }));
  await sql`
    update sop_enrollments e set status = v.status, step_id = v.step_id, phase = v.phase, seq = v.seq, due_at = v.due_at,
           wait_event = v.wait_event, event_seen = v.event_seen, held_reason = v.held_reason,
           ended_at = case when v.ended then ${now}::timestamptz else e.ended_at end, updated_at = ${now}::timestamptz
      from jsonb_to_recordset(${JSON.stringify(data)}::jsonb)
        as v(id uuid, status text, step_id text, phase text, seq int, due_at timestamptz, wait_event text, event_seen boolean, held_reason text, ended boolean)
     where e.corp_id = ${corpId} and e.id = v.id`.execute(tx);
}

export type StepRun = {
  enrollmentId: string;
  seq: number;
  flowId: string;
  customerId: string;
  stepId: string;
  kind: string;
  status: 'done' | 'skipped' | 'failed';
  reason: string | null;
};

/** Records executed steps (one statement); a step already recorded at that position is not recorded again. */
export async function insertStepRuns(tx: Tx, corpId: string, runs: readonly StepRun[], now: Date): Promise<void> {
  if (runs.length === 0) return;
  const data = runs.map((r) => ({ enrollment_id: r.enrollmentId, seq: r.seq, flow_id: r.flowId, customer_id: r.customerId, step_id: r.stepId, kind: r.kind, status: r.status, reason: r.reason }));
  await sql`
    insert into sop_step_runs (corp_id, enrollment_id, seq, flow_id, customer_id, step_id, kind, status, reason, at)
    select ${corpId}, v.enrollment_id, v.seq, v.flow_id, v.customer_id, v.step_id, v.kind, v.status, v.reason, ${now}::timestamptz
      from jsonb_to_recordset(${JSON.stringify(data)}::jsonb)
        as v(enrollment_id uuid, seq int, flow_id uuid, customer_id uuid, step_id text, kind text, status text, reason text)
    on conflict do nothing`.execute(tx);
}

export type FlowCustomer = { flowId: string; customerId: string };

/** Ends the active runs of these (flow, customer) pairs with a status; the number ended. */
export async function endRuns(tx: Tx, corpId: string, pairs: readonly FlowCustomer[], status: 'goal' | 'exited' | 'removed', now: Date): Promise<number> {
  if (pairs.length === 0) return 0;
  const { rows } = await sql<{ id: string }>`
    update sop_enrollments e set status = ${status}, ended_at = ${now}::timestamptz, due_at = null, updated_at = ${now}::timestamptz
      from jsonb_to_recordset(${JSON.stringify(pairs.map((p) => ({ flow_id: p.flowId, customer_id: p.customerId })))}::jsonb) as v(flow_id uuid, customer_id uuid)
     where e.corp_id = ${corpId} and e.status = 'active' and e.flow_id = v.flow_id and e.customer_id = v.customer_id
    returning e.id`.execute(tx);
  return rows.length;
}

/** Wakes runs waiting for this event: their wait ends now, having seen it. */
export async function wakeEventWaits(tx: Tx, corpId: string, pairs: ReadonlyArray<FlowCustomer & { event: string }>, now: Date): Promise<void> {
  if (pairs.length === 0) return;
  await sql`
    update sop_enrollments e set event_seen = true, due_at = ${now}::timestamptz, updated_at = ${now}::timestamptz
      from jsonb_to_recordset(${JSON.stringify(pairs.map((p) => ({ flow_id: p.flowId, customer_id: p.customerId, event: p.event })))}::jsonb)
        as v(flow_id uuid, customer_id uuid, event text)
     where e.corp_id = ${corpId} and e.status = 'active' and e.phase = 'waiting' and e.flow_id = v.flow_id
       and e.customer_id = v.customer_id and e.wait_event = v.event`.execute(tx);
}

/** Ends one run by hand (the console's "remove from flow"); false when it was not active. */
export async function removeRun(tx: Tx, corpId: string, flowId: string, id: string, now: Date): Promise<boolean> {
  const { rows } = await sql<{ id: string }>`
    update sop_enrollments set status = 'removed', ended_at = ${now}::timestamptz, due_at = null, updated_at = ${now}::timestamptz
     where corp_id = ${corpId} and flow_id = ${flowId} and id = ${id} and status = 'active' returning id`.execute(tx);
  return rows.length > 0;
}

/** Runs now at removed steps go where the editor says (or end); the number moved. */
export async function moveRuns(tx: Tx, corpId: string, flowId: string, moves: ReadonlyArray<{ from: string; to: string | null }>, now: Date): Promise<number> {
  if (moves.length === 0) return 0;
  const { rows } = await sql<{ id: string }>`
    update sop_enrollments e set step_id = v.to_step, phase = 'ready', wait_event = null, event_seen = false, held_reason = null,
           status = case when v.to_step is null then 'done' else e.status end,
           ended_at = case when v.to_step is null then ${now}::timestamptz else e.ended_at end,
           due_at = case when v.to_step is null then null else ${now}::timestamptz end, updated_at = ${now}::timestamptz
      from jsonb_to_recordset(${JSON.stringify(moves.map((m) => ({ from_step: m.from, to_step: m.to })))}::jsonb) as v(from_step text, to_step text)
     where e.corp_id = ${corpId} and e.flow_id = ${flowId} and e.status = 'active' and e.step_id = v.from_step
    returning e.id`.execute(tx);
  return rows.length;
}

/** Ends every active run of an archived flow. */
export async function endRunsOfFlow(tx: Tx, corpId: string, flowId: string, now: Date): Promise<number> {
  const { rows } = await sql<{ id: string }>`
    update sop_enrollments set status = 'exited', ended_at = ${now}::timestamptz, due_at = null, updated_at = ${now}::timestamptz
     where corp_id = ${corpId} and flow_id = ${flowId} and status = 'active' returning id`.execute(tx);
  return rows.length;
}
