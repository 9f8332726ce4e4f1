// Scheduled work: a reconciliation per connected corp every `everyMs`, and re-queueing of runs whose
// worker died (no heartbeat), so an interrupted full sync resumes from its checkpoint.
import type { AppContext } from '../../context';
import { createTicker } from '../../jobs/ticker';
import { withCorp } from '../../db/tenancy';
import { connectedCorpIds } from './connection.repo';
import { SYNC_QUEUE, type SyncJob } from './full-sync.job';
import { lastFinished, staleRuns } from './sync-runs.repo';
import type { WecomService } from './wecom.service';

export type ReconcileScheduleOptions = {
  /** Reconcile each connected corp this often. Default 6 h; 0 disables. */
  everyMs?: number;
  /** How often the scheduler looks. Default 60 s. */
  tickMs?: number;
  staleSeconds: number;
};

export function createReconcileScheduler(ctx: AppContext, service: WecomService, options: ReconcileScheduleOptions) {
  const everyMs = options.everyMs ?? 6 * 3600_000;
  const ticker = createTicker(options.tickMs ?? 60_000, () => tick());

  async function tick(): Promise<void> {
    let corps: string[];
    try {
      corps = await connectedCorpIds(ctx.db);
    } catch (err) {
      ctx.logger.error({ err }, 'wecom scheduler: cannot list corps');
      return;
    }
    for (const corpId of corps) {
      try {
        const stale = await withCorp(ctx.db, corpId, (tx) => staleRuns(tx, corpId, options.staleSeconds));
        for (const r of stale) await ctx.queue.send<SyncJob>(SYNC_QUEUE, { corpId, runId: r.id });
        if (everyMs > 0) {
          // Only corps that were synced once (the first full sync is the admin's call).
          const last = await withCorp(ctx.db, corpId, async (tx) => {
            const r = await lastFinished(tx, corpId, 'reconcile');
            return r ?? (await lastFinished(tx, corpId, 'full'));
          });
          if (last && Date.now() - last.getTime() >= everyMs) await service.startRun(corpId, 'reconcile', 'schedule');
        }
      } catch (err) {
        ctx.logger.warn({ err, corpId }, 'wecom scheduler tick failed for corp');
      }
    }
  }

  /**
   * At start-up: callbacks WeCom gave up on while no process was answering (a crash, a deploy) would otherwise wait
   * for the next scheduled reconciliation (up to `everyMs`). Every connected corp that was synced once gets a
   * reconciliation now. Several processes starting together queue one: the sync_runs unique index lets one run be
   * created per corp, and its job carries a singleton key.
   */
  async function reconcileOnStart(): Promise<number> {
    let corps: string[];
    try {
      corps = await connectedCorpIds(ctx.db);
    } catch (err) {
      ctx.logger.error({ err }, 'wecom start-up reconcile: cannot list corps');
      return 0;
    }
    let started = 0;
    for (const corpId of corps) {
      try {
        const synced = await withCorp(ctx.db, corpId, async (tx) => (await lastFinished(tx, corpId, 'full')) ?? (await lastFinished(tx, corpId, 'reconcile')));
        if (!synced) continue;
        const r = await service.startRun(corpId, 'reconcile', 'startup', { singletonKey: `wecom.reconcile.startup:${corpId}`, singletonSeconds: 300 });
        if (r.created) started++;
      } catch (err) {
        ctx.logger.warn({ err, corpId }, 'wecom start-up reconcile failed for corp');
      }
    }
    return started;
  }

  return {
    tick,
    reconcileOnStart,
    start: () => ticker.start(),
    stop: () => ticker.stop(),
  };
}
