// A flow's entry (and an event filter) in words, with names for every id: what the list and the editor's header show.
import type { SopEntry, SopEventFilter } from '@siyu/contracts';
import type { MessageKey, Translate } from '../../i18n/messages';
import { nameOf, stageName, type AllNames } from './sop-names';

export function eventName(t: Translate, event: string): string {
  return t(`sop.event.${event}` as MessageKey);
}

export function filterSummary(filter: SopEventFilter | undefined, t: Translate, names: AllNames): string[] {
  if (!filter) return [];
  const unknown = (id: string) => t('rule.pick.unknown', { id });
  const parts: string[] = [];
  if (filter.channelIds) parts.push(`${t('sop.filter.channels')}：${filter.channelIds.map((id) => nameOf(names.channels, id, unknown)).join('、')}`);
  if (filter.tagIds) parts.push(`${t('sop.filter.tags')}：${filter.tagIds.map((id) => nameOf(names.tagOptions, id, unknown)).join('、')}`);
  if (filter.segmentId) parts.push(`${t('sop.filter.segment')}：${nameOf(names.segments, filter.segmentId, unknown)}`);
  if (filter.stageId) parts.push(`${t('sop.filter.stage')}：${stageName(names.pipelines, filter.stageId, unknown)}`);
  if (filter.eventType) parts.push(`${t('sop.filter.eventType')}：${filter.eventType}`);
  if (filter.minAmount !== undefined) parts.push(t('sop.filter.minAmountSummary', { n: filter.minAmount }));
  return parts;
}

export function entrySummary(entry: SopEntry, t: Translate, names: AllNames): string {
  if (entry.kind === 'days_after_add') return t('sop.entry.daysAfterAddSummary', { days: entry.days, at: entry.at });
  if (entry.kind === 'date') {
    const field = entry.field === 'birthday' ? t('sop.entry.birthday') : (names.dateFields.find((f) => f.value === entry.field || f.key === entry.field)?.label ?? t('rule.pick.unknown', { id: entry.field }));
    const n = Math.abs(entry.offsetDays);
    const key: MessageKey = entry.offsetDays < 0 ? 'sop.entry.dateBeforeSummary' : entry.offsetDays > 0 ? 'sop.entry.dateAfterSummary' : 'sop.entry.dateOnSummary';
    return t(key, { field, n, at: entry.at });
  }
  const parts = filterSummary(entry.filter, t, names);
  return parts.length ? `${eventName(t, entry.event)}（${parts.join('；')}）` : eventName(t, entry.event);
}
