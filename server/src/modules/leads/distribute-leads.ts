// Hands a batch's pool leads to chosen staff (even or by weight), queues one reminder per staff member and the
// reclaim of whatever is still unadded at the deadline. Each distribution or reassignment is a numbered round.
import type { AppContext } from '../../context';
import type { Distribution } from '../../db/schema-leads-fission';
import { withCorp, type Tx } from '../../db/tenancy';
import { DomainError } from '../../http/errors';
import * as repo from './leads.repo';
import { splitCounts } from './split-counts';

export const REMIND_QUEUE = 'leads.remind';
export const RECLAIM_QUEUE = 'leads.reclaim';
export type RoundJob = { corpId: string; batchId: string; round: number };

export type DistributeResult = {
  round: number;
  assigned: number;
  perStaff: Array<{ userid: string; count: number }>;
  deadlineAt: Date | null;
};

export function deadlineFrom(hours: number): Date {
  return new Date(Date.now() + Math.round(hours * 3600_000));
}

export async function scheduleRound(ctx: Pick<AppContext, 'queue'>, job: RoundJob, deadline: Date): Promise<void> {
  await ctx.queue.send(REMIND_QUEUE, job, { singletonKey: `remind:${job.batchId}:${job.round}` });
  await ctx.queue.send(RECLAIM_QUEUE, job, {
    startAfter: deadline,
    singletonKey: `reclaim:${job.batchId}:${job.round}`,
  });
}

async function assignRound(
  tx: Tx,
  corpId: string,
  batchId: string,
  round: number,
  d: Distribution,
): Promise<DistributeResult> {
  const n = await repo.countPool(tx, corpId, batchId);
  const counts = splitCounts(n, d.staff, d.mode);
  const ranges: Array<{ userid: string; lo: number; hi: number }> = [];
  let lo = 0;
  d.staff.forEach((s, i) => {
    if (counts[i] > 0) ranges.push({ userid: s.userid, lo, hi: lo + counts[i] });
    lo += counts[i];
  });
  if (n === 0) return { round: round - 1, assigned: 0, perStaff: [], deadlineAt: null };
  const deadline = deadlineFrom(d.deadlineHours);
  const assigned = await repo.assignPoolByRanges(tx, corpId, batchId, round, deadline, ranges);
  await repo.insertRoundReminders(tx, corpId, batchId, round);
  await repo.setBatchRound(tx, corpId, batchId, { round, deadline, distribution: d });
  return {
    round,
    assigned,
    perStaff: ranges.map((r) => ({ userid: r.userid, count: r.hi - r.lo })),
    deadlineAt: deadline,
  };
}

export async function distributeLeads(
  ctx: Pick<AppContext, 'db' | 'queue'>,
  corpId: string,
  batchId: string,
  d: Distribution,
): Promise<DistributeResult> {
  const result = await withCorp(ctx.db, corpId, async (tx) => {
    const b = await repo.lockBatch(tx, corpId, batchId);
    if (!b) throw new DomainError('not_found');
    if (b.status !== 'imported') throw new DomainError('lead_batch_not_ready');
    const userids = [...new Set(d.staff.map((s) => s.userid))];
    if (userids.length !== d.staff.length) throw new DomainError('invalid_request');
    const active = await repo.activeStaff(tx, corpId, userids);
    if (active.size !== userids.length) throw new DomainError('lead_staff_unknown');
    return assignRound(tx, corpId, batchId, b.round + 1, d);
  });
  if (result.assigned > 0 && result.deadlineAt)
    await scheduleRound(ctx, { corpId, batchId, round: result.round }, result.deadlineAt);
  return result;
}

/**
 * At a round's deadline: its unadded leads go back to the pool and, while rounds remain, to other staff of the
 * distribution (round-robin, never the one who had it). Runs once per round: a stale or repeated job is a no-op.
 */
export async function reclaimRound(
  ctx: Pick<AppContext, 'db' | 'queue'>,
  job: RoundJob,
): Promise<{ reclaimed: number; reassigned: number }> {
  const { corpId, batchId, round } = job;
  const out = await withCorp(ctx.db, corpId, async (tx) => {
    const b = await repo.lockBatch(tx, corpId, batchId);
    if (!b || b.round !== round) return null;
    const back = await repo.reclaimOverdue(tx, corpId, batchId, round);
    const d = b.distribution;
    if (back.length === 0 || !d || round >= d.maxRounds || d.staff.length < 2) {
      await tx
        .updateTable('lead_batches')
        .set({ deadline_at: null })
        .where('corp_id', '=', corpId)
        .where('id', '=', batchId)
        .execute();
      return { reclaimed: back.length, reassigned: 0, deadline: null };
    }
    const staff = d.staff.map((s) => s.userid);
    let k = 0;
    const pairs = back.map((l) => {
      const others = staff.filter((u) => u !== l.prev);
      return { id: l.id, userid: others[k++ % others.length] };
    });
    const deadline = deadlineFrom(d.deadlineHours);
    await repo.assignLeads(tx, corpId, batchId, round + 1, deadline, pairs);
    await repo.insertRoundReminders(tx, corpId, batchId, round + 1);
    await repo.setBatchRound(tx, corpId, batchId, { round: round + 1, deadline, distribution: d });
    return { reclaimed: back.length, reassigned: pairs.length, deadline };
  });
  if (!out) return { reclaimed: 0, reassigned: 0 };
  if (out.deadline) await scheduleRound(ctx, { corpId, batchId, round: round + 1 }, out.deadline);
  return { reclaimed: out.reclaimed, reassigned: out.reassigned };
}
