import { Button, Form, InputNumber, Switch } from 'antd';
import { profileSettingsApi, type AlertSettings } from '../../api/profile-settings';
import { useT } from '../../i18n/use-t';
import { SaveError } from './save-error';
import { useSave } from './use-save';

export function AlertSettingsForm({ value, canEdit, onSaved }: { value: AlertSettings; canEdit: boolean; onSaved: () => void }) {
  const t = useT();
  const { saving, error, run } = useSave();
  const save = async (v: AlertSettings) => {
    if (await run(() => profileSettingsApi.saveAlerts(v))) onSaved();
  };
  return (
    <Form<AlertSettings> layout="vertical" initialValues={value} onFinish={(v) => void save(v)} disabled={!canEdit} style={{ maxWidth: 520 }} data-testid="alert-settings">
      <Form.Item name="inactiveDays" label={t('profileSettings.inactiveDays')} rules={[{ required: true }]}>
        <InputNumber precision={0} style={{ width: 160 }} data-testid="inactive-days" />
      </Form.Item>
      <Form.Item name="repurchaseFactor" label={t('profileSettings.repurchaseFactor')} rules={[{ required: true }]}>
        <InputNumber step={0.1} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item name="notifyStaff" label={t('profileSettings.notifyStaff')} valuePropName="checked">
        <Switch />
      </Form.Item>
      <SaveError error={error} />
      <Button type="primary" htmlType="submit" loading={saving} style={{ marginTop: 16 }} data-testid="alert-settings-save">
        {t('common.save')}
      </Button>
    </Form>
  );
}
