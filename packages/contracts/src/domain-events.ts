// Domain events: typed facts named `<noun>.<past verb>`, recorded with the change that caused them (one port on the
// server) and delivered by one router to the handlers each module declares. `customerId` is the customer the fact
// is about (null when it concerns no single customer); changed customers are what the `derive` phase re-evaluates.

export type DomainEventPayloads = {
  /** A staff member and a customer became friends (WeCom add_external_contact / add_half_external_contact). */
  'follow.added': {
    externalUserid: string;
    staffUserid: string;
    state: string | null;
    welcomeCode: string | null;
    /** True when this add brought the customer into Siyu. */
    newCustomer: boolean;
    half: boolean;
    /** When WeCom says the friendship began (ISO). */
    addedAt: string;
  };
  /** A new follow was attributed to a channel code (渠道活码). */
  'follow.attributed': { channelId: string; channelName: string; staffUserid: string; state: string };
  /** Remark, description or WeCom-side tags of a follow changed (edit_external_contact). */
  'follow.updated': { externalUserid: string; staffUserid: string };
  /** The friendship ended: `by` staff (del_external_contact) or customer (del_follow_user). */
  'follow.deleted': { externalUserid: string; staffUserid: string; by: 'staff' | 'customer'; at: string };
  /** A customer transfer to another staff member failed (transfer_fail). */
  'follow.transfer_failed': { externalUserid: string; staffUserid: string; failReason: string | null };
  'customer.updated': { fields: string[] };
  'customer.merged': { fromCustomerId: string };
  'tag.added': { tagIds: string[]; source: 'console' | 'channel' | 'bulk' | 'wecom' | 'segment' | 'fission' | 'lead' | 'sop'; staffUserid: string | null };
  'tag.removed': { tagIds: string[]; source: 'console' | 'channel' | 'bulk' | 'wecom' | 'segment' | 'fission' | 'lead' | 'sop'; staffUserid: string | null };
  'custom_field.changed': { fieldIds: string[] };
  'note.added': { noteId: string };
  'order.placed': { orderNo: string; amount: number };
  'event.tracked': { eventType: string };
  /** A customer group (客户群) was created, changed or dismissed in WeCom. */
  'group.created': { chatId: string };
  'group.updated': { chatId: string; change: string | null };
  'group.dismissed': { chatId: string };
  /** Members joined a group; `customerId` is set for a member who is a customer. */
  'group.joined': { chatId: string; memberId: string; joinScene: number | null; at: string };
  'group.left': { chatId: string; memberId: string; at: string };
  'stage.changed': { pipelineId: string; fromStageId: string | null; toStageId: string | null; by: 'rule' | 'user' };
  'segment.entered': { segmentId: string; segmentName: string };
  'segment.exited': { segmentId: string; segmentName: string };
  'points.changed': { delta: number; reason: string };
  'level.changed': { from: number; to: number; name: string };
  /** A mass message reached the customer (WeCom send result status 1). */
  'broadcast.sent': { broadcastId: string; broadcastName: string; staffUserid: string; variant: string };
  /** A full sync or reconciliation with WeCom finished: follows, tags and groups were written in bulk, not per customer. */
  'wecom.synced': { runId: string; kind: string };
};

export type DomainEventType = keyof DomainEventPayloads;

export const DOMAIN_EVENT_TYPES = [
  'follow.added',
  'follow.attributed',
  'follow.updated',
  'follow.deleted',
  'follow.transfer_failed',
  'customer.updated',
  'customer.merged',
  'tag.added',
  'tag.removed',
  'custom_field.changed',
  'note.added',
  'order.placed',
  'event.tracked',
  'group.created',
  'group.updated',
  'group.dismissed',
  'group.joined',
  'group.left',
  'stage.changed',
  'segment.entered',
  'segment.exited',
  'points.changed',
  'level.changed',
  'broadcast.sent',
  'wecom.synced',
] as const satisfies readonly DomainEventType[];

/** One fact. `T` narrows `data` by `type`. */
export type DomainEvent<T extends DomainEventType = DomainEventType> = {
  [K in T]: { type: K; customerId: string | null; data: DomainEventPayloads[K] };
}[T];
