// Small inputs the condition editors share: translated option lists, number operands, free lists, time windows.
import { InputNumber, Select, Space } from 'antd';
import type { CmpOp, Window } from '@siyu/contracts';
import type { MessageKey } from '../../i18n/messages';
import { useT } from '../../i18n/use-t';

export const CMP: readonly CmpOp[] = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between'];

export const options = <T extends string>(values: readonly T[], t: (k: MessageKey) => string, prefix: string) =>
  values.map((v) => ({ value: v, label: t(`${prefix}.${v}` as MessageKey) }));

export type NumOperand = number | number[];

/** A number, or a [low, high] pair for `between`. */
export function NumberOperand({
  op,
  value,
  onChange,
}: {
  op: string;
  value: unknown;
  onChange: (v: NumOperand) => void;
}) {
  if (op === 'between') {
    const pair = Array.isArray(value) && value.length === 2 ? (value as number[]) : [0, 0];
    return (
      <Space.Compact>
        <InputNumber value={pair[0]} onChange={(v) => onChange([v ?? 0, pair[1]])} style={{ width: 90 }} />
        <InputNumber value={pair[1]} onChange={(v) => onChange([pair[0], v ?? 0])} style={{ width: 90 }} />
      </Space.Compact>
    );
  }
  return (
    <InputNumber value={typeof value === 'number' ? value : 0} onChange={(v) => onChange(v ?? 0)} style={{ width: 110 }} />
  );
}

/** The operand a comparison starts with when its operator changes. */
export const numberFor = (op: CmpOp): NumOperand => (op === 'between' ? [0, 1] : 1);

export function ListInput({
  value,
  onChange,
  placeholder,
}: {
  value: readonly string[] | undefined;
  onChange: (v: string[]) => void;
  placeholder: string;
}) {
  return (
    <Select
      mode="tags"
      value={value ? [...value] : []}
      onChange={onChange}
      placeholder={placeholder}
      style={{ minWidth: 220 }}
      tokenSeparators={[',', ' ']}
    />
  );
}

export function WindowInput({ within, onChange }: { within: Window | undefined; onChange: (w: Window | undefined) => void }) {
  const t = useT();
  return (
    <InputNumber
      addonBefore={t('segments.rule.lastDays')}
      min={1}
      value={within?.lastDays}
      onChange={(v) => onChange(v ? { lastDays: v } : undefined)}
      style={{ width: 170 }}
    />
  );
}
