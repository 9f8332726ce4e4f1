// Facts whose only trace a rule can read is their own timeline row (a mass message reaching a customer changes no
// attribute, tag, stage, order or activity time — migration 0029 —, only adds a `broadcast_sent` row). A deriver whose
// rules read none of those timeline types now may leave out the customers such facts alone changed: at a million
// deliveries that is a million customer snapshots saved, and nothing it could have concluded differently.
import type { DomainEventType } from '@siyu/contracts';
import type { Tx } from '../../db/tenancy';
import type { Deriver } from './event-router';

/** Fact type → the timeline type it writes, for the facts that change nothing else a rule reads. */
export const TIMELINE_ONLY_FACTS: Readonly<Partial<Record<DomainEventType, string>>> = { 'broadcast.sent': 'broadcast_sent' };

/** The timeline types a deriver's rules read now (segments: every event leaf's eventType of its active rules). */
export type TimelineTypesRead = (tx: Tx, corpId: string) => Promise<ReadonlySet<string>>;

/**
 * `derive`, given only the customers changed by something it may read: a customer changed by nothing but
 * TIMELINE_ONLY_FACTS whose timeline types `reads` lacks is left out (and `derive` is not called when nobody is left).
 * `reads` is asked only when such a fact changed someone: every other round (each callback's) pays nothing.
 */
export function skippingUnreadFacts(reads: TimelineTypesRead, derive: Deriver): Deriver {
  return async (tx, corpId, changes) => {
    const timelineOnly = [...changes.values()].some((types) => [...types].some((t) => t in TIMELINE_ONLY_FACTS));
    if (!timelineOnly) return derive(tx, corpId, changes);
    const read = await reads(tx, corpId);
    const unread = new Set(
      Object.entries(TIMELINE_ONLY_FACTS)
        .filter(([, timeline]) => !read.has(timeline))
        .map(([type]) => type),
    );
    if (unread.size === 0) return derive(tx, corpId, changes);
    const kept = new Map([...changes].filter(([, types]) => [...types].some((t) => !unread.has(t))));
    if (kept.size > 0) await derive(tx, corpId, kept);
  };
}
