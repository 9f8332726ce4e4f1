import { Button, Form, InputNumber, Space, Typography } from 'antd';
import { profileSettingsApi, type RfmSettings } from '../../api/profile-settings';
import type { MessageKey } from '../../i18n/messages';
import { useT } from '../../i18n/use-t';
import { SaveError } from './save-error';
import { useSave } from './use-save';

const MEASURES: Array<{ name: 'recencyDays' | 'frequencyCounts' | 'monetaryAmounts'; label: MessageKey }> = [
  { name: 'recencyDays', label: 'profileSettings.recencyDays' },
  { name: 'frequencyCounts', label: 'profileSettings.frequencyCounts' },
  { name: 'monetaryAmounts', label: 'profileSettings.monetaryAmounts' },
];

export function RfmSettingsForm({ value, canEdit, onSaved }: { value: RfmSettings; canEdit: boolean; onSaved: () => void }) {
  const t = useT();
  const { saving, error, run } = useSave();
  const save = async (v: RfmSettings) => {
    const ok = await run(async () => t('profileSettings.rfmRecomputed', { n: (await profileSettingsApi.saveRfm(v)).changed }));
    if (ok) onSaved();
  };
  return (
    <Form<RfmSettings> layout="vertical" initialValues={value} onFinish={(v) => void save(v)} disabled={!canEdit} data-testid="rfm-settings">
      <Typography.Paragraph type="secondary">{t('profileSettings.rfmHint')}</Typography.Paragraph>
      {MEASURES.map((m) => (
        <Form.Item key={m.name} label={t(m.label)} required>
          <Space>
            {[0, 1, 2, 3].map((i) => (
              <Form.Item key={i} name={[m.name, i]} noStyle rules={[{ required: true }]}>
                <InputNumber min={0} style={{ width: 110 }} />
              </Form.Item>
            ))}
          </Space>
        </Form.Item>
      ))}
      <Form.Item name="windowDays" label={t('profileSettings.windowDays')} rules={[{ required: true }]}>
        <InputNumber precision={0} style={{ width: 160 }} />
      </Form.Item>
      <SaveError error={error} />
      <Button type="primary" htmlType="submit" loading={saving} style={{ marginTop: 16 }}>
        {t('common.save')}
      </Button>
    </Form>
  );
}
