// The dry run: before a flow is activated, replay the last 30 days against it. Each occasion its entry would have
// fired on enters a simulated run (once, or again after the previous one ended, as the flow says; held out by its
// share), which walks the steps through simulated time: waits end when they would have, an order ends the run when
// it is the goal or ends an order wait, and a message or reminder counts toward its staff member's load that day.
// Conditions and branches are checked against today's data, and the notes say so.
import type { SopDryRun, SopStep } from '@siyu/contracts';
import type { Tx } from '../../db/tenancy';
import { customersAmong } from '../segments';
import { entryOccasions, ordersSince, type Occasion } from './dry-run.repo';
import { nextOf } from './flow-graph';
import type { FlowRow } from './flows.repo';
import { heldOut } from './holdout';
import { ownersOf } from './owners.repo';
import { atCn, cnDay, waitEnd } from './wait-until';

const DAYS = 30;
const DAY = 86_400_000;

export async function dryRunFlow(tx: Tx, corpId: string, flow: FlowRow, now: Date): Promise<SopDryRun> {
  const since = new Date(now.getTime() - DAYS * DAY);
  const occasions = entryTimes(flow, await entryOccasions(tx, corpId, flow.entry, since, now), since, now).sort((a, b) => a.at.getTime() - b.at.getTime());
  const ids = [...new Set(occasions.map((o) => o.customerId))];
  const qualified = flow.condition ? await customersAmong(tx, corpId, flow.condition, ids, now) : new Set(ids);
  const branchHits = new Map<string, Set<string>>();
  for (const s of flow.steps) if (s.kind === 'branch') for (const [i, b] of s.branches.entries()) branchHits.set(`${s.id}:${i}`, await customersAmong(tx, corpId, b.rule, ids, now));
  const orders = new Map<string, Date[]>();
  for (const o of await ordersSince(tx, corpId, ids, since)) orders.set(o.customerId, [...(orders.get(o.customerId) ?? []), new Date(o.at)]);
  const owners = await ownersOf(tx, corpId, ids);

  const reached = new Map(flow.steps.map((s) => [s.id, 0]));
  const load = new Map<string, number>();
  const busyUntil = new Map<string, number>();
  let entered = 0;
  let held = 0;
  const seen = new Set<string>();
  for (const o of occasions) {
    if (!qualified.has(o.customerId)) continue;
    if (heldOut(flow.id, o.customerId, flow.holdoutPercent)) {
      if (!seen.has(o.customerId)) held++;
      seen.add(o.customerId);
      continue;
    }
    if (flow.reentry === 'never' ? seen.has(o.customerId) : (busyUntil.get(o.customerId) ?? 0) > o.at.getTime()) continue;
    seen.add(o.customerId);
    entered++;
    const staff = o.staffUserid ?? owners.get(o.customerId)?.staffUserid ?? null;
    const ends = simulate(flow, o.customerId, o.at, now, orders.get(o.customerId) ?? [], branchHits, (step, at) => {
      reached.set(step.id, (reached.get(step.id) ?? 0) + 1);
      if ((step.kind === 'message' || step.kind === 'remind') && staff) {
        const k = `${staff}\u0000${cnDay(at)}`;
        load.set(k, (load.get(k) ?? 0) + 1);
      }
    });
    busyUntil.set(o.customerId, ends);
  }
  const names = await staffNames(tx, corpId, [...new Set([...load.keys()].map((k) => k.split('\u0000')[0]))]);
  const staffLoad = [...load].map(([k, sends]) => {
    const [staffUserid, day] = k.split('\u0000');
    return { staffUserid, staffName: names.get(staffUserid) ?? staffUserid, day, sends };
  });
  staffLoad.sort((a, b) => a.day.localeCompare(b.day) || a.staffName.localeCompare(b.staffName));
  return {
    days: DAYS,
    entered,
    heldOut: held,
    steps: flow.steps.map((s) => ({ stepId: s.id, reached: reached.get(s.id) ?? 0 })),
    staffLoad,
    peakPerStaffDay: Math.max(0, ...staffLoad.map((l) => l.sends)),
    // Codes the console words in the user's language: conditions and branches read today's data; a run still
    // waiting today counts up to the step it waits at; tags added by channel codes and automations are not replayed.
    notes: ['branches_today', 'waiting_counted', ...(flow.entry.kind === 'event' && flow.entry.event.startsWith('tag.') ? ['tags_not_replayed'] : [])],
  };
}

/** When each occasion enters: events at their time; timed entries on the day they would fire, at the entry time. */
function entryTimes(flow: FlowRow, occasions: Occasion[], since: Date, now: Date): Occasion[] {
  const e = flow.entry;
  if (e.kind === 'event') return occasions;
  const out: Occasion[] = [];
  for (const o of occasions) {
    if (e.kind === 'days_after_add') {
      const at = atCn(cnDay(new Date(new Date(o.at).getTime() + e.days * DAY)), e.at);
      if (at >= since && at < now) out.push({ ...o, at });
      continue;
    }
    const md = cnDay(new Date(o.at)).slice(5);
    for (let t = since.getTime(); t < now.getTime() + DAY; t += DAY) {
      const day = cnDay(new Date(t));
      if (cnDay(new Date(Date.parse(`${day}T00:00:00Z`) - e.offsetDays * DAY)).slice(5) !== md) continue;
      const at = atCn(day, e.at);
      if (at >= since && at < now) out.push({ ...o, at });
    }
  }
  return out;
}

/** Walks one simulated run; calls `visit` for each step reached; returns when it ended (or now, still running). */
function simulate(
  flow: FlowRow,
  customerId: string,
  start: Date,
  now: Date,
  orders: Date[],
  branchHits: ReadonlyMap<string, ReadonlySet<string>>,
  visit: (step: SopStep, at: Date) => void,
): number {
  let t = start;
  let id: string | null = flow.steps[0]?.id ?? null;
  const orderIn = (from: Date, to: Date) => orders.find((o) => o > from && o <= to);
  for (let hops = 0; id && hops < 200; hops++) {
    const step = flow.steps.find((s) => s.id === id);
    if (!step) break;
    visit(step, t);
    if (step.kind === 'end') return t.getTime();
    let next = nextOf(flow.steps, step.id);
    if (step.kind === 'wait') {
      const until = waitEnd(step.wait, t);
      const goal = flow.exit.goalEvent === 'order.placed' ? orderIn(t, until) : undefined;
      if (goal && goal <= now) return goal.getTime();
      if (step.wait.type === 'event') {
        const hit = step.wait.event === 'order.placed' ? orderIn(t, until) : undefined;
        if (hit && hit <= now) t = hit;
        else {
          if (until > now) return now.getTime();
          t = until;
          next = step.wait.timeoutNext ?? next;
        }
      } else {
        if (until > now) return now.getTime();
        t = until;
      }
    } else if (step.kind === 'branch') {
      const i = step.branches.findIndex((_, n) => branchHits.get(`${step.id}:${n}`)?.has(customerId));
      next = i >= 0 ? step.branches[i].next : (step.otherwise ?? next);
    }
    id = next === 'end' ? null : next;
  }
  return t.getTime();
}

async function staffNames(tx: Tx, corpId: string, userids: string[]): Promise<Map<string, string>> {
  if (userids.length === 0) return new Map();
  const rows = await tx.selectFrom('staff').select(['userid', 'name']).where('corp_id', '=', corpId).where('userid', 'in', userids).execute();
  return new Map(rows.map((r) => [r.userid, r.name]));
}
