// The engine's clock: every tick (SOP_TICK_MS, default 1 s) it asks which corps have due runs or timed entries,
// then per corp enters the timed entries and sweeps due runs in batches of SOP_BATCH (default 1,000) until none is
// due or the tick's time is up. One sweep at a time per process; several processes share the work through row locks.
import { sql } from 'kysely';
import type { AppContext } from '../../context';
import { withCorp } from '../../db/tenancy';
import { createTicker } from '../../jobs/ticker';
import { runDueSteps } from './run-due-steps';
import { scanTimedEntries } from './scan-timed-entries';

export type SopEngine = {
  start(): void;
  stop(): Promise<void>;
  /** Runs one full sweep now (tests and the bench); resolves when it is done. */
  sweep(): Promise<{ steps: number; entered: number }>;
};

export function createSopEngine(ctx: AppContext, clock: () => Date, options: { tickMs?: number; batch?: number; budgetMs?: number } = {}): SopEngine {
  const tickMs = options.tickMs ?? Number(process.env.SOP_TICK_MS ?? 1000);
  const batch = options.batch ?? Number(process.env.SOP_BATCH ?? 1000);
  const budgetMs = options.budgetMs ?? 5000;
  let running: Promise<{ steps: number; entered: number }> | null = null;

  async function sweepOnce(): Promise<{ steps: number; entered: number }> {
    const now = clock();
    const { rows } = await sql<{ corp_id: string }>`select corp_id from siyu_sop_due_corps(${now})`.execute(ctx.db);
    let steps = 0;
    let entered = 0;
    const started = Date.now();
    for (const { corp_id: corpId } of rows) {
      try {
        entered += await withCorp(ctx.db, corpId, (tx) => scanTimedEntries(tx, corpId, now));
        for (;;) {
          const r = await withCorp(ctx.db, corpId, (tx) => runDueSteps(tx, corpId, clock(), batch));
          steps += r.steps;
          if (r.claimed < batch || Date.now() - started > budgetMs) break;
        }
      } catch (err) {
        ctx.logger.error({ err, corpId }, 'SOP sweep failed for a corp; its runs stay due and are retried next tick');
      }
    }
    return { steps, entered };
  }
  const sweep = () => {
    if (!running) running = sweepOnce().finally(() => (running = null));
    return running;
  };
  const ticker = createTicker(tickMs, () => sweep().catch((err) => ctx.logger.error({ err }, 'SOP sweep failed')));
  return {
    start: () => ticker.start(),
    async stop() {
      ticker.stop();
      await running?.catch(() => undefined);
    },
    sweep,
  };
}
