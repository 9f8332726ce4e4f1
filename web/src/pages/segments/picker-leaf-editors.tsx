// Editors for the leaf kinds whose operands are ids: a stage (picked by pipeline and stage name), a custom field
// (picked by its label), an event's first / last time, and points, growth or level (levels picked by name).
import { Input, InputNumber, Select, Space } from 'antd';
import { VALUE_OPS, type DateValue, type ValueOp } from '@siyu/contracts';
import { useT } from '../../i18n/use-t';
import { patchLeaf, type LeafOf } from './leaf-defaults';
import type { LeafEditorProps } from './leaf-editors';
import { CMP, NumberOperand, numberFor, options } from './rule-inputs';
import { useRulePickers } from './rule-pickers';
import { EventTypePicker } from './name-leaf-editors';

export function StageLeafEditor({ leaf, onChange }: LeafEditorProps<'stage'>) {
  const t = useT();
  const { pipelines } = useRulePickers();
  const set = (patch: Partial<LeafOf<'stage'>>) => onChange(patchLeaf(leaf, patch));
  const pipeline = pipelines.find((p) => p.id === leaf.pipelineId);
  return (
    <Space wrap>
      <Select
        value={leaf.pipelineId || undefined}
        onChange={(pipelineId) => set({ pipelineId, stageIds: [] })}
        options={pipelines.map((p) => ({ value: p.id, label: p.name }))}
        placeholder={t('segments.rule.pipeline')}
        style={{ minWidth: 160 }}
        data-testid="rule-stage-pipeline"
      />
      <Select
        mode="multiple"
        value={leaf.stageIds}
        onChange={(stageIds) => set({ stageIds })}
        options={(pipeline?.stages ?? []).map((s) => ({ value: s.id, label: s.name }))}
        placeholder={t('segments.rule.stages')}
        style={{ minWidth: 200 }}
        data-testid="rule-stage-stages"
      />
      <InputNumber
        addonBefore={t('segments.rule.minDays')}
        min={0}
        value={leaf.minDays}
        onChange={(v) => set({ minDays: v ?? undefined })}
        style={{ width: 170 }}
      />
    </Space>
  );
}

export function CustomFieldLeafEditor({ leaf, onChange }: LeafEditorProps<'custom_field'>) {
  const t = useT();
  const { customFields } = useRulePickers();
  const set = (patch: Partial<LeafOf<'custom_field'>>) => onChange(patchLeaf(leaf, patch));
  const field = customFields.find((f) => f.key === leaf.key);
  const ops = VALUE_OPS.filter((o) => (leaf.type === 'text' ? o !== 'between' : o !== 'contains'));
  const operandFor = (o: ValueOp, type: LeafOf<'custom_field'>['type']): LeafOf<'custom_field'>['value'] =>
    o === 'is_set' || o === 'not_set'
      ? undefined
      : type === 'date'
        ? o === 'between'
          ? [{ daysAgo: 60 }, { daysAgo: 30 }]
          : { daysAgo: 30 }
        : type === 'number'
          ? o === 'between'
            ? [0, 1]
            : o === 'in'
              ? [1]
              : 1
          : o === 'in'
            ? []
            : '';
  const op = leaf.op;
  return (
    <Space wrap>
      <Select
        value={leaf.key || undefined}
        onChange={(key) => {
          const picked = customFields.find((f) => f.key === key);
          const type = picked?.type === 'number' || picked?.type === 'date' ? picked.type : 'text';
          set({ key, type, op: 'is_set', value: undefined });
        }}
        options={customFields.map((f) => ({ value: f.key, label: f.label }))}
        placeholder={t('segments.rule.customField')}
        style={{ minWidth: 160 }}
        data-testid="rule-custom-field"
      />
      <Select
        value={op}
        onChange={(o) => set({ op: o, value: operandFor(o, leaf.type) })}
        options={options(ops, t, 'segments.op')}
        style={{ width: 110 }}
        data-testid="rule-custom-field-op"
      />
      {op === 'is_set' || op === 'not_set' ? null : leaf.type === 'date' ? (
        <InputNumber
          addonAfter={t('segments.rule.daysAgo')}
          min={0}
          value={!Array.isArray(leaf.value) && typeof leaf.value === 'object' && leaf.value !== null && 'daysAgo' in leaf.value ? leaf.value.daysAgo : 30}
          onChange={(v) => set({ value: { daysAgo: v ?? 0 } })}
        />
      ) : leaf.type === 'number' ? (
        <NumberOperand op={op} value={leaf.value} onChange={(value) => set({ value })} />
      ) : field && field.type === 'select' ? (
        <Select
          mode={op === 'in' ? 'multiple' : undefined}
          value={leaf.value === '' ? undefined : (leaf.value as string | string[] | undefined)}
          onChange={(value: string | string[]) => set({ value })}
          options={field.options.map((o) => ({ value: o, label: o }))}
          style={{ minWidth: 140 }}
        />
      ) : (
        <Input
          value={Array.isArray(leaf.value) ? leaf.value.join(',') : String(leaf.value ?? '')}
          onChange={(e) => set({ value: op === 'in' ? e.target.value.split(',').filter(Boolean) : e.target.value })}
          style={{ width: 160 }}
          data-testid="rule-custom-field-value"
        />
      )}
    </Space>
  );
}

