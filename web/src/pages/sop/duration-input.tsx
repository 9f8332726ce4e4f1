// A duration in minutes, entered as a number of minutes, hours or days (shown in the largest unit that divides it).
import { InputNumber, Select, Space } from 'antd';
import { useState } from 'react';
import { useT } from '../../i18n/use-t';

const UNITS = { minutes: 1, hours: 60, days: 1440 } as const;
type Unit = keyof typeof UNITS;

function unitOf(minutes: number): Unit {
  return minutes % 1440 === 0 ? 'days' : minutes % 60 === 0 ? 'hours' : 'minutes';
}

export function DurationInput({ minutes, onChange, testId }: { minutes: number; onChange: (minutes: number) => void; testId?: string }) {
  const t = useT();
  const [unit, setUnit] = useState<Unit>(unitOf(minutes));
  const shown = Math.max(1, Math.round(minutes / UNITS[unit]));
  return (
    <Space.Compact>
      <InputNumber min={1} max={Math.floor(525_600 / UNITS[unit])} value={shown} style={{ width: 100 }} data-testid={testId}
        onChange={(v) => onChange(Math.max(1, v ?? 1) * UNITS[unit])} />
      <Select value={unit} style={{ width: 90 }} options={(Object.keys(UNITS) as Unit[]).map((u) => ({ value: u, label: t(`sop.unit.${u}`) }))}
        onChange={(u: Unit) => {
          setUnit(u);
          onChange(Math.min(525_600, shown * UNITS[u]));
        }} />
    </Space.Compact>
  );
}
