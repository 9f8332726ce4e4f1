import { useState } from 'react';
import { App, Button, Form, Input, InputNumber, Modal } from 'antd';
import { errorWithDetail } from '../../api/error-message';
import { profileSettingsApi } from '../../api/profile-settings';
import { useCan } from '../../auth/use-can';
import { useT } from '../../i18n/use-t';

type Values = { delta: number; reason: string };

/** Manual points grant (positive) or spend (negative), with a reason for the ledger; admins and operators only. */
export function AdjustPointsButton({ customerId, onDone }: { customerId: string; onDone: () => void }) {
  const t = useT();
  const can = useCan();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  if (!can('points.adjust')) return null;
  const save = async (v: Values) => {
    setSaving(true);
    try {
      const m = await profileSettingsApi.adjustPoints(customerId, v.delta, v.reason.trim());
      message.success(t('profile.pointsAdjusted', { n: m.points }));
      setOpen(false);
      form.resetFields();
      onDone();
    } catch (err) {
      message.error(errorWithDetail(err));
    } finally {
      setSaving(false);
    }
  };
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} data-testid="points-adjust">
        {t('profile.adjustPoints')}
      </Button>
      <Modal open={open} title={t('profile.adjustPoints')} onCancel={() => setOpen(false)} onOk={() => form.submit()} confirmLoading={saving} okButtonProps={{ 'data-testid': 'points-adjust-ok' }}>
        <Form<Values> form={form} layout="vertical" onFinish={(v) => void save(v)}>
          <Form.Item name="delta" label={t('profile.pointsDelta')} rules={[{ required: true }, { validator: (_r, v) => (v === 0 ? Promise.reject(new Error('≠ 0')) : Promise.resolve()) }]}>
            <InputNumber precision={0} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="reason" label={t('profile.pointsReason')} rules={[{ required: true, whitespace: true, max: 60 }]}>
            <Input maxLength={60} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
