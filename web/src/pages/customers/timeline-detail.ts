// What one timeline row says in words, with the names its ids refer to: the staff member, the channel code, the
// stage moved from and to, the segment, the level, the order and its items, the link opened. Rows of a type no one
// named (a shop's own event) show their plain properties.
import type { TimelineItem } from '../../api/profiles';
import type { Translate } from '../../i18n/messages';

export type TimelineNames = {
  staff: Map<string, string>;
  channels: Map<string, string>;
  /** a follow's state → its source in words (channel code, fission campaign, group code), from the profile's follows */
  sources: Map<string, string>;
  /** pipeline id → its name and its stages' names by id */
  pipelines: Map<string, { name: string; stages: Map<string, string> }>;
};

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' ? v : typeof v === 'string' && v !== '' && !Number.isNaN(Number(v)) ? Number(v) : null);

export function timelineDetail(t: Translate, item: TimelineItem, names: TimelineNames): string {
  const p = item.properties;
  const parts: string[] = [];
  const staff = str(p.staffUserid);
  // A userid the staff list does not hold is never shown: the unknown-staff words once the list is in.
  const staffName = staff ? (names.staff.get(staff) ?? (names.staff.size ? t('staff.unknown') : '…')) : null;
  switch (item.type) {
    case 'follow_added': {
      if (staffName) parts.push(t('event.detail.staff', { name: staffName }));
      const state = str(p.state);
      if (state) {
        const source = names.sources.get(state) ?? (names.channels.has(state) ? t('event.detail.channel', { name: names.channels.get(state)! }) : null);
        parts.push(source ?? t('attribution.other', { state }));
      }
      break;
    }
    case 'channel.add':
      parts.push(t('event.detail.channel', { name: str(p.channelName) ?? str(p.state) ?? '' }));
      if (staffName) parts.push(t('event.detail.staff', { name: staffName }));
      break;
    case 'stage_moved':
    case 'stage.changed': {
      const pipeline = names.pipelines.get(str(p.pipelineId) ?? '');
      const stage = (id: unknown) => (str(id) ? (pipeline?.stages.get(str(id)!) ?? t('event.detail.stageNone')) : t('event.detail.stageNone'));
      parts.push(
        t('event.detail.stage', { pipeline: pipeline?.name ?? '', from: stage(p.fromStageId), to: stage(p.toStageId) }) +
          (p.by === 'rule' ? t('event.detail.by.rule') : p.by === 'user' ? t('event.detail.by.user') : ''),
      );
      break;
    }
    case 'level_up':
    case 'level.changed':
      parts.push(t('event.detail.level', { level: num(p.to) ?? '', name: str(p.name) ?? '' }));
      break;
    case 'segment.entered':
    case 'segment.exited':
      if (str(p.segmentName)) parts.push(str(p.segmentName)!);
      break;
    case 'points.changed': {
      const delta = num(p.delta) ?? 0;
      parts.push(t('event.detail.points', { delta: delta > 0 ? `+${delta}` : String(delta) }));
      if (str(p.reason)) parts.push(str(p.reason)!);
      break;
    }
    case 'order':
    case 'order.placed': {
      if (num(p.amount) !== null) parts.push(t('event.detail.order', { amount: num(p.amount)! }));
      const items = Array.isArray(p.items) ? (p.items as Array<{ name?: unknown; quantity?: unknown }>) : [];
      if (items.length) parts.push(items.map((i) => `${str(i.name) ?? ''}${num(i.quantity) && num(i.quantity)! > 1 ? ` ×${num(i.quantity)}` : ''}`).join('、'));
      if (str(p.orderNo)) parts.push(`#${str(p.orderNo)}`);
      break;
    }
    default: {
      if (staffName) parts.push(t('event.detail.staff', { name: staffName }));
      for (const key of ['title', 'name', 'url', 'form', 'room'] as const) if (str(p[key])) parts.push(str(p[key])!);
      if (str(p.text)) parts.push(`“${str(p.text)}”`);
      if (num(p.seconds) !== null) parts.push(t('event.detail.seconds', { n: num(p.seconds)! }));
    }
  }
  return parts.join(' · ');
}
