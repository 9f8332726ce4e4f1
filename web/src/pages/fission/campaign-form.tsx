import { useState } from 'react';
import { App, ColorPicker, DatePicker, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { ApiError } from '../../api/client';
import { fissionApi } from '../../api/fission';
import { staffApi } from '../../api/staff';
import { useStaffLabel } from '../../components/staff-names';
import { useRequest } from '../../api/use-request';
import { useT } from '../../i18n/use-t';
import { validated } from '../../components/validated';
import { MaterialPicker } from '../materials/material-picker';

type Values = {
  name: string;
  goal: number;
  rewardType: 'code' | 'link';
  rewardLink?: string;
  rewardCodes?: string;
  background: string | { toHexString(): string };
  posterMaterial?: string[];
  title: string;
  text: string;
  period: [Dayjs, Dayjs];
  staffUserids: string[];
  withdrawHours: number;
};

export function CampaignForm({ onClose }: { onClose: (created: boolean) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const staff = useRequest((signal) => staffApi.list({ page: 1, pageSize: 500 }, signal), []);
  const staffLabel = useStaffLabel();
  const rewardType = Form.useWatch('rewardType', form);

  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    setSaving(true);
    try {
      const background = typeof v.background === 'string' ? v.background : v.background.toHexString();
      await fissionApi.create({
        name: v.name,
        goal: v.goal,
        rewardType: v.rewardType,
        ...(v.rewardType === 'link'
          ? { rewardLink: v.rewardLink }
          : {
              rewardCodes: (v.rewardCodes ?? '')
                .split(/\r?\n/)
                .map((s) => s.trim())
                .filter(Boolean),
            }),
        poster: { background: background.slice(0, 7), title: v.title ?? '', text: v.text ?? '', materialId: v.posterMaterial?.[0] ?? null },
        startsAt: v.period[0].toISOString(),
        endsAt: v.period[1].toISOString(),
        staffUserids: v.staffUserids,
        withdrawHours: v.withdrawHours,
      });
      message.success(t('fission.created'));
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
      width={640}
      title={t('fission.create')}
      onOk={submit}
      confirmLoading={saving}
      onCancel={() => onClose(false)}
      data-testid="fission-form"
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ goal: 3, rewardType: 'code', background: '#fff1e6', withdrawHours: 24, title: '', text: '' }}
      >
        <Form.Item name="name" label={t('fission.name')} rules={[{ required: true, max: 64 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="goal" label={t('fission.goal')} rules={[{ required: true }]}>
          <InputNumber min={1} max={1000} />
        </Form.Item>
        <Form.Item name="rewardType" label={t('fission.rewardType')}>
          <Radio.Group
            options={[
              { value: 'code', label: t('fission.reward.code') },
              { value: 'link', label: t('fission.reward.link') },
            ]}
          />
        </Form.Item>
        {rewardType === 'link' ? (
          <Form.Item
            name="rewardLink"
            label={t('fission.rewardLink')}
            rules={[{ required: true, pattern: /^https?:\/\// }]}
          >
            <Input placeholder="https://" />
          </Form.Item>
        ) : (
          <Form.Item name="rewardCodes" label={t('fission.rewardCodes')} rules={[{ required: true }]}>
            <Input.TextArea rows={4} />
          </Form.Item>
        )}
        <Form.Item name="background" label={t('fission.poster.background')}>
          <ColorPicker disabledAlpha />
        </Form.Item>
        <Form.Item name="posterMaterial" label={t('fission.poster.material')}>
          <MaterialPicker kinds={['poster', 'image']} max={1} testId="fission-poster-material" />
        </Form.Item>
        <Form.Item name="title" label={t('fission.poster.title')} rules={[{ max: 40 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="text" label={t('fission.poster.text')} rules={[{ max: 200 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="period" label={t('fission.period')} rules={[{ required: true }]}>
          <DatePicker.RangePicker showTime />
        </Form.Item>
        <Form.Item name="staffUserids" label={t('fission.staff')} rules={[{ required: true }]}>
          <Select
            mode="multiple"
            loading={staff.loading}
            optionFilterProp="label"
            options={(staff.data?.items ?? [])
              .filter((s) => s.status === 1)
              .map((s) => ({ value: s.userid, label: staffLabel(s.userid, s.name) }))}
          />
        </Form.Item>
        <Form.Item name="withdrawHours" label={t('fission.withdrawHours')}>
          <InputNumber min={0} max={720} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
