import { useState } from 'react';
import { App, Form, InputNumber, Modal, Radio, Select } from 'antd';
import { ApiError } from '../../api/client';
import { leadsApi, type LeadBatch } from '../../api/leads';
import { staffApi } from '../../api/staff';
import { useRequest } from '../../api/use-request';
import { useT } from '../../i18n/use-t';
import { validated } from '../../components/validated';

type Values = {
  staff: string[];
  mode: 'even' | 'weight';
  deadlineHours: number;
  maxRounds: number;
  weights?: Record<string, number>;
};

export function DistributeModal({ batch, onClose }: { batch: LeadBatch; onClose: (done: boolean) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const staff = useRequest((signal) => staffApi.list({ page: 1, pageSize: 500 }, signal), []);
  const mode = Form.useWatch('mode', form);
  const chosen = Form.useWatch('staff', form) ?? [];
  const nameOf = (u: string) => staff.data?.items.find((s) => s.userid === u)?.name ?? u;

  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    setSaving(true);
    try {
      const res = await leadsApi.distribute(batch.id, {
        mode: v.mode,
        staff: v.staff.map((userid) => ({
          userid,
          ...(v.mode === 'weight' ? { weight: v.weights?.[userid] ?? 1 } : {}),
        })),
        deadlineHours: v.deadlineHours,
        maxRounds: v.maxRounds,
      });
      message.success(t('leads.dist.done', { n: res.assigned, round: res.round }));
      onClose(true);
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('leads.dist.title')}
      onOk={submit}
      confirmLoading={saving}
      onCancel={() => onClose(false)}
      data-testid="lead-distribute-modal"
    >
      <Form form={form} layout="vertical" initialValues={{ mode: 'even', deadlineHours: 48, maxRounds: 3, staff: [] }}>
        <Form.Item name="staff" label={t('leads.dist.staff')} rules={[{ required: true }]}>
          <Select
            mode="multiple"
            loading={staff.loading}
            optionFilterProp="label"
            options={(staff.data?.items ?? [])
              .filter((s) => s.status === 1)
              .map((s) => ({ value: s.userid, label: `${s.name} (${s.userid})` }))}
          />
        </Form.Item>
        <Form.Item name="mode" label={t('leads.dist.mode')}>
          <Radio.Group
            options={[
              { value: 'even', label: t('leads.dist.even') },
              { value: 'weight', label: t('leads.dist.weight') },
            ]}
          />
        </Form.Item>
        {mode === 'weight' &&
          chosen.map((u) => (
            <Form.Item
              key={u}
              name={['weights', u]}
              label={t('leads.dist.weightOf', { name: nameOf(u) })}
              initialValue={1}
            >
              <InputNumber min={0} max={1000} />
            </Form.Item>
          ))}
        <Form.Item name="deadlineHours" label={t('leads.dist.deadline')} rules={[{ required: true }]}>
          <InputNumber min={0.1} max={720} />
        </Form.Item>
        <Form.Item name="maxRounds" label={t('leads.dist.rounds')}>
          <InputNumber min={1} max={10} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
