// The engine's sweep over one corp: claim the runs whose time has come (locked; a second server skips them), end the
// waits that are over, apply goal and leave exits, then execute steps in rounds — each round groups the runs by
// (flow, step) and runs each group set-based — until every run waits, is deferred or ends. Everything a sweep does
// (step runs, run positions, sends, tasks, tags, effects) commits in one transaction, so a crash repeats nothing.
import type { Tx } from '../../db/tenancy';
import { customersAmong } from '../segments';
import { contactBudget, type Budget } from './contact-budget';
import { claimDue, insertStepRuns, saveEnrollments, type Enrollment, type EnrollmentChange, type StepRun } from './enrollments.repo';
import { nextOf } from './flow-graph';
import { flowsByIds, type FlowRow } from './flows.repo';
import { getSettings } from './settings.repo';
import { runStep } from './step-actions';

/** Rounds of instant steps per sweep; a run still ready after them goes on at the next sweep. */
const MAX_ROUNDS = 60;

type Run = Enrollment & { ended: boolean; deferred: boolean };

export type SweepResult = { claimed: number; steps: number };

export async function runDueSteps(tx: Tx, corpId: string, now: Date, limit: number): Promise<SweepResult> {
  const due = await claimDue(tx, corpId, now, limit);
  if (due.length === 0) return { claimed: 0, steps: 0 };
  const flows = new Map((await flowsByIds(tx, corpId, [...new Set(due.map((d) => d.flowId))])).map((f) => [f.id, f]));
  const settings = await getSettings(tx, corpId);
  let budget: Budget | null = null;
  const getBudget = async () => (budget ??= await contactBudget(tx, corpId, settings, [...new Set(due.map((d) => d.customerId))], now));
  const runs: Run[] = due.map((d) => ({ ...d, ended: false, deferred: false }));
  const stepRuns: StepRun[] = [];
  const record = (r: Run, stepId: string, kind: string, status: StepRun['status'], reason: string | null) => {
    stepRuns.push({ enrollmentId: r.id, seq: r.seq, flowId: r.flowId, customerId: r.customerId, stepId, kind, status, reason });
    r.seq++;
  };
  const moveTo = (r: Run, next: string | null) => {
    r.stepId = next;
    r.phase = 'ready';
    r.waitEvent = null;
    r.eventSeen = false;
    r.heldReason = null;
    if (next === null) {
      r.status = 'done';
      r.ended = true;
    }
  };

  // Waits that are over: past the wait step (an event wait that timed out may go elsewhere).
  for (const r of runs) {
    if (r.phase !== 'waiting') continue;
    const flow = flows.get(r.flowId)!;
    const step = flow.steps.find((s) => s.id === r.stepId);
    if (!step) {
      moveTo(r, null);
      continue;
    }
    const timedOut = step.kind === 'wait' && step.wait.type === 'event' && !r.eventSeen;
    const next = timedOut && step.kind === 'wait' && step.wait.type === 'event' && step.wait.timeoutNext ? step.wait.timeoutNext : nextOf(flow.steps, step.id);
    record(r, step.id, 'wait', 'done', step.kind === 'wait' && step.wait.type === 'event' ? (r.eventSeen ? 'event' : 'timeout') : null);
    moveTo(r, next === 'end' ? null : next);
  }

  await applyExits(tx, corpId, now, flows, runs);

  for (let round = 0; round < MAX_ROUNDS; round++) {
    const ready = runs.filter((r) => !r.ended && !r.deferred && r.phase === 'ready');
    if (ready.length === 0) break;
    const groups = new Map<string, Run[]>();
    for (const r of ready) {
      const k = `${r.flowId}\u0000${r.stepId}`;
      const g = groups.get(k);
      if (g) g.push(r);
      else groups.set(k, [r]);
    }
    for (const group of groups.values()) {
      const flow = flows.get(group[0].flowId)!;
      const step = flow.steps.find((s) => s.id === group[0].stepId);
      if (!step) {
        for (const r of group) moveTo(r, null);
        continue;
      }
      const outcomes = await runStep({ tx, corpId, now, flow, budget: getBudget, skipOverBudget: settings.overBudget === 'skip' }, step, group);
      for (const r of group) {
        const o = outcomes.get(r.id)!;
        if (o.type === 'wait') {
          r.phase = 'waiting';
          r.dueAt = o.until;
          r.waitEvent = o.waitEvent;
          r.eventSeen = false;
        } else if (o.type === 'defer') {
          r.deferred = true;
          r.dueAt = o.until;
          r.heldReason = o.reason;
        } else if (o.type === 'end') {
          record(r, step.id, 'end', 'done', null);
          moveTo(r, null);
        } else {
          record(r, step.id, step.kind, o.status, o.reason);
          moveTo(r, o.next);
        }
      }
    }
  }

  const changes: EnrollmentChange[] = runs.map((r) => ({
    id: r.id,
    status: r.status,
    stepId: r.stepId,
    phase: r.phase,
    seq: r.seq,
    dueAt: r.ended ? null : r.phase === 'waiting' || r.deferred ? r.dueAt : now,
    waitEvent: r.waitEvent,
    eventSeen: r.eventSeen,
    heldReason: r.deferred ? r.heldReason : null,
    ended: r.ended,
  }));
  await saveEnrollments(tx, corpId, changes, now);
  await insertStepRuns(tx, corpId, stepRuns, now);
  return { claimed: due.length, steps: stepRuns.length + runs.filter((r) => r.phase === 'waiting' && !r.ended).length };
}

/** Goal rules end runs as 'goal'; a flow that leaves when its condition fails ends those runs as 'exited'. */
async function applyExits(tx: Tx, corpId: string, now: Date, flows: ReadonlyMap<string, FlowRow>, runs: Run[]): Promise<void> {
  for (const flow of flows.values()) {
    const mine = runs.filter((r) => r.flowId === flow.id && !r.ended);
    if (mine.length === 0) continue;
    const ids = mine.map((r) => r.customerId);
    const goal = flow.exit.goalRule ? await customersAmong(tx, corpId, flow.exit.goalRule, ids, now) : new Set<string>();
    const stay = flow.exit.leaveWhenConditionFails && flow.condition ? await customersAmong(tx, corpId, flow.condition, ids, now) : null;
    for (const r of mine) {
      if (goal.has(r.customerId)) r.status = 'goal';
      else if (stay && !stay.has(r.customerId)) r.status = 'exited';
      else continue;
      r.ended = true;
    }
  }
}
