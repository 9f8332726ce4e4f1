// Picks a step of the flow by its label ("3. 第二天提醒") or "end the flow" ('end'); stores the step id. `emptyLabel`
// names what no choice means (the next step in the list); a stored id that names no step shows as unknown.
import type { SopStep } from '@siyu/contracts';
import { Select } from 'antd';
import { useT } from '../../i18n/use-t';
import { stepLabel } from './step-label';

export function StepPicker({
  steps,
  value,
  onChange,
  exclude,
  emptyLabel,
  testId,
  width = 220,
}: {
  steps: readonly SopStep[];
  value: string | undefined;
  onChange: (id: string | undefined) => void;
  exclude?: string;
  emptyLabel?: string;
  testId?: string;
  width?: number;
}) {
  const t = useT();
  const options = [
    ...steps.map((s, i) => ({ value: s.id, label: stepLabel(s, i, t) })).filter((o) => o.value !== exclude),
    { value: 'end', label: t('sop.moves.end') },
  ];
  if (value && !options.some((o) => o.value === value)) options.push({ value, label: t('sop.step.unknownStep') });
  return (
    <Select
      allowClear={!!emptyLabel}
      value={value}
      placeholder={emptyLabel}
      onChange={(v?: string) => onChange(v || undefined)}
      options={options}
      style={{ width }}
      data-testid={testId}
      showSearch
      optionFilterProp="label"
    />
  );
}
