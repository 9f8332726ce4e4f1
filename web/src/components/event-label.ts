// Human names for event types, in the chosen language: the timeline's row types and the domain event types
// (packages/contracts/src/domain-events.ts). A type no one has named (a shop's own tracked event) shows as it is.
import { DOMAIN_EVENT_TYPES } from '@siyu/contracts';
import type { MessageKey, Translate } from '../i18n/messages';
import { zhCN } from '../i18n/zh-CN';

/** Timeline row types written by the server and by the shop's events (besides the domain event types). */
export const TIMELINE_TYPES = [
  'follow_added',
  'follow_deleted_by_staff',
  'follow_deleted_by_customer',
  'channel.add',
  'stage_moved',
  'level_up',
  'order',
  'link_open',
  'form_submit',
  'live_view',
  'page_view',
] as const;

/** Every type with a label (the timeline shows domain events' rows too). */
export const NAMED_EVENT_TYPES: readonly string[] = [...TIMELINE_TYPES, ...DOMAIN_EVENT_TYPES];

function keyOf(prefix: string, value: string): MessageKey | null {
  const key = `${prefix}.${value}`;
  return key in zhCN ? (key as MessageKey) : null;
}

export function eventLabel(t: Translate, type: string): string {
  const key = keyOf('event', type);
  return key ? t(key) : type;
}

export function sourceLabel(t: Translate, source: string): string {
  const key = keyOf('event.source', source);
  return key ? t(key) : source;
}
