// A wait step's form: a duration, until a time of day, until a weekday at a time (Asia/Shanghai), or until an event
// happens with a timeout (and where to go on the timeout).
import type { SopStep, SopWait } from '@siyu/contracts';
import { Flex, Form, Select } from 'antd';
import { useT } from '../../i18n/use-t';
import { DurationInput } from './duration-input';
import { TimeInput } from './entry-form';
import { EventFilterForm, EventPicker } from './event-filter-form';
import type { StepOf } from './step-defaults';
import { StepPicker } from './step-picker';

function defaultWait(type: SopWait['type']): SopWait {
  if (type === 'time_of_day') return { type, time: '10:00' };
  if (type === 'weekday') return { type, weekday: 1, time: '10:00' };
  if (type === 'event') return { type, event: 'order.placed', timeoutMinutes: 4320 };
  return { type: 'duration', minutes: 1440 };
}

export function WaitForm({ step, onChange, steps }: { step: StepOf<'wait'>; onChange: (s: StepOf<'wait'>) => void; steps: readonly SopStep[] }) {
  const t = useT();
  const w = step.wait;
  const set = (wait: SopWait) => onChange({ ...step, wait });
  return (
    <Form layout="vertical">
      <Form.Item label={t('sop.wait.type')}>
        <Flex gap={8} wrap align="center">
          <Select value={w.type} style={{ width: 180 }} data-testid="sop-wait-type" onChange={(type: SopWait['type']) => set(defaultWait(type))}
            options={(['duration', 'time_of_day', 'weekday', 'event'] as const).map((k) => ({ value: k, label: t(`sop.wait.${k}`) }))} />
          {w.type === 'duration' && <DurationInput minutes={w.minutes} onChange={(minutes) => set({ ...w, minutes })} testId="sop-wait-amount" />}
          {w.type === 'time_of_day' && <TimeInput value={w.time} onChange={(time) => set({ ...w, time })} />}
          {w.type === 'weekday' && (
            <>
              <Select value={w.weekday} style={{ width: 100 }} onChange={(weekday: number) => set({ ...w, weekday })}
                options={[1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: d, label: t(`sop.weekday.${d}` as `sop.weekday.1`) }))} />
              <TimeInput value={w.time} onChange={(time) => set({ ...w, time })} />
            </>
          )}
          {w.type === 'event' && (
            <>
              <EventPicker value={w.event} onChange={(event) => event && set({ type: 'event', event, timeoutMinutes: w.timeoutMinutes, timeoutNext: w.timeoutNext })} />
              <EventFilterForm event={w.event} filter={w.filter} onChange={(filter) => set(filter ? { ...w, filter } : { type: 'event', event: w.event, timeoutMinutes: w.timeoutMinutes, timeoutNext: w.timeoutNext })} />
            </>
          )}
        </Flex>
      </Form.Item>
      {w.type === 'event' && (
        <Form.Item label={t('sop.wait.timeout')}>
          <Flex gap={8} wrap align="center">
            <DurationInput minutes={w.timeoutMinutes} onChange={(timeoutMinutes) => set({ ...w, timeoutMinutes })} />
            <span>{t('sop.wait.timeoutThen')}</span>
            <StepPicker steps={steps} exclude={step.id} value={w.timeoutNext} emptyLabel={t('sop.step.nextInList')}
              onChange={(timeoutNext) => set(timeoutNext ? { ...w, timeoutNext } : { type: 'event', event: w.event, filter: w.filter, timeoutMinutes: w.timeoutMinutes })} />
          </Flex>
        </Form.Item>
      )}
    </Form>
  );
}
