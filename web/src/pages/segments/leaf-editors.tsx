// One editor per leaf kind of the rule language, in a table typed over every kind: a kind missing here does not
// compile. Those whose operands are ids chosen by name are in picker-leaf-editors.tsx (stage, custom field, event
// time, points) and name-leaf-editors.tsx (tags, channels, staff, groups, RFM classes, event types).
import type { ReactNode } from 'react';
import { Input, InputNumber, Select, Space, Switch } from 'antd';
import { VALUE_OPS, type AttributeField, type LeafKind, type Scalar, type ValueOp } from '@siyu/contracts';
import { useT } from '../../i18n/use-t';
import { patchLeaf, type LeafOf } from './leaf-defaults';
import { CMP, ListInput, NumberOperand, WindowInput, numberFor, options } from './rule-inputs';
import {
  ChannelLeafEditor,
  EventTypePicker,
  GroupLeafEditor,
  OwnerLeafEditor,
  RfmLeafEditor,
  TagsLeafEditor,
} from './name-leaf-editors';
import { CustomFieldLeafEditor, EventTimeLeafEditor, PointsLeafEditor, StageLeafEditor } from './picker-leaf-editors';
import { useRulePickers } from './rule-pickers';

export type LeafEditorProps<K extends LeafKind> = { leaf: LeafOf<K>; onChange: (leaf: LeafOf<K>) => void };
export type LeafEditorTable = { [K in LeafKind]: (props: LeafEditorProps<K>) => ReactNode };

const ATTRIBUTE_CHOICES: readonly AttributeField[] = ['name', 'phone', 'gender', 'created_at', 'corp_name'];

function AttributeLeafEditor({ leaf, onChange }: LeafEditorProps<'attribute'>) {
  const t = useT();
  const set = (patch: Partial<LeafOf<'attribute'>>) => onChange(patchLeaf(leaf, patch));
  const numeric = leaf.field === 'gender';
  const date = leaf.field === 'created_at';
  const op = leaf.op;
  const operandFor = (o: ValueOp): Scalar | Scalar[] | undefined =>
    o === 'is_set' || o === 'not_set'
      ? undefined
      : o === 'between'
        ? date
          ? [{ daysAgo: 60 }, { daysAgo: 30 }]
          : [0, 1]
        : date
          ? { daysAgo: 30 }
          : numeric
            ? 1
            : '';
  const daysAgo = typeof leaf.value === 'object' && leaf.value !== null && 'daysAgo' in leaf.value ? leaf.value.daysAgo : 30;
  return (
    <Space wrap>
      <Select
        value={leaf.field}
        onChange={(f) =>
          set({
            field: f,
            value: f === 'created_at' ? { daysAgo: 30 } : f === 'gender' ? 1 : '',
            op: f === 'created_at' ? 'gte' : 'eq',
          })
        }
        options={options(ATTRIBUTE_CHOICES, t, 'segments.field')}
        style={{ width: 120 }}
      />
      <Select
        value={op}
        onChange={(o) => set({ op: o, value: operandFor(o) })}
        options={options(VALUE_OPS, t, 'segments.op')}
        style={{ width: 110 }}
      />
      {op === 'is_set' || op === 'not_set' ? null : date && op !== 'between' ? (
        <InputNumber
          addonAfter={t('segments.rule.daysAgo')}
          value={daysAgo}
          onChange={(v) => set({ value: { daysAgo: v ?? 0 } })}
        />
      ) : numeric ? (
        <NumberOperand op={op} value={leaf.value} onChange={(v) => set({ value: v })} />
      ) : op === 'in' ? (
        <ListInput
          value={Array.isArray(leaf.value) ? leaf.value.map(String) : []}
          onChange={(v) => set({ value: v })}
          placeholder=""
        />
      ) : (
        <Input
          value={String(leaf.value ?? '')}
          onChange={(e) => set({ value: e.target.value })}
          placeholder={op === 'contains' ? t('segments.op.containsHint') : undefined}
          style={{ width: 180 }}
        />
      )}
    </Space>
  );
}






