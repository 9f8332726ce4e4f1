// Editors for the leaf kinds whose operands are ids of WeCom things: tags (group / tag), channel codes (by state),
// staff (name and department), customer groups, RFM classes and event types. Each is a searchable picker that shows
// names and stores ids; an id no longer known shows as "deleted (id)" rather than disappearing.
import { Select, Space } from 'antd';
import type { ReactNode } from 'react';
import type { MessageKey } from '../../i18n/messages';
import { useT } from '../../i18n/use-t';
import { eventLabel, TIMELINE_TYPES } from '../../components/event-label';
import type { LeafEditorProps } from './leaf-editors';
import { options } from './rule-inputs';
import { useRulePickers } from './rule-pickers';

export const RFM_CLASSES = [
  'important_value',
  'important_retain',
  'important_develop',
  'important_winback',
  'general_value',
  'general_retain',
  'general_develop',
  'general_winback',
] as const;

type Option = { value: string; label: ReactNode; search: string };

/** A multiple, searchable picker over `choices`; stored values without a choice show as deleted. */
function NamePicker({
  value,
  onChange,
  choices,
  placeholder,
  testId,
  width = 280,
}: {
  value: readonly string[] | undefined;
  onChange: (v: string[]) => void;
  choices: Option[];
  placeholder: string;
  testId: string;
  width?: number;
}) {
  const t = useT();
  const known = new Set(choices.map((c) => c.value));
  const missing = (value ?? []).filter((v) => !known.has(v));
  const all = [
    ...choices,
    ...missing.map((v) => ({ value: v, label: t('rule.pick.unknown', { id: v }), search: v })),
  ];
  return (
    <Select
      mode="multiple"
      showSearch
      allowClear
      value={value ? [...value] : []}
      onChange={onChange}
      options={all}
      optionFilterProp="search"
      placeholder={placeholder}
      style={{ minWidth: width }}
      data-testid={testId}
    />
  );
}

export function TagsLeafEditor({ leaf, onChange }: LeafEditorProps<'tags'>) {
  const t = useT();
  const { names } = useRulePickers();
  const choices = names.tags.map((tag) => ({
    value: tag.id,
    label: `${tag.groupName} / ${tag.name}`,
    search: `${tag.groupName} ${tag.name}`,
  }));
  return (
    <Space wrap>
      <Select
        value={leaf.match}
        onChange={(match) => onChange({ ...leaf, match })}
        options={options(['any', 'all', 'none'] as const, t, 'segments.match')}
        style={{ width: 120 }}
      />
      <NamePicker
        value={leaf.tagIds}
        onChange={(tagIds) => onChange({ ...leaf, tagIds })}
        choices={choices}
        placeholder={t('rule.pick.tags')}
        testId="rule-tags-picker"
      />
    </Space>
  );
}

export function ChannelLeafEditor({ leaf, onChange }: LeafEditorProps<'channel'>) {
  const t = useT();
  const { names } = useRulePickers();
  return (
    <NamePicker
      value={leaf.states}
      onChange={(states) => onChange({ ...leaf, states })}
      choices={names.channels.map((c) => ({ value: c.state, label: c.name, search: c.name }))}
      placeholder={t('rule.pick.channels')}
      testId="rule-channel-picker"
    />
  );
}

export function OwnerLeafEditor({ leaf, onChange }: LeafEditorProps<'owner'>) {
  const t = useT();
  const { names } = useRulePickers();
  return (
    <NamePicker
      value={leaf.staffUserids}
      onChange={(staffUserids) => onChange({ ...leaf, staffUserids })}
      choices={names.staff.map((s) => ({
        value: s.userid,
        label: s.department ? `${s.name} · ${s.department}` : s.name,
        search: `${s.name} ${s.department}`,
      }))}
      placeholder={t('rule.pick.staff')}
      testId="rule-owner-picker"
    />
  );
}

export function GroupLeafEditor({ leaf, onChange }: LeafEditorProps<'group'>) {
  const t = useT();
  const { names } = useRulePickers();
  return (
    <NamePicker
      value={leaf.chatIds}
      onChange={(chatIds) => onChange({ ...leaf, chatIds })}
      choices={names.groups.map((g) => ({ value: g.chatId, label: g.name || t('rule.pick.groups'), search: g.name }))}
      placeholder={t('rule.pick.groups')}
      testId="rule-group-picker"
    />
  );
}

export function RfmLeafEditor({ leaf, onChange }: LeafEditorProps<'rfm'>) {
  const t = useT();
  return (
    <NamePicker
      value={leaf.classes}
      onChange={(classes) => onChange({ ...leaf, classes })}
      choices={RFM_CLASSES.map((c) => {
        const label = t(`rfm.${c}` as MessageKey);
        return { value: c, label, search: label };
      })}
      placeholder={t('rule.pick.rfm')}
      testId="rule-rfm-picker"
    />
  );
}

/** One event type, picked by its label among the types the corp has recorded and the ones Siyu's timeline writes. */
export function EventTypePicker({ value, onChange }: { value: string; onChange: (type: string) => void }) {
  const t = useT();
  const { names } = useRulePickers();
  const types = [...new Set([...names.eventTypes, ...TIMELINE_TYPES, ...(value ? [value] : [])])];
  return (
    <Select
      showSearch
      value={value || undefined}
      onChange={onChange}
      options={types.map((type) => {
        const label = eventLabel(t, type);
        return { value: type, label, search: `${label} ${type}` };
      })}
      optionFilterProp="search"
      placeholder={t('rule.pick.eventType')}
      style={{ minWidth: 180 }}
      data-testid="rule-event-type"
    />
  );
}