const TIME_OPS = ['gt', 'gte', 'lt', 'lte', 'is_set', 'not_set'] as const;

export function EventTimeLeafEditor({ leaf, onChange }: LeafEditorProps<'event_time'>) {
  const t = useT();
  const set = (patch: Partial<LeafOf<'event_time'>>) => onChange(patchLeaf(leaf, patch));
  const single: DateValue | undefined = leaf.value !== undefined && !Array.isArray(leaf.value) ? leaf.value : undefined;
  const daysAgo = typeof single === 'object' ? single.daysAgo : 30;
  return (
    <Space wrap>
      <EventTypePicker value={leaf.eventType} onChange={(eventType) => set({ eventType })} />
      <Select
        value={leaf.which}
        onChange={(which) => set({ which })}
        options={options(['first', 'last'] as const, t, 'segments.which')}
        style={{ width: 110 }}
      />
      <Select
        value={leaf.op === 'between' ? undefined : leaf.op}
        onChange={(op) => set({ op, value: op === 'is_set' || op === 'not_set' ? undefined : { daysAgo } })}
        options={options(TIME_OPS, t, 'segments.op')}
        style={{ width: 110 }}
      />
      {leaf.op === 'is_set' || leaf.op === 'not_set' ? null : (
        <InputNumber
          addonAfter={t('segments.rule.daysAgo')}
          min={0}
          value={daysAgo}
          onChange={(v) => set({ value: { daysAgo: v ?? 0 } })}
        />
      )}
    </Space>
  );
}

export function PointsLeafEditor({ leaf, onChange }: LeafEditorProps<'points'>) {
  const t = useT();
  const { levels } = useRulePickers();
  const set = (patch: Partial<LeafOf<'points'>>) => onChange(patchLeaf(leaf, patch));
  const byName = leaf.field === 'level' && levels.length > 0 && leaf.op !== 'between';
  return (
    <Space wrap>
      <Select
        value={leaf.field}
        onChange={(field) => set({ field, value: field === 'level' ? 1 : numberFor(leaf.op) })}
        options={options(['points', 'growth', 'level'] as const, t, 'segments.points')}
        style={{ width: 110 }}
        data-testid="rule-points-field"
      />
      <Select
        value={leaf.op}
        onChange={(op) => set({ op, value: numberFor(op) })}
        options={options(CMP, t, 'segments.op')}
        style={{ width: 100 }}
      />
      {byName ? (
        <Select
          value={typeof leaf.value === 'number' ? leaf.value : undefined}
          onChange={(value: number) => set({ value })}
          options={levels.map((l) => ({ value: l.level, label: `${l.level} · ${l.name}` }))}
          style={{ minWidth: 140 }}
          data-testid="rule-points-level"
        />
      ) : (
        <NumberOperand op={leaf.op} value={leaf.value} onChange={(value) => set({ value })} />
      )}
    </Space>
  );
}
