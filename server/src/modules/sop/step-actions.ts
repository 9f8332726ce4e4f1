// What each kind of step does to a group of runs standing at it, set-based (a fixed number of statements per group):
// waits start, branches split by rule, tags, stages and points change through their owners' ports, tasks and sends
// are written for staff (the sends go to WeCom after commit, as the 'sop.send' effect), webhooks are called after
// commit. Each run gets an outcome: where it goes next, or that it waits, is deferred, or ends.
import type { SopStep } from '@siyu/contracts';
import { createHash } from 'node:crypto';
import type { Tx } from '../../db/tenancy';
import { afterCommit } from '../../platform/events';
import { grantPointsMany } from '../membership';
import { customersAmong } from '../segments';
import { moveCustomers } from '../stages';
import { tagCustomers } from '../tags';
import type { Budget } from './contact-budget';
import type { Enrollment } from './enrollments.repo';
import { nextOf } from './flow-graph';
import type { FlowRow } from './flows.repo';
import { ownersOf } from './owners.repo';
import { insertSends, type NewSend } from './sends.repo';
import { insertTasks, type NewTask } from './tasks.repo';
import { waitEnd } from './wait-until';

export const SEND_EFFECT = 'sop.send';
export const WEBHOOK_EFFECT = 'sop.webhook';

export type Outcome =
  | { type: 'next'; next: string | null; status: 'done' | 'skipped' | 'failed'; reason: string | null }
  | { type: 'wait'; until: Date; waitEvent: string | null }
  | { type: 'defer'; until: Date; reason: string }
  | { type: 'end' };

export type StepContext = { tx: Tx; corpId: string; now: Date; flow: FlowRow; budget: () => Promise<Budget>; skipOverBudget: boolean };

const batchKey = (runs: readonly Enrollment[]) =>
  createHash('sha1')
    .update(runs.map((r) => `${r.id}:${r.seq}`).join(','))
    .digest('hex')
    .slice(0, 24);

/** The outcome of each run (by enrollment id) at `step`. */
export async function runStep(c: StepContext, step: SopStep, runs: readonly Enrollment[]): Promise<Map<string, Outcome>> {
  const { tx, corpId, now, flow } = c;
  const out = new Map<string, Outcome>();
  const next = nextOf(flow.steps, step.id);
  const all = (o: Outcome) => runs.forEach((r) => out.set(r.id, o));
  const ids = runs.map((r) => r.customerId);
  const preferred = new Map(runs.map((r) => [r.customerId, r.staffUserid]));
  switch (step.kind) {
    case 'end':
      all({ type: 'end' });
      break;
    case 'wait':
      all({ type: 'wait', until: waitEnd(step.wait, now), waitEvent: step.wait.type === 'event' ? step.wait.event : null });
      break;
    case 'branch': {
      let left = new Set(ids);
      const target = new Map<string, { next: string; reason: string }>();
      for (const b of step.branches) {
        const hit = await customersAmong(tx, corpId, b.rule, [...left], now);
        for (const id of hit) target.set(id, { next: b.next, reason: b.name });
        left = new Set([...left].filter((id) => !hit.has(id)));
      }
      for (const r of runs) {
        const t = target.get(r.customerId);
        const to = t ? t.next : (step.otherwise ?? next);
        out.set(r.id, { type: 'next', next: to === 'end' ? null : to, status: 'done', reason: t ? t.reason : 'otherwise' });
      }
      break;
    }
    case 'tag': {
      const tagged = await tagCustomers(tx, corpId, ids, { add: step.add, remove: step.remove, source: 'sop', key: `sop.tag:${flow.id}:${step.id}:${batchKey(runs)}` });
      for (const r of runs) out.set(r.id, tagged.has(r.customerId) ? { type: 'next', next, status: 'done', reason: null } : { type: 'next', next, status: 'skipped', reason: 'no_follow' });
      break;
    }
    case 'stage':
      await moveCustomers(tx, corpId, step.pipelineId, ids, step.stageId, null, 'sop');
      all({ type: 'next', next, status: 'done', reason: null });
      break;
    case 'points':
      await grantPointsMany(tx, corpId, ids, step.delta, step.reason);
      all({ type: 'next', next, status: 'done', reason: null });
      break;
    case 'task': {
      const owners = await ownersOf(tx, corpId, ids, preferred);
      const tasks: NewTask[] = [];
      for (const r of runs) {
        const o = owners.get(r.customerId);
        if (!o) {
          out.set(r.id, { type: 'next', next, status: 'skipped', reason: 'no_follow' });
          continue;
        }
        tasks.push({ kind: 'follow_up', flowId: flow.id, enrollmentId: r.id, seq: r.seq, customerId: r.customerId, staffUserid: o.staffUserid, title: step.title, content: null, dueAt: new Date(now.getTime() + step.dueDays * 86_400_000) });
        out.set(r.id, { type: 'next', next, status: 'done', reason: null });
      }
      await insertTasks(tx, corpId, tasks);
      break;
    }
    case 'webhook': {
      const owners = await ownersOf(tx, corpId, ids, preferred);
      for (const r of runs) {
        const o = owners.get(r.customerId);
        const body = { flowId: flow.id, flowName: flow.name, stepId: step.id, customerId: r.customerId, customerName: o?.customerName ?? null, externalUserid: o?.externalUserid ?? null, staffUserid: o?.staffUserid ?? null, at: now.toISOString() };
        const key = `sop.webhook:${r.id}:${r.seq}`;
        afterCommit(tx, corpId, WEBHOOK_EFFECT, key, { url: step.url, key, body });
        out.set(r.id, { type: 'next', next, status: 'done', reason: null });
      }
      break;
    }
    case 'remind':
    case 'message': {
      const owners = await ownersOf(tx, corpId, ids, preferred);
      const budget = await c.budget();
      const byStaff = new Map<string, Enrollment[]>();
      for (const r of runs) {
        const o = owners.get(r.customerId);
        if (!o) {
          out.set(r.id, { type: 'next', next, status: 'skipped', reason: 'no_follow' });
          continue;
        }
        const v = budget(r.customerId, step.kind);
        if (!v.ok) {
          const skip = v.reason !== 'quiet_hours' && c.skipOverBudget;
          out.set(r.id, skip ? { type: 'next', next, status: 'skipped', reason: v.reason } : { type: 'defer', until: v.until, reason: v.reason });
          continue;
        }
        const mine = byStaff.get(o.staffUserid);
        if (mine) mine.push(r);
        else byStaff.set(o.staffUserid, [r]);
        out.set(r.id, { type: 'next', next, status: 'done', reason: null });
      }
      const sends: NewSend[] = [...byStaff].map(([staffUserid, rs]) => ({ flowId: flow.id, stepId: step.id, kind: step.kind, staffUserid, customerIds: rs.map((r) => r.customerId), content: step.content }));
      const sendIds = await insertSends(tx, corpId, sends);
      for (const id of sendIds) afterCommit(tx, corpId, SEND_EFFECT, `sop.send:${id}`, { sendId: id });
      if (step.kind === 'remind') {
        const title = step.name || step.content.text.slice(0, 60) || flow.name;
        await insertTasks(
          tx,
          corpId,
          [...byStaff].flatMap(([staffUserid, rs]) => rs.map((r) => ({ kind: 'send' as const, flowId: flow.id, enrollmentId: r.id, seq: r.seq, customerId: r.customerId, staffUserid, title, content: step.content, dueAt: null }))),
        );
      }
      break;
    }
  }
  return out;
}
