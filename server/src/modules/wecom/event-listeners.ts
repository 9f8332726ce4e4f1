// How other modules react to WeCom callbacks without touching callback handling: a listener's `inTx` runs in the
// transaction that applies the event (after customers/follows are written), so its writes commit exactly once with
// it; `afterCommit` runs once the transaction committed, for WeCom side effects (welcome message, mark_tag).
import type { WecomEvent } from '@siyu/wecom';
import type { Tx } from '../../db/tenancy';

/** What applying the event changed, e.g. `customersInserted: 1` when this event brought the customer into Siyu. */
export type AppliedChanges = Readonly<Record<string, number>>;

export type EventListener = {
  name: string;
  inTx?: (tx: Tx, corpId: string, event: WecomEvent, applied: AppliedChanges) => Promise<void>;
  afterCommit?: (corpId: string, event: WecomEvent) => Promise<void>;
};

export type EventListeners = { add(listener: EventListener): void; list(): readonly EventListener[] };

export function createEventListeners(): EventListeners {
  const listeners: EventListener[] = [];
  return {
    add: (listener) => void listeners.push(listener),
    list: () => listeners,
  };
}
