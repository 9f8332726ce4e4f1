// The corp's contact budget across every SOP and broadcast (at most N touches a customer a day / a week; empty: no
// limit), quiet hours (Asia/Shanghai) and what a step over budget does: wait for room or be skipped.
import type { SopSettings } from '@siyu/contracts';
import { Alert, App, Button, Card, Flex, Form, InputNumber, Radio, Space, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/client';
import { useRequest } from '../../api/use-request';
import { useCan } from '../../auth/use-can';
import { LoadError } from '../../components/load-error';
import { PageHeader } from '../../components/page-header';
import { useT } from '../../i18n/use-t';
import { TimeInput } from './entry-form';
import { sopApi } from './sop-api';
import { SopNav } from './sop-nav';

export function SettingsForm() {
  const t = useT();
  const can = useCan();
  const { message } = App.useApp();
  const { data, error, reload } = useRequest((signal) => sopApi.settings(signal), []);
  const [draft, setDraft] = useState<SopSettings | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => setDraft(data ?? null), [data]);
  const set = (patch: Partial<SopSettings>) => draft && setDraft({ ...draft, ...patch });
  const quiet = !!(draft?.quietStart && draft.quietEnd);
  const save = async () => {
    if (!draft) return;
    setSaving(true);
    try {
      setDraft(await sopApi.saveSettings(draft));
      message.success(t('common.saved'));
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  };
  const disabled = !can('sop.write');
  return (
    <Flex vertical gap={16} data-testid="sop-settings">
      <PageHeader title={t('sop.title')} />
      <SopNav />
      <LoadError error={error} onRetry={reload} />
      {!draft && !error && <Spin />}
      {draft && (
        <Card style={{ maxWidth: 720 }}>
          <Alert type="info" showIcon message={t('sop.settings.help')} style={{ marginBottom: 16 }} />
          <Form layout="vertical" disabled={disabled}>
            <Form.Item label={t('sop.settings.maxPerDay')} extra={t('sop.settings.noLimit')}>
              <InputNumber min={1} max={50} value={draft.maxPerDay} addonAfter={t('sop.settings.touches')} data-testid="sop-settings-day"
                onChange={(v) => set({ maxPerDay: v ?? null })} />
            </Form.Item>
            <Form.Item label={t('sop.settings.maxPerWeek')} extra={t('sop.settings.noLimit')}>
              <InputNumber min={1} max={200} value={draft.maxPerWeek} addonAfter={t('sop.settings.touches')} data-testid="sop-settings-week"
                onChange={(v) => set({ maxPerWeek: v ?? null })} />
            </Form.Item>
            <Form.Item label={t('sop.settings.quiet')} extra={t('sop.settings.quietHelp')}>
              <Space>
                <Radio.Group value={quiet} data-testid="sop-settings-quiet" onChange={(e) => set(e.target.value ? { quietStart: '22:00', quietEnd: '08:00' } : { quietStart: null, quietEnd: null })}
                  options={[{ value: false, label: t('sop.settings.quietOff') }, { value: true, label: t('sop.settings.quietOn') }]} />
                {quiet && draft.quietStart && draft.quietEnd && (
                  <>
                    <TimeInput value={draft.quietStart} onChange={(quietStart) => set({ quietStart })} testId="sop-settings-quiet-start" />
                    <span>—</span>
                    <TimeInput value={draft.quietEnd} onChange={(quietEnd) => set({ quietEnd })} testId="sop-settings-quiet-end" />
                  </>
                )}
              </Space>
            </Form.Item>
            <Form.Item label={t('sop.settings.overBudget')}>
              <Radio.Group value={draft.overBudget} onChange={(e) => set({ overBudget: e.target.value as SopSettings['overBudget'] })}
                options={(['wait', 'skip'] as const).map((v) => ({ value: v, label: t(`sop.settings.overBudget.${v}`) }))} />
            </Form.Item>
            {!disabled && (
              <Button type="primary" loading={saving} onClick={save} data-testid="sop-settings-save">{t('common.save')}</Button>
            )}
          </Form>
        </Card>
      )}
    </Flex>
  );
}
