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

/**
 * An effect a module performs outside the database (WeCom call, app message, webhook), from JSON data. It gets every
 * request of its kind that one transaction made at once (a batch of callbacks claims its welcome messages with one
 * statement); its durable job, run later, gives it one. It throws only when the whole call should be retried.
 */
export type EffectHandler = (corpId: string, items: ReadonlyArray<Record<string, unknown>>) => Promise<void>;

/** What a module declares to the router. */
export type Reactor = { name: string; phase: Phase; on?: Reactions; derive?: Deriver; effects?: Record<string, EffectHandler> };

/** An effect whose requests are simply run one after another (most effects: one WeCom call each). */
export function oneByOne(run: (corpId: string, data: Record<string, unknown>) => Promise<void>): EffectHandler {
  return async (corpId, items) => {
    for (const data of items) await run(corpId, data);
  };
}

/** Rounds of `derive` per transaction; a chain longer than this is cut (and logged) rather than looping. */
export const MAX_DERIVE_ROUNDS = 6;
export const EFFECT_QUEUE = 'siyu.effect';
/** The durable copy of an effect waits this long before a worker may take it (the in-process run comes first). */
const FALLBACK_AFTER_MS = 15_000;

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
    const startAfter = new Date(Date.now() + FALLBACK_AFTER_MS);
    const jobs = effects.map((e) => {
      handlerOf(e.effect);
      e.jobId = jobIdOf(corpId, e.key);
      return { id: e.jobId, data: { corpId, effect: e.effect, key: e.key, data: e.data } satisfies EffectJob, startAfter };
    });
    await queue.insertInTx(tx, EFFECT_QUEUE, jobs); // one statement for the whole transaction's effects
  }

  /** Runs one kind of effect for its requests; their job ids when it succeeded (to cancel), none when it failed. */
  async function runKind(corpId: string, effect: string, requests: Effect[]): Promise<string[]> {
    try {
      await handlerOf(effect)(corpId, requests.map((r) => r.data));
      return requests.flatMap((r) => (r.jobId ? [r.jobId] : []));
    } catch (err) {
      logger.warn({ err, corpId, effect, requests: requests.length }, 'effect failed in process; its jobs will retry');
      return [];
    }
  }

  /** Runs a committed transaction's effects, one call per kind, then cancels the jobs of those that succeeded. */
  function runNow(corpId: string, effects: Effect[]): void {
    const byKind = new Map<string, Effect[]>();
    for (const e of effects) byKind.set(e.effect, [...(byKind.get(e.effect) ?? []), e]);
    const p = Promise.all([...byKind].map(([effect, requests]) => runKind(corpId, effect, requests)))
      .then(async (done) => {
        const ids = done.flat();
        if (ids.length) await queue.cancel(EFFECT_QUEUE, ids);
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
      await handlerOf(job.effect)(job.corpId, [job.data]);
    },
    async idle() {
      while (inFlight.size) await Promise.all([...inFlight]);
    },
  };
}
