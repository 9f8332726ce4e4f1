// Composition of group SOP (群SOP): routes, the per-corp due job and the ticker (every GROUP_SOP_TICK_MS, default
// 15 s) that queues one job per corp with work. Results of created tasks are pulled every GROUP_SOP_POLL_SECONDS
// (default 300). The clock is injectable (options.now, or setNow for tests and the demo) so a calendar can be driven.
import type { AppContext } from '../../context';
import { createTicker } from '../../jobs/ticker';
import type { SiyuModule } from '../../platform/module';
import type { WecomConnections } from '../wecom';
import { DUE_QUEUE, runDue, type DueJob } from './group-sop-due.job';
import { STALE_CLAIM_MS } from './group-sop-reconcile';
import { dueCorps } from './group-sop-runs.repo';
import { registerGroupSopRoutes } from './group-sop.routes';
import { createGroupSopService } from './group-sop.service';

export type GroupSopOptions = { tickMs?: number; pollSeconds?: number; now?: () => Date };

export function createGroupSopModule(ctx: AppContext, wecom: { connections: WecomConnections }, options: GroupSopOptions = {}) {
  const tickMs = options.tickMs ?? Number(process.env.GROUP_SOP_TICK_MS ?? 15_000);
  const pollSeconds = options.pollSeconds ?? Math.max(0, Number(process.env.GROUP_SOP_POLL_SECONDS ?? 300));
  let clock = options.now ?? (() => new Date());
  const now = () => clock();
  const deps = { ctx, connections: wecom.connections, now, pollSeconds };

  /** Queues the due job of every corp with work (one queued job per corp at a time). */
  async function tick(): Promise<string[]> {
    const at = now();
    const corps = await dueCorps(ctx.db, at, new Date(at.getTime() - pollSeconds * 1000), new Date(at.getTime() - STALE_CLAIM_MS));
    for (const corpId of corps) await ctx.queue.send<DueJob>(DUE_QUEUE, { corpId }, { singletonKey: `group-sop:${corpId}` });
    return corps;
  }
  const ticker = createTicker(tickMs, async () => {
    try {
      await tick();
    } catch (err) {
      ctx.logger.warn({ err }, 'group SOP schedule failed');
    }
  });

  return {
    name: 'group-sop',
    menu: ['group-sop'],
    routes: (app) => registerGroupSopRoutes(app, createGroupSopService({ ctx, now })),
    jobs: () => ctx.queue.register<DueJob>(DUE_QUEUE, (job) => runDue(deps, job), { retryLimit: 5, retryDelaySeconds: 5, expireInSeconds: 900 }),
    start: () => ticker.start(),
    stop: () => ticker.stop(),
    /** For tests and the demo: the clock every decision reads (plan times, due pushes, results). */
    setNow(fn: () => Date) {
      clock = fn;
    },
    /** For tests: queue the due jobs now instead of waiting for the ticker. */
    tick,
    /** For tests and the demo: run one corp's due job in this process now and wait for it. */
    runNow: (corpId: string) => runDue(deps, { corpId }),
  } satisfies SiyuModule & Record<string, unknown>;
}

export type GroupSopModule = ReturnType<typeof createGroupSopModule>;
