// The wizard's content: text and up to 9 attachments from the material library, and optionally a variant B for an
// A/B test on random halves of the audience.
import type { BroadcastContent } from '@siyu/contracts';
import { Button, Card, Flex, Form, Input } from 'antd';
import { useT } from '../../i18n/use-t';
import { MaterialPicker } from '../materials/material-picker';

export function ContentStep({ value, onChange }: { value: BroadcastContent[]; onChange: (v: BroadcastContent[]) => void }) {
  const t = useT();
  const set = (i: number, patch: Partial<BroadcastContent>) => onChange(value.map((v, j) => (j === i ? { ...v, ...patch } : v)));
  return (
    <Flex vertical gap={12} data-testid="broadcast-content">
      {value.map((v, i) => (
        <Card key={i} size="small" title={value.length > 1 ? t(i === 0 ? 'broadcasts.arm.A' : 'broadcasts.arm.B') : undefined}>
          <Form layout="vertical">
            <Form.Item label={t('broadcasts.content.text')}>
              <Input.TextArea rows={4} maxLength={4000} showCount value={v.text} data-testid={`broadcast-text-${i}`} onChange={(e) => set(i, { text: e.target.value })} />
            </Form.Item>
            <Form.Item label={t('broadcasts.content.attachments')}>
              <MaterialPicker value={v.materialIds ?? []} onChange={(ids) => set(i, { materialIds: ids })} max={9} testId={`broadcast-materials-${i}`} />
            </Form.Item>
          </Form>
        </Card>
      ))}
      {value.length === 1 ? (
        <Button onClick={() => onChange([...value, { text: '' }])} data-testid="broadcast-add-b">{t('broadcasts.content.addB')}</Button>
      ) : (
        <Button onClick={() => onChange(value.slice(0, 1))}>{t('broadcasts.content.removeB')}</Button>
      )}
    </Flex>
  );
}
