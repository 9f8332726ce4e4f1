// The one event router. Modules declare what they react to; the router delivers what a transaction recorded, phase
// by phase (mirror → profile → attribution → derive), just before it commits. `derive` (segments, dynamic tags,
// stages, alerts) runs once per round over the set of customers that changed and repeats while derived facts
// (segment.entered, stage.changed) change more, up to a bound. Effects asked for become durable jobs in the same
// transaction; after commit they run at once in this process and their jobs are cancelled.
import { createHash } from 'node:crypto';
import type { DomainEvent, DomainEventType } from '@siyu/contracts';
import type { Tx, TransactionHooks } from '../../db/tenancy';
import type { JobQueue } from '../../jobs/queue';
import type { Logger } from '../../logger';
import { endSession, sessionFor, type Effect } from './record-events';

export type Phase = 'mirror' | 'profile' | 'attribution' | 'derive';
export const PHASES: readonly Phase[] = ['mirror', 'profile', 'attribution', 'derive'];

export type EventHandler<T extends DomainEventType> = (tx: Tx, corpId: string, events: Array<DomainEvent<T>>) => Promise<void>;
export type Reactions = { [K in DomainEventType]?: EventHandler<K> };

/** Customers changed in this round, with the kinds of facts that changed them. */
export type Changes = ReadonlyMap<string, ReadonlySet<DomainEventType>>;
export type Deriver = (tx: Tx, corpId: string, changes: Changes) => Promise<void>;

/** An effect a module performs outside the database (WeCom call, app message, webhook), from JSON data. */
export type EffectHandler = (corpId: string, data: Record<string, unknown>) => Promise<void>;

/** What a module declares to the router. */
export type Reactor = { name: string; phase: Phase; on?: Reactions; derive?: Deriver; effects?: Record<string, EffectHandler> };

/** Rounds of `derive` per transaction; a chain longer than this is cut (and logged) rather than looping. */
export const MAX_DERIVE_ROUNDS = 6;
export const EFFECT_QUEUE = 'siyu.effect';
/** The durable copy of an effect waits this long before a worker may take it (the in-process run comes first). */
const FALLBACK_AFTER_MS = 15_000;
/** Effects of one transaction run this many at a time in process. */
const EFFECT_CONCURRENCY = 8;

export type EffectJob = { corpId: string; effect: string; key: string; data: Record<string, unknown> };

type Route = { type: DomainEventType; handle: EventHandler<DomainEventType> };

export type EventRouter = TransactionHooks & {
  /** Runs an effect's durable job (the queue's handler). */
  runEffectJob(job: EffectJob): Promise<void>;
  /** Resolves when every in-process effect started so far has finished (tests, shutdown). */
  idle(): Promise<void>;
};

/** The job id is derived from corp and key, so the same effect is enqueued once whatever retries happen. */
function jobIdOf(corpId: string, key: string): string {
  const h = createHash('sha256').update(`${corpId}\u0000${key}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function createEventRouter(reactors: readonly Reactor[], logger: Logger, queue: JobQueue): EventRouter {
  const routes: Route[] = [];
  for (const phase of PHASES) {
    for (const r of reactors.filter((x) => x.phase === phase)) {
      for (const [type, handle] of Object.entries(r.on ?? {})) routes.push({ type: type as DomainEventType, handle: handle as EventHandler<DomainEventType> });
    }
  }
  const derivers = reactors.flatMap((r) => (r.derive ? [r.derive] : []));
  const handlers = new Map<string, EffectHandler>();
  for (const r of reactors) for (const [name, h] of Object.entries(r.effects ?? {})) handlers.set(name, h);
  const inFlight = new Set<Promise<void>>();

  async function deliver(tx: Tx, corpId: string, batch: DomainEvent[]): Promise<void> {
    for (const route of routes) {
      const events = batch.filter((e) => e.type === route.type);
      if (events.length) await route.handle(tx, corpId, events);
    }
  }

  function handlerOf(effect: string): EffectHandler {
    const h = handlers.get(effect);
    if (!h) throw new Error(`no module declares the effect ${effect}`);
    return h;
  }

  async function persistEffects(tx: Tx, corpId: string, effects: Effect[]): Promise<void> {
    if (!queue.isStarted) return; // jobs not running (a tool, a test without the queue): in-process only
    for (const e of effects) {
      handlerOf(e.effect);
      const id = jobIdOf(corpId, e.key);
      const job: EffectJob = { corpId, effect: e.effect, key: e.key, data: e.data };
      await queue.sendInTx(tx, EFFECT_QUEUE, job, { id, startAfter: Date.now() + FALLBACK_AFTER_MS });
      e.jobId = id;
    }
  }

  /** Runs one effect; its job id when it succeeded (to cancel), null when it failed (its job will retry). */
  async function runOne(corpId: string, e: Effect): Promise<string | null> {
    try {
      await handlerOf(e.effect)(corpId, e.data);
      return e.jobId ?? null;
    } catch (err) {
      logger.warn({ err, corpId, effect: e.effect }, 'effect failed in process; its job will retry');
      return null;
    }
  }

  /**
   * Runs a committed transaction's effects, EFFECT_CONCURRENCY at a time (a batch of callbacks must not take every
   * database connection from the next batch), then cancels the jobs of those that succeeded in one call.
   */
  function runNow(corpId: string, effects: Effect[]): void {
    const done: string[] = [];
    let next = 0;
    const workers = Array.from({ length: Math.min(EFFECT_CONCURRENCY, effects.length) }, async () => {
      for (let i = next++; i < effects.length; i = next++) {
        const id = await runOne(corpId, effects[i]);
        if (id) done.push(id);
      }
    });
    const p = Promise.all(workers)
      .then(async () => {
        if (done.length) await queue.cancel(EFFECT_QUEUE, done);
      })
      .catch((err) => logger.warn({ err, corpId }, 'cancelling finished effect jobs failed; they will run again, idempotently'))
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  }

  return {
    async beforeCommit(tx, corpId) {
      const s = sessionFor(tx);
      if (!s) return;
      for (let round = 0; ; round++) {
        while (s.pending.length) await deliver(tx, corpId, s.pending.splice(0));
        if (s.changed.size === 0) break;
        if (round >= MAX_DERIVE_ROUNDS) {
          logger.warn({ corpId, customers: s.changed.size }, 'derive stopped after the maximum number of rounds');
          s.changed.clear();
          break;
        }
        const changes = new Map(s.changed);
        s.changed.clear();
        for (const derive of derivers) await derive(tx, corpId, changes);
      }
      if (s.effects.size) await persistEffects(tx, corpId, [...s.effects.values()]);
    },
    afterCommit(tx, corpId) {
      const s = sessionFor(tx);
      endSession(tx);
      if (s?.effects.size) runNow(corpId, [...s.effects.values()]);
    },
    rolledBack(tx) {
      endSession(tx);
    },
    async runEffectJob(job) {
      await handlerOf(job.effect)(job.corpId, job.data);
    },
    async idle() {
      while (inFlight.size) await Promise.all([...inFlight]);
    },
  };
}
