// A deriver wrapped by skippingUnreadFacts is given only the customers changed by something its rules may read: a
// customer whose only change is a mass-message delivery is left out while no rule reads `broadcast_sent`, and kept as
// soon as one does. No database: the deriver records what it was given.
import { describe, expect, it } from 'vitest';
import type { DomainEventType } from '@siyu/contracts';
import type { Tx } from '../../src/db/tenancy';
import { skippingUnreadFacts, type Changes } from '../../src/platform/events';

const tx = {} as Tx;
const changes: Changes = new Map<string, ReadonlySet<DomainEventType>>([
  ['only-broadcast', new Set<DomainEventType>(['broadcast.sent'])],
  ['broadcast-and-tag', new Set<DomainEventType>(['broadcast.sent', 'tag.added'])],
  ['tag', new Set<DomainEventType>(['tag.added'])],
]);

function spy(read: string[]) {
  const calls: string[][] = [];
  const asked = { reads: 0 };
  const derive = skippingUnreadFacts(
    async () => (asked.reads++, new Set(read)),
    async (_tx, _corp, given) => void calls.push([...given.keys()].sort()),
  );
  return { derive, calls, asked };
}

describe('skippingUnreadFacts', () => {
  it('leaves out customers changed only by facts whose timeline type no rule reads', async () => {
    const { derive, calls } = spy(['order_placed']);
    await derive(tx, 'corp', changes);
    expect(calls).toEqual([['broadcast-and-tag', 'tag']]);
  });

  it('keeps them when a rule reads the timeline type', async () => {
    const { derive, calls } = spy(['broadcast_sent']);
    await derive(tx, 'corp', changes);
    expect(calls).toEqual([['broadcast-and-tag', 'only-broadcast', 'tag']]);
  });

  it('does not ask what the rules read when no such fact changed anyone', async () => {
    const { derive, calls, asked } = spy([]);
    await derive(tx, 'corp', new Map([['tag', new Set<DomainEventType>(['tag.added'])]]));
    expect(calls).toEqual([['tag']]);
    expect(asked.reads).toBe(0);
  });

  it('is not called when nobody is left', async () => {
    const { derive, calls } = spy([]);
    await derive(tx, 'corp', new Map([['only-broadcast', new Set<DomainEventType>(['broadcast.sent'])]]));
    expect(calls).toEqual([]);
  });
});
