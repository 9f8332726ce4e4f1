import { Form, Input, InputNumber, Modal, Switch } from 'antd';
import { profileSettingsApi, type PointsRule } from '../../api/profile-settings';
import { useT } from '../../i18n/use-t';
import { SaveError } from './save-error';
import { useSave } from './use-save';

type FormValues = Omit<PointsRule, 'expiresDays'> & { expiresDays?: number | null };

const EMPTY: PointsRule = { eventType: 'order', points: 0, pointsPerYuan: 1, growth: 0, growthPerYuan: 1, expiresDays: 365, enabled: true };

/** Adds or edits one rule (a rule is keyed by its event type: saving an existing type replaces it). */
export function PointsRuleModal({ rule, onClose, onSaved }: { rule: PointsRule | null; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const [form] = Form.useForm<FormValues>();
  const { saving, error, run } = useSave();
  const save = async (v: FormValues) => {
    if (await run(() => profileSettingsApi.savePointsRule({ ...v, expiresDays: v.expiresDays ?? null }))) onSaved();
  };
  return (
    <Modal open title={rule ? t('profileSettings.editRule') : t('profileSettings.addRule')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving}>
      <Form<FormValues> form={form} layout="vertical" initialValues={rule ?? EMPTY} onFinish={(v) => void save(v)}>
        <Form.Item name="eventType" label={t('profileSettings.eventType')} rules={[{ required: true, max: 64 }]}>
          <Input disabled={!!rule} />
        </Form.Item>
        <Form.Item name="points" label={t('profileSettings.points')} rules={[{ required: true }]}>
          <InputNumber min={0} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="pointsPerYuan" label={t('profileSettings.pointsPerYuan')} rules={[{ required: true }]}>
          <InputNumber min={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="growth" label={t('profileSettings.growth')} rules={[{ required: true }]}>
          <InputNumber min={0} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="growthPerYuan" label={t('profileSettings.growthPerYuan')} rules={[{ required: true }]}>
          <InputNumber min={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="expiresDays" label={t('profileSettings.expiresDays')}>
          <InputNumber precision={0} placeholder={t('profileSettings.neverExpires')} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="enabled" label={t('profileSettings.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <SaveError error={error} />
      </Form>
    </Modal>
  );
}
