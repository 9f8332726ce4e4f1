// Recompute of a corp's segments (new and edited segments, a request, and on schedule what the passage of time
// changes: recompute-scope.ts), with progress in segment_refresh_runs. The WeCom side of dynamic tags is drain-tag-outbox.ts.
import { ruleForm, type Rule } from '@siyu/contracts';
import { sql } from 'kysely';
import type { AppContext } from '../../context';
import { prepareRuleScan } from '../../db/rule-scan';
import { withCorp, type Tx } from '../../db/tenancy';
import { compileRule, compileRuleIds } from './compile-rule';
import { clockEdgeCustomers } from './clock-edge-customers';
import { scheduledRecompute, type ScheduledRecompute } from './recompute-scope';
import { allSegments, foldMemberCounts, recomputeSegment, type ActiveSegment } from './segments.repo';

export const REFRESH_QUEUE = 'segments.refresh';
export const TAG_SYNC_QUEUE = 'segments.tag-sync';
export type RefreshJob = {
  corpId: string;
  segmentId?: string;
  trigger: 'schedule' | 'manual' | 'created' | 'updated';
  runId?: string;
};
export type TagSyncJob = { corpId: string };

export async function refreshSegments(
  ctx: AppContext,
  job: RefreshJob,
): Promise<{ runId: string; entered: number; exited: number }> {
  const { db } = ctx;
  const { corpId } = job;
  await withCorp(db, corpId, (tx) => foldMemberCounts(tx, corpId));
  const segments = await withCorp(db, corpId, (tx) => allSegments(tx, corpId));
  const targets = segments.filter((s) => s.active && (!job.segmentId || s.id === job.segmentId));
  const rules = new Map(segments.map((s) => [s.id, s.rule]));
  const runId =
    job.runId ??
    (await withCorp(db, corpId, async (tx) => {
      const r = await tx
        .insertInto('segment_refresh_runs')
        .values({ corp_id: corpId, status: 'running', trigger: job.trigger, total: targets.length })
        .returning('id')
        .executeTakeFirstOrThrow();
      return r.id;
    }));
  let entered = 0;
  let exited = 0;
  try {
    for (const [i, seg] of targets.entries()) {
      const now = new Date();
      const firstFill = seg.refreshedAt === null; // who is in at creation did not 'enter'
      const plan = job.trigger === 'schedule' ? scheduledRecompute(seg, rules, now) : { kind: 'full' as const };
      if (plan.kind !== 'skip') {
        const res = await withCorp(db, corpId, (tx) => recomputeAsPlanned(tx, corpId, seg, plan, { segments: rules, now, emit: !firstFill }));
        entered += res.entered;
        exited += res.exited;
      }
      await withCorp(db, corpId, (tx) =>
        tx
          .updateTable('segment_refresh_runs')
          .set({ done: i + 1, entered, exited })
          .where('corp_id', '=', corpId)
          .where('id', '=', runId)
          .execute(),
      );
    }
    await withCorp(db, corpId, (tx) =>
      tx
        .updateTable('segment_refresh_runs')
        .set({ status: 'done', finished_at: new Date() })
        .where('corp_id', '=', corpId)
        .where('id', '=', runId)
        .execute(),
    );
  } catch (err) {
    await withCorp(db, corpId, (tx) =>
      tx
        .updateTable('segment_refresh_runs')
        .set({ status: 'failed', error: String((err as Error).message).slice(0, 500), finished_at: new Date() })
        .where('corp_id', '=', corpId)
        .where('id', '=', runId)
        .execute(),
    );
    throw err;
  }
  if (targets.some((s) => s.kind === 'dynamic_tag'))
    await ctx.queue.send<TagSyncJob>(TAG_SYNC_QUEUE, { corpId }, { singletonKey: corpId });
  return { runId, entered, exited };
}

/** One segment's recompute, over every customer or over those at its clock edges (scheduledRecompute). */
export async function recomputeAsPlanned(
  tx: Tx,
  corpId: string,
  seg: ActiveSegment,
  plan: Exclude<ScheduledRecompute, { kind: 'skip' }>,
  opts: { segments: ReadonlyMap<string, Rule>; now: Date; emit: boolean },
): Promise<{ entered: number; exited: number; total: number }> {
  const { segments, now } = opts;
  await prepareRuleScan(tx);
  if (plan.kind === 'edges') {
    // Few customers: the rule as per-customer probes (row shape), not as sets built over everyone.
    const match = compileRule(seg.rule, { corpId, now, mode: 'row', segments });
    return recomputeSegment(tx, corpId, seg, match, { emit: true, among: clockEdgeCustomers(corpId, plan.edges, plan.since, now), evaluatedAt: now });
  }
  const compile = { corpId, now, mode: 'set' as const, segments };
  const ids = compileRuleIds(seg.rule, compile);
  return recomputeSegment(tx, corpId, seg, compileRule(seg.rule, compile), { emit: opts.emit, ids, form: ruleForm(seg.rule, segments), evaluatedAt: now });
}

export async function segmentCorps(ctx: AppContext): Promise<string[]> {
  const res = await sql<{ corp_id: string }>`SELECT corp_id FROM siyu_segment_corps()`.execute(ctx.db);
  return res.rows.map((r) => r.corp_id);
}
