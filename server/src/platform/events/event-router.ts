// The one event router. Modules declare what they react to; the router delivers what a transaction recorded, phase
// by phase (mirror → profile → attribution → derive), just before it commits. `derive` (segments, dynamic tags,
// stages, alerts) runs once per round over the set of customers that changed and repeats while derived facts
// (segment.entered, stage.changed) change more, up to a bound. After commit it runs the effects handlers registered.
import type { DomainEvent, DomainEventType } from '@siyu/contracts';
import type { Tx, TransactionHooks } from '../../db/tenancy';
import type { Logger } from '../../logger';
import { endSession, sessionFor, type Effect } from './record-events';

export type Phase = 'mirror' | 'profile' | 'attribution' | 'derive';
export const PHASES: readonly Phase[] = ['mirror', 'profile', 'attribution', 'derive'];

export type EventHandler<T extends DomainEventType> = (tx: Tx, corpId: string, events: Array<DomainEvent<T>>) => Promise<void>;
export type Reactions = { [K in DomainEventType]?: EventHandler<K> };

/** Customers changed in this round, with the kinds of facts that changed them. */
export type Changes = ReadonlyMap<string, ReadonlySet<DomainEventType>>;
export type Deriver = (tx: Tx, corpId: string, changes: Changes) => Promise<void>;

/** What a module declares to the router. */
export type Reactor = { name: string; phase: Phase; on?: Reactions; derive?: Deriver };

/** Rounds of `derive` per transaction; a chain longer than this is cut (and logged) rather than looping. */
export const MAX_DERIVE_ROUNDS = 6;

type Route = { reactor: string; type: DomainEventType; handle: EventHandler<DomainEventType> };

export type EventRouter = TransactionHooks & {
  /** Resolves when every after-commit effect started so far has finished (tests, shutdown). */
  idle(): Promise<void>;
};

export function createEventRouter(reactors: readonly Reactor[], logger: Logger): EventRouter {
  const routes: Route[] = [];
  for (const phase of PHASES) {
    for (const r of reactors.filter((x) => x.phase === phase)) {
      for (const [type, handle] of Object.entries(r.on ?? {})) {
        routes.push({ reactor: r.name, type: type as DomainEventType, handle: handle as EventHandler<DomainEventType> });
      }
    }
  }
  const derivers = reactors.filter((r) => r.derive).map((r) => ({ name: r.name, derive: r.derive! }));
  const inFlight = new Set<Promise<void>>();

  async function deliver(tx: Tx, corpId: string, batch: DomainEvent[]): Promise<void> {
    for (const route of routes) {
      const events = batch.filter((e) => e.type === route.type);
      if (events.length) await route.handle(tx, corpId, events);
    }
  }

  function runEffects(corpId: string, effects: Effect[]): void {
    for (const effect of effects) {
      const p = effect
        .run()
        .catch((err) => logger.warn({ err, corpId, effect: effect.key.split(':')[0] }, 'after-commit effect failed'))
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
  }

  return {
    async beforeCommit(tx, corpId) {
      const s = sessionFor(tx);
      if (!s) return;
      for (let round = 0; ; round++) {
        while (s.pending.length) await deliver(tx, corpId, s.pending.splice(0));
        if (s.changed.size === 0) return;
        if (round >= MAX_DERIVE_ROUNDS) {
          logger.warn({ corpId, customers: s.changed.size }, 'derive stopped after the maximum number of rounds');
          s.changed.clear();
          return;
        }
        const changes = new Map(s.changed);
        s.changed.clear();
        for (const d of derivers) await d.derive(tx, corpId, changes);
      }
    },
    afterCommit(tx, corpId) {
      const s = sessionFor(tx);
      endSession(tx);
      if (s?.effects.size) runEffects(corpId, [...s.effects.values()]);
    },
    rolledBack(tx) {
      endSession(tx);
    },
    async idle() {
      while (inFlight.size) await Promise.all([...inFlight]);
    },
  };
}
