// Compose a moment: text, images / a video / a link from the library, the staff who publish it and the customer tags
// that may see it. The server checks WeCom's rules again and answers what to change.
import { App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { profilesApi } from '../../api/profiles';
import { staffApi } from '../../api/staff';
import { useRequest } from '../../api/use-request';
import { useT } from '../../i18n/use-t';
import { MaterialPicker } from '../materials/material-picker';
import { momentsApi } from './moments-api';

type Values = { text?: string; materialIds?: string[]; senderUserids?: string[]; tagIds?: string[] };

export function MomentForm({ onClose }: { onClose: (created: boolean) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const staff = useRequest((signal) => staffApi.list({ page: 1, pageSize: 500 }, signal), []);
  const tags = useRequest((signal) => profilesApi.tags(signal), []);

  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      await momentsApi.create({ text: v.text ?? '', materialIds: v.materialIds ?? [], senderUserids: v.senderUserids ?? [], tagIds: v.tagIds ?? [] });
      message.success(t('moments.created'));
      onClose(true);
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open width={640} title={t('moments.create')} onCancel={() => onClose(false)} onOk={submit} confirmLoading={saving} okText={t('moments.send')} okButtonProps={{ id: 'moment-send' }}>
      <Form form={form} layout="vertical" data-testid="moment-form">
        <Form.Item name="text" label={t('moments.text')}>
          <Input.TextArea rows={4} maxLength={2000} showCount data-testid="moment-text" />
        </Form.Item>
        <Form.Item name="materialIds" label={t('moments.materials')} extra={t('moments.materialsHint')}>
          <MaterialPicker kinds={['image', 'poster', 'video', 'link']} max={9} testId="moment-materials" />
        </Form.Item>
        <Form.Item name="senderUserids" label={t('moments.senders')} extra={t('moments.sendersHint')}>
          <Select
            mode="multiple"
            allowClear
            optionFilterProp="label"
            loading={staff.loading}
            data-testid="moment-senders"
            options={(staff.data?.items ?? []).filter((s) => s.isFollowUser || s.status === 1).map((s) => ({ value: s.userid, label: s.name }))}
          />
        </Form.Item>
        <Form.Item name="tagIds" label={t('moments.tags')} extra={t('moments.tagsHint')}>
          <Select
            mode="multiple"
            allowClear
            optionFilterProp="label"
            loading={tags.loading}
            options={(tags.data?.groups ?? []).map((g) => ({ label: g.name, options: g.tags.map((x) => ({ value: x.tagId, label: x.name })) }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
