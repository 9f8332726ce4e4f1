// The SOP reaction to domain events, in the transaction that recorded them: first the goal exits (an order placed ends
// the flows whose goal it is), then the event waits it ends, then the entries — customers whose event passes an
// active flow's entry filter and condition start its first step (or are held out), once, or again after their
// previous run ended, as the flow says.
import { SOP_EVENTS, type DomainEvent, type SopEvent } from '@siyu/contracts';
import { oncePerTransaction } from '../../db/once-per-transaction';
import type { Tx } from '../../db/tenancy';
import type { Reactions } from '../../platform/events';
import { customersAmong } from '../segments';
import { endRuns, insertEnrollments, wakeEventWaits, type NewEnrollment } from './enrollments.repo';
import { passes } from './event-filter';
import { liveFlows, type FlowRow } from './flows.repo';
import { heldOut } from './holdout';

/** The active and paused flows, read once per transaction (a batch delivers several event types). */
const eventFlows = oncePerTransaction(liveFlows);

/** Whether an event type concerns a flow: the flow enters on it, ends at it, or a step waits for it. */
const concerns = (f: FlowRow, type: SopEvent) =>
  (f.entry.kind === 'event' && f.entry.event === type) ||
  f.exit.goalEvent === type ||
  f.steps.some((s) => s.kind === 'wait' && s.wait.type === 'event' && s.wait.event === type);

const about = (events: readonly DomainEvent[], keep: (e: DomainEvent) => boolean) => [...new Set(events.filter((e) => e.customerId && keep(e)).map((e) => e.customerId!))];

export async function applySopEvents(tx: Tx, corpId: string, type: SopEvent, events: readonly DomainEvent[], now: Date): Promise<void> {
  const flows = (await eventFlows(tx, corpId)).filter((f) => concerns(f, type));
  if (flows.length === 0) return;
  for (const f of flows.filter((x) => x.exit.goalEvent === type)) {
    const ids = about(events, (e) => passes(e, f.exit.goalFilter));
    await endRuns(tx, corpId, ids.map((customerId) => ({ flowId: f.id, customerId })), 'goal', now);
  }
  for (const f of flows) {
    const waits = f.steps.filter((s) => s.kind === 'wait' && s.wait.type === 'event' && s.wait.event === type);
    const ids = about(events, (e) => waits.some((s) => s.kind === 'wait' && s.wait.type === 'event' && passes(e, s.wait.filter)));
    await wakeEventWaits(tx, corpId, ids.map((customerId) => ({ flowId: f.id, customerId, event: type })), now);
  }
  for (const f of flows.filter((x) => x.status === 'active' && x.entry.kind === 'event' && x.entry.event === type)) {
    const filter = f.entry.kind === 'event' ? f.entry.filter : undefined;
    const ids = about(events, (e) => passes(e, filter));
    const staffOf = new Map(events.map((e) => [e.customerId, (e.data as { staffUserid?: unknown }).staffUserid]));
    await enter(tx, corpId, f, ids, now, (id) => {
      const s = staffOf.get(id);
      return typeof s === 'string' ? s : null;
    }, now.toISOString());
  }
}

/** Enters customers into a flow (after its condition), held out by the flow's share; `occasion` keys a re-entry. */
export async function enter(tx: Tx, corpId: string, flow: FlowRow, candidates: readonly string[], now: Date, staffOf: (id: string) => string | null, occasion: string): Promise<number> {
  if (candidates.length === 0) return 0;
  const ids = flow.condition ? [...(await customersAmong(tx, corpId, flow.condition, candidates, now))] : [...candidates];
  const rows: NewEnrollment[] = ids.map((customerId) => {
    const out = heldOut(flow.id, customerId, flow.holdoutPercent);
    return {
      flowId: flow.id,
      customerId,
      entryKey: out ? `${customerId}:holdout` : flow.reentry === 'never' ? customerId : `${customerId}:${occasion}`,
      status: out ? 'held_out' : 'active',
      stepId: flow.steps[0]?.id ?? null,
      staffUserid: staffOf(customerId),
    };
  });
  return insertEnrollments(tx, corpId, rows, now);
}

/** One reaction per event type an SOP can use. */
export function sopReactions(now: () => Date): Reactions {
  const on: Reactions = {};
  for (const type of SOP_EVENTS) {
    (on as Record<SopEvent, (tx: Tx, corpId: string, events: DomainEvent[]) => Promise<void>>)[type] = (tx, corpId, events) => applySopEvents(tx, corpId, type, events, now());
  }
  return on;
}