function SegmentLeafEditor({ leaf, onChange }: LeafEditorProps<'segment'>) {
  const t = useT();
  const { segments } = useRulePickers();
  return (
    <Select
      value={leaf.segmentId || undefined}
      onChange={(segmentId) => onChange({ ...leaf, segmentId })}
      options={segments}
      showSearch
      optionFilterProp="label"
      style={{ minWidth: 220 }}
      placeholder={t('segments.rule.segment')}
    />
  );
}

function EventLeafEditor({ leaf, onChange }: LeafEditorProps<'event'>) {
  const t = useT();
  const set = (patch: Partial<LeafOf<'event'>>) => onChange(patchLeaf(leaf, patch));
  return (
    <Space wrap>
      <Switch
        checked={leaf.did !== false}
        onChange={(did) => set({ did })}
        checkedChildren={t('segments.rule.did')}
        unCheckedChildren={t('segments.rule.didNot')}
      />
      <EventTypePicker value={leaf.eventType} onChange={(eventType) => set({ eventType })} />
      <WindowInput within={leaf.within} onChange={(within) => set({ within })} />
    </Space>
  );
}

function EventMeasureLeafEditor({ leaf, onChange }: LeafEditorProps<'event_measure'>) {
  const t = useT();
  const set = (patch: Partial<LeafOf<'event_measure'>>) => onChange(patchLeaf(leaf, patch));
  return (
    <Space wrap>
      <EventTypePicker value={leaf.eventType} onChange={(eventType) => set({ eventType })} />
      <Select
        value={leaf.measure}
        onChange={(m) => set({ measure: m, property: m === 'count' ? undefined : (leaf.property ?? 'amount') })}
        options={options(['count', 'sum', 'avg'] as const, t, 'segments.measure')}
        style={{ width: 100 }}
      />
      {leaf.measure !== 'count' && (
        <Input
          value={leaf.property ?? ''}
          onChange={(e) => set({ property: e.target.value })}
          placeholder={t('segments.rule.property')}
          style={{ width: 110 }}
        />
      )}
      <Select
        value={leaf.op}
        onChange={(op) => set({ op, value: numberFor(op) })}
        options={options(CMP, t, 'segments.op')}
        style={{ width: 100 }}
      />
      <NumberOperand op={leaf.op} value={leaf.value} onChange={(value) => set({ value })} />
      <WindowInput within={leaf.within} onChange={(within) => set({ within })} />
    </Space>
  );
}

function OrdersLeafEditor({ leaf, onChange }: LeafEditorProps<'orders'>) {
  const t = useT();
  const set = (patch: Partial<LeafOf<'orders'>>) => onChange(patchLeaf(leaf, patch));
  return (
    <Space wrap>
      <Select
        value={leaf.measure}
        onChange={(measure) => set({ measure })}
        options={options(['count', 'amount', 'days_since_last'] as const, t, 'segments.orders')}
        style={{ width: 150 }}
      />
      <Select
        value={leaf.op}
        onChange={(op) => set({ op, value: numberFor(op) })}
        options={options(CMP, t, 'segments.op')}
        style={{ width: 100 }}
      />
      <NumberOperand op={leaf.op} value={leaf.value} onChange={(value) => set({ value })} />
      <WindowInput within={leaf.within} onChange={(within) => set({ within })} />
      <Input
        value={leaf.item?.category ?? ''}
        onChange={(e) => set({ item: e.target.value ? { category: e.target.value } : undefined })}
        placeholder={t('segments.rule.category')}
        style={{ width: 120 }}
      />
    </Space>
  );
}

export const LEAF_EDITORS: LeafEditorTable = {
  attribute: AttributeLeafEditor,
  custom_field: CustomFieldLeafEditor,
  tags: TagsLeafEditor,
  channel: ChannelLeafEditor,
  owner: OwnerLeafEditor,
  group: GroupLeafEditor,
  stage: StageLeafEditor,
  segment: SegmentLeafEditor,
  event: EventLeafEditor,
  event_measure: EventMeasureLeafEditor,
  event_time: EventTimeLeafEditor,
  orders: OrdersLeafEditor,
  rfm: RfmLeafEditor,
  points: PointsLeafEditor,
};
