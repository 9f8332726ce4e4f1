// Whether a domain event passes an SOP filter (the entry's, an event wait's or the goal's): every given field must
// match — the channel of an attribution, a tag added or removed, the segment entered or left, the stage entered,
// the tracked event's type, the order's amount.
import type { DomainEvent, SopEventFilter } from '@siyu/contracts';

export function passes(e: DomainEvent, f: SopEventFilter | undefined): boolean {
  if (!f) return true;
  const d = e.data as Record<string, unknown>;
  if (f.channelIds && !(typeof d.channelId === 'string' && f.channelIds.includes(d.channelId))) return false;
  if (f.tagIds && !(Array.isArray(d.tagIds) && d.tagIds.some((t) => f.tagIds!.includes(String(t))))) return false;
  if (f.segmentId && d.segmentId !== f.segmentId) return false;
  if (f.stageId && d.toStageId !== f.stageId) return false;
  if (f.eventType && d.eventType !== f.eventType) return false;
  if (f.minAmount !== undefined && !(typeof d.amount === 'number' && d.amount >= f.minAmount)) return false;
  return true;
}
