// An event and the filter that narrows it, with name pickers for what the event is about: the channel code of an
// add, the tag, the segment, the stage, the tracked event's type, an order's least amount. Used by the entry, the
// "wait for an event" step and the goal.
import { SOP_EVENTS, type SopEvent, type SopEventFilter } from '@siyu/contracts';
import { InputNumber, Select, Space } from 'antd';
import { useT } from '../../i18n/use-t';
import { EventTypePicker } from '../segments/name-leaf-editors';
import { eventName } from './entry-summary';
import { useSopNames, withUnknown } from './sop-names';

/** Drops empty fields: the server refuses empty lists, and a filter with nothing in it is no filter. */
function clean(f: SopEventFilter): SopEventFilter | undefined {
  const out: SopEventFilter = {};
  if (f.channelIds?.length) out.channelIds = f.channelIds;
  if (f.tagIds?.length) out.tagIds = f.tagIds;
  if (f.segmentId) out.segmentId = f.segmentId;
  if (f.stageId) out.stageId = f.stageId;
  if (f.eventType) out.eventType = f.eventType;
  if (f.minAmount !== undefined && f.minAmount !== null) out.minAmount = f.minAmount;
  return Object.keys(out).length ? out : undefined;
}

export function EventPicker({ value, onChange, testId, allowClear }: { value: SopEvent | undefined; onChange: (e: SopEvent | undefined) => void; testId?: string; allowClear?: boolean }) {
  const t = useT();
  return (
    <Select
      value={value}
      allowClear={allowClear}
      placeholder={t('sop.exit.noGoalEvent')}
      onChange={(e?: SopEvent) => onChange(e)}
      options={SOP_EVENTS.map((e) => ({ value: e, label: eventName(t, e) }))}
      style={{ width: 200 }}
      data-testid={testId}
    />
  );
}

export function EventFilterForm({ event, filter, onChange }: { event: SopEvent; filter: SopEventFilter | undefined; onChange: (f: SopEventFilter | undefined) => void }) {
  const t = useT();
  const names = useSopNames();
  const f = filter ?? {};
  const set = (patch: Partial<SopEventFilter>) => onChange(clean({ ...f, ...patch }));
  const unknown = (id: string) => t('rule.pick.unknown', { id });
  const stages = names.pipelines.flatMap((p) => p.stages.map((s) => ({ value: s.id, label: `${p.name} / ${s.name}` })));
  switch (event) {
    case 'follow.attributed':
    case 'follow.added':
      return (
        <Select mode="multiple" allowClear showSearch optionFilterProp="label" style={{ minWidth: 260 }} placeholder={t('sop.filter.anyChannel')}
          options={withUnknown(names.channels, f.channelIds ?? [], unknown)} value={f.channelIds ?? []} data-testid="sop-filter-channels"
          onChange={(ids: string[]) => set({ channelIds: ids })} />
      );
    case 'tag.added':
    case 'tag.removed':
      return (
        <Select mode="multiple" allowClear showSearch optionFilterProp="label" style={{ minWidth: 260 }} placeholder={t('sop.filter.anyTag')}
          options={withUnknown(names.tagOptions, f.tagIds ?? [], unknown)} value={f.tagIds ?? []} data-testid="sop-filter-tags"
          onChange={(ids: string[]) => set({ tagIds: ids })} />
      );
    case 'segment.entered':
    case 'segment.exited':
      return (
        <Select allowClear showSearch optionFilterProp="label" style={{ minWidth: 220 }} placeholder={t('sop.filter.anySegment')}
          options={withUnknown(names.segments, f.segmentId ? [f.segmentId] : [], unknown)} value={f.segmentId} data-testid="sop-filter-segment"
          onChange={(id?: string) => set({ segmentId: id })} />
      );
    case 'stage.changed':
      return (
        <Select allowClear showSearch optionFilterProp="label" style={{ minWidth: 220 }} placeholder={t('sop.filter.anyStage')}
          options={withUnknown(stages, f.stageId ? [f.stageId] : [], unknown)} value={f.stageId} data-testid="sop-filter-stage"
          onChange={(id?: string) => set({ stageId: id })} />
      );
    case 'order.placed':
      return (
        <Space>
          <InputNumber min={0} value={f.minAmount} placeholder={t('sop.filter.minAmount')} addonBefore="≥" style={{ width: 200 }}
            onChange={(v) => set({ minAmount: v ?? undefined })} />
        </Space>
      );
    case 'event.tracked':
      return <EventTypePicker value={f.eventType ?? ''} onChange={(eventType) => set({ eventType })} />;
  }
}
