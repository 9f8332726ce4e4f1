// One push of the calendar: how often (daily at a time, weekly on chosen weekdays at a time, once at a date-time, all
// in Beijing time), how (the owner's group mass message or a reminder to the owner) and what.
import type { GroupSopPushInput, GroupSopSchedule } from '@siyu/contracts';
import { Button, Card, Checkbox, Form, Input, Radio } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { useT } from '../../i18n/use-t';
import { fromShanghaiLocal, toShanghaiLocal, weekdayKey } from './schedule-text';

export type PushDraft = GroupSopPushInput;

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

function scheduleOf(kind: GroupSopSchedule['kind'], prev: GroupSopSchedule): GroupSopSchedule {
  const time = prev.kind === 'once' ? '08:00' : prev.time;
  if (kind === 'daily') return { kind, time };
  if (kind === 'weekly') return { kind, time, weekdays: prev.kind === 'weekly' ? prev.weekdays : [1] };
  return { kind, at: prev.kind === 'once' ? prev.at : new Date(Date.now() + 86_400_000).toISOString() };
}

export function PushForm({ index, value, onChange, onRemove }: { index: number; value: PushDraft; onChange: (p: PushDraft) => void; onRemove?: () => void }) {
  const t = useT();
  const s = value.schedule;
  const setSchedule = (schedule: GroupSopSchedule) => onChange({ ...value, schedule });
  return (
    <Card
      size="small"
      title={t('groupSop.editor.push', { n: index + 1 })}
      data-testid={`group-sop-push-${index}`}
      extra={onRemove && <Button type="text" danger icon={<DeleteOutlined />} onClick={onRemove} aria-label={t('groupSop.editor.removePush')} />}
    >
      <Form layout="vertical">
        <Form.Item label={t('groupSop.editor.kind')}>
          <Radio.Group
            value={s.kind}
            data-testid={`push-kind-${index}`}
            onChange={(e) => setSchedule(scheduleOf(e.target.value as GroupSopSchedule['kind'], s))}
            options={(['daily', 'weekly', 'once'] as const).map((k) => ({ value: k, label: t(`groupSop.kind.${k}`) }))}
          />
        </Form.Item>
        {s.kind === 'weekly' && (
          <Form.Item label={t('groupSop.editor.weekdays')}>
            <Checkbox.Group
              data-testid={`push-weekdays-${index}`}
              value={s.weekdays}
              onChange={(days) => setSchedule({ ...s, weekdays: (days as number[]).slice().sort() })}
              options={WEEKDAYS.map((d) => ({ value: d, label: t(weekdayKey(d)) }))}
            />
          </Form.Item>
        )}
        {s.kind === 'once' ? (
          <Form.Item label={t('groupSop.editor.at')}>
            <Input type="datetime-local" data-testid={`push-at-${index}`} value={toShanghaiLocal(s.at)} onChange={(e) => e.target.value && setSchedule({ ...s, at: fromShanghaiLocal(e.target.value) })} />
          </Form.Item>
        ) : (
          <Form.Item label={t('groupSop.editor.time')}>
            <Input type="time" style={{ width: 140 }} data-testid={`push-time-${index}`} value={s.time} onChange={(e) => e.target.value && setSchedule({ ...s, time: e.target.value.slice(0, 5) })} />
          </Form.Item>
        )}
        <Form.Item label={t('groupSop.editor.action')}>
          <Radio.Group
            value={value.action}
            data-testid={`push-action-${index}`}
            onChange={(e) => onChange({ ...value, action: e.target.value as PushDraft['action'] })}
            options={(['group_message', 'remind_owner'] as const).map((a) => ({ value: a, label: t(`groupSop.action.${a}`) }))}
          />
        </Form.Item>
        <Form.Item label={t('groupSop.editor.text')}>
          <Input.TextArea
            rows={3}
            data-testid={`push-text-${index}`}
            placeholder={t('groupSop.editor.textPlaceholder')}
            value={value.content.text}
            onChange={(e) => onChange({ ...value, content: { ...value.content, text: e.target.value } })}
          />
        </Form.Item>
      </Form>
    </Card>
  );
}
