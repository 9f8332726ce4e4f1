// What an applied WeCom callback means for Siyu, as domain events: a follow added, changed or deleted, a group
// created, changed or dismissed, members joining or leaving. Recorded in the transaction that mirrored the callback
// (the `mirror` phase), so every other module reacts to facts rather than to WeCom's callback shapes.
import type { DomainEvent } from '@siyu/contracts';
import type { ExternalChatEvent, ExternalContactEvent } from '@siyu/wecom';
import type { Tx } from '../../db/tenancy';
import { recordEvents, type RecordEntry } from '../../platform/events';

const atOf = (createTime: number) => new Date(createTime ? createTime * 1000 : Date.now());

async function customerIds(tx: Tx, corpId: string, exts: string[]): Promise<Map<string, string>> {
  if (exts.length === 0) return new Map();
  const rows = await tx
    .selectFrom('customers')
    .select(['id', 'external_userid'])
    .where('corp_id', '=', corpId)
    .where('external_userid', 'in', exts)
    .execute();
  return new Map(rows.map((r) => [r.external_userid!, r.id]));
}

/** The facts of contact callbacks applied together (arrival order); `newCustomer` when one brought its customer in. */
export async function recordContactFacts(tx: Tx, corpId: string, items: Array<{ event: ExternalContactEvent; newCustomer: boolean }>): Promise<void> {
  const ids = await customerIds(tx, corpId, [...new Set(items.map((i) => i.event.externalUserId))]);
  const entries: RecordEntry[] = [];
  for (const { event: e, newCustomer } of items) {
    const ext = e.externalUserId;
    const customerId = ids.get(ext);
    if (!customerId) continue; // WeCom no longer knows the relation and Siyu never did
    const at = atOf(e.createTime);
    // WeCom times callbacks to the second; an add also carries its own welcome code, so a delete and re-add in one
    // second are still two facts.
    const welcome = e.kind === 'add_external_contact' && e.welcomeCode ? `:${e.welcomeCode}` : '';
    const dedupeKey = `wecom:${e.kind}:${ext}:${e.userId}:${at.getTime()}${welcome}`;
    switch (e.kind) {
      case 'add_external_contact':
      case 'add_half_external_contact': {
        const state = e.state || null;
        entries.push({
          event: {
            type: 'follow.added',
            customerId,
            data: {
              externalUserid: ext,
              staffUserid: e.userId,
              state,
              welcomeCode: e.kind === 'add_external_contact' ? e.welcomeCode || null : null,
              newCustomer,
              half: e.kind === 'add_half_external_contact',
              addedAt: at.toISOString(),
            },
          },
          timeline: { type: 'follow_added', source: 'wecom', dedupeKey, occurredAt: at, properties: { staffUserid: e.userId, ...(state ? { state } : {}) } },
        });
        break;
      }
      case 'edit_external_contact':
        entries.push({ event: { type: 'follow.updated', customerId, data: { externalUserid: ext, staffUserid: e.userId } } });
        break;
      case 'del_external_contact':
      case 'del_follow_user': {
        const by = e.kind === 'del_external_contact' ? 'staff' : 'customer';
        entries.push({
          event: { type: 'follow.deleted', customerId, data: { externalUserid: ext, staffUserid: e.userId, by, at: at.toISOString() } },
          timeline: { type: `follow_deleted_by_${by}`, source: 'wecom', dedupeKey, occurredAt: at, properties: { staffUserid: e.userId } },
        });
        break;
      }
      case 'transfer_fail':
        entries.push({
          event: { type: 'follow.transfer_failed', customerId, data: { externalUserid: ext, staffUserid: e.userId, failReason: e.failReason ?? null } },
        });
        break;
    }
  }
  await recordEvents(tx, corpId, entries);
}

/** The facts of chat callbacks applied together, in arrival order. */
export async function recordChatFacts(tx: Tx, corpId: string, items: readonly ExternalChatEvent[]): Promise<void> {
  const ids = await customerIds(tx, corpId, [...new Set(items.flatMap((e) => (e.kind === 'chat_update' ? (e.memChangeList ?? []) : [])))]);
  const events: DomainEvent[] = [];
  for (const e of items) {
    if (e.kind === 'chat_create') events.push({ type: 'group.created', customerId: null, data: { chatId: e.chatId } });
    if (e.kind === 'chat_dismiss') events.push({ type: 'group.dismissed', customerId: null, data: { chatId: e.chatId } });
    if (e.kind !== 'chat_update') continue;
    events.push({ type: 'group.updated', customerId: null, data: { chatId: e.chatId, change: e.updateDetail || null } });
    const at = atOf(e.createTime).toISOString();
    for (const memberId of e.memChangeList ?? []) {
      const customerId = ids.get(memberId) ?? null;
      if (e.updateDetail === 'add_member') {
        events.push({ type: 'group.joined', customerId, data: { chatId: e.chatId, memberId, joinScene: e.joinScene ?? null, at } });
      } else if (e.updateDetail === 'del_member') {
        events.push({ type: 'group.left', customerId, data: { chatId: e.chatId, memberId, at } });
      }
    }
  }
  await recordEvents(tx, corpId, events.map((event) => ({ event })));
}
