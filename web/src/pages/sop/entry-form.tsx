// Who enters the flow and when: a domain event (with its filter), N days after being added at a time of day, or a
// yearly date (the birthday or a date field) N days before or after; then the entry condition in the rule language
// and whether a customer may enter again.
import type { Rule, SopEntry, SopFlowInput } from '@siyu/contracts';
import { Button, Flex, Form, Input, InputNumber, Radio, Select } from 'antd';
import { useT } from '../../i18n/use-t';
import { RuleEditor } from '../segments/rule-editor';
import { EventFilterForm, EventPicker } from './event-filter-form';
import type { FlowProblem } from './flow-problem';
import { useSopNames, withUnknown } from './sop-names';

const EMPTY_RULE: Rule = { all: [] };

function defaultEntry(kind: SopEntry['kind']): SopEntry {
  if (kind === 'days_after_add') return { kind, days: 1, at: '10:00' };
  if (kind === 'date') return { kind, field: 'birthday', offsetDays: 0, at: '10:00' };
  return { kind: 'event', event: 'follow.added' };
}

export function TimeInput({ value, onChange, testId }: { value: string; onChange: (v: string) => void; testId?: string }) {
  return <Input type="time" value={value} onChange={(e) => e.target.value && onChange(e.target.value)} style={{ width: 120 }} data-testid={testId} />;
}

export function EntryForm({ draft, onChange, problem }: { draft: SopFlowInput; onChange: (patch: Partial<SopFlowInput>) => void; problem: FlowProblem | null }) {
  const t = useT();
  const names = useSopNames();
  const entry = draft.entry;
  const setEntry = (e: SopEntry) => onChange({ entry: e });
  const byKey = names.dateFields.find((f) => entry.kind === 'date' && f.key === entry.field);
  const dateFields = [{ value: 'birthday', label: t('sop.entry.birthday') }, ...names.dateFields.map((f) => ({ value: f.value, label: f.label }))];
  return (
    <Form layout="vertical" data-testid="sop-entry">
      <Form.Item label={t('sop.entry.kind')} validateStatus={problem?.area === 'entry' ? 'error' : undefined} help={problem?.area === 'entry' ? problem.message : undefined}>
        <Radio.Group value={entry.kind} optionType="button" onChange={(e) => setEntry(defaultEntry(e.target.value as SopEntry['kind']))}
          options={(['event', 'days_after_add', 'date'] as const).map((k) => ({ value: k, label: t(`sop.entry.${k}`) }))} />
      </Form.Item>
      {entry.kind === 'event' && (
        <Form.Item label={t('sop.entry.event')}>
          <Flex gap={8} wrap>
            <EventPicker value={entry.event} onChange={(event) => event && setEntry({ kind: 'event', event })} testId="sop-entry-event" />
            <EventFilterForm event={entry.event} filter={entry.filter} onChange={(filter) => setEntry(filter ? { ...entry, filter } : { kind: 'event', event: entry.event })} />
          </Flex>
        </Form.Item>
      )}
      {entry.kind === 'days_after_add' && (
        <Form.Item label={t('sop.entry.days_after_add')}>
          <Flex gap={8} align="center">
            <InputNumber min={0} max={3650} value={entry.days} addonAfter={t('sop.entry.daysAfter')} onChange={(v) => setEntry({ ...entry, days: v ?? 0 })} />
            <TimeInput value={entry.at} onChange={(at) => setEntry({ ...entry, at })} />
          </Flex>
        </Form.Item>
      )}
      {entry.kind === 'date' && (
        <Form.Item label={t('sop.entry.date')}>
          <Flex gap={8} align="center" wrap>
            <Select value={byKey?.value ?? entry.field} style={{ width: 180 }} options={withUnknown(dateFields, [entry.field], (id) => t('rule.pick.unknown', { id }))}
              onChange={(field: string) => setEntry({ ...entry, field })} />
            <Select value={Math.sign(entry.offsetDays)} style={{ width: 100 }}
              options={[{ value: -1, label: t('sop.entry.before') }, { value: 0, label: t('sop.entry.on') }, { value: 1, label: t('sop.entry.after') }]}
              onChange={(sign: number) => setEntry({ ...entry, offsetDays: sign * (Math.abs(entry.offsetDays) || (sign ? 1 : 0)) })} />
            {entry.offsetDays !== 0 && (
              <InputNumber min={1} max={60} value={Math.abs(entry.offsetDays)} addonAfter={t('sop.entry.days')}
                onChange={(v) => setEntry({ ...entry, offsetDays: Math.sign(entry.offsetDays) * (v ?? 1) })} />
            )}
            <TimeInput value={entry.at} onChange={(at) => setEntry({ ...entry, at })} />
          </Flex>
        </Form.Item>
      )}
      <Form.Item label={t('sop.entry.condition')} extra={t('sop.entry.conditionHelp')}>
        {draft.condition ? (
          <Flex vertical gap={4} data-testid="sop-condition">
            <RuleEditor rule={draft.condition} onChange={(condition) => onChange({ condition })} segments={names.segments} problem={problem?.area === 'condition' ? problem.rule : null} />
            {problem?.area === 'condition' && !problem.rule && <span className="ant-form-item-explain-error">{problem.message}</span>}
            <Button size="small" type="link" style={{ alignSelf: 'flex-start' }} onClick={() => onChange({ condition: null })}>{t('sop.entry.removeCondition')}</Button>
          </Flex>
        ) : (
          <Button size="small" onClick={() => onChange({ condition: EMPTY_RULE })} data-testid="sop-add-condition">{t('sop.entry.addCondition')}</Button>
        )}
      </Form.Item>
      <Form.Item label={t('sop.entry.reentry')}>
        <Radio.Group value={draft.reentry} onChange={(e) => onChange({ reentry: e.target.value as SopFlowInput['reentry'] })}
          options={(['never', 'after_exit'] as const).map((r) => ({ value: r, label: t(`sop.reentry.${r}`) }))} />
      </Form.Item>
    </Form>
  );
}
