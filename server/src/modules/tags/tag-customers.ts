// Tagging many customers from an automation (an SOP step), inside the caller's transaction: every active follow's
// tags change at once, tag.added / tag.removed are recorded, and WeCom's mark_tag runs after commit as the durable
// effect 'tags.mark' (keyed by the caller, so a retried step never tags twice; mark_tag itself is idempotent).
import type { DomainEventPayloads } from '@siyu/contracts';
import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy';
import { mapLimit } from '../../platform/map-limit';
import { afterCommit, recordEvents, type EffectHandler } from '../../platform/events';
import type { WecomConnections } from '../wecom';
import { wecomCall } from './tag-wecom-call';
import { activeFollows, type FollowRef } from './tags.repo';

type Source = DomainEventPayloads['tag.added']['source'];
export const MARK_TAGS_EFFECT = 'tags.mark';

/** Tags the customers' active follows; returns the customers who had one (the others are left as they are). */
export async function tagCustomers(tx: Tx, corpId: string, customerIds: readonly string[], change: { add: string[]; remove: string[]; source: Source; key: string }): Promise<Set<string>> {
  const follows = await activeFollows(tx, corpId, [...customerIds], null);
  if (follows.length === 0) return new Set();
  const { add, remove, source } = change;
  await sql`update follows f set tag_ids = array(select distinct t from unnest(f.tag_ids || ${add}::text[]) t where not (t = any(${remove}::text[])) order by t), updated_at = now()
             from unnest(${follows.map((f) => f.customerId)}::uuid[], ${follows.map((f) => f.staffUserid)}::text[]) as q(customer_id, staff_userid)
            where f.corp_id = ${corpId} and f.customer_id = q.customer_id and f.staff_userid = q.staff_userid`.execute(tx);
  const tagged = new Set(follows.map((f) => f.customerId));
  await recordEvents(tx, corpId, [
    ...(add.length ? [...tagged].map((id) => ({ event: { type: 'tag.added' as const, customerId: id, data: { tagIds: add, source, staffUserid: null } } })) : []),
    ...(remove.length ? [...tagged].map((id) => ({ event: { type: 'tag.removed' as const, customerId: id, data: { tagIds: remove, source, staffUserid: null } } })) : []),
  ]);
  afterCommit(tx, corpId, MARK_TAGS_EFFECT, change.key, { follows, add, remove });
  return tagged;
}

/** The effect: mark_tag for each follow, 8 at a time; a refusal fails the run so the durable job retries it. */
export function markTagsEffect(connections: WecomConnections): EffectHandler {
  return async (corpId, items) => {
    const client = await connections.contactClient(corpId);
    const calls = items.flatMap((item) => (item.follows as FollowRef[]).map((f) => ({ f, add: item.add as string[], remove: item.remove as string[] })));
    await mapLimit(calls, 8, ({ f, add, remove }) =>
      wecomCall(() => client.markTag({ userid: f.staffUserid, external_userid: f.externalUserid, ...(add.length ? { add_tag: add } : {}), ...(remove.length ? { remove_tag: remove } : {}) })),
    );
  };
}
