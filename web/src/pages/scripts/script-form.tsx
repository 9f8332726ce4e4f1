// The form of one script: title, text with {{name}} / {{staff}}, folder, and the tags and stages it suits (the
// sidebar suggests it to customers who have them).
import type { Script, ScriptFolder, ScriptInput } from '@siyu/contracts';
import { App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { profilesApi } from '../../api/profiles';
import { useRequest } from '../../api/use-request';
import { useT } from '../../i18n/use-t';
import { scriptsApi } from './scripts-api';

export function ScriptForm({ script, folders, folderId, onClose }: { script: Script | null; folders: ScriptFolder[]; folderId?: string; onClose: (saved: boolean) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<ScriptInput>();
  const [saving, setSaving] = useState(false);
  const tags = useRequest((signal) => profilesApi.tags(signal), []);
  const pipelines = useRequest((signal) => profilesApi.pipelines(signal), []);
  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      const body: ScriptInput = { title: v.title, content: v.content, folderId: v.folderId ?? null, tagIds: v.tagIds ?? [], stageIds: v.stageIds ?? [] };
      if (script) await scriptsApi.update(script.id, body);
      else await scriptsApi.create(body);
      message.success(t('scripts.saved'));
      onClose(true);
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={t(script ? 'scripts.edit' : 'scripts.add')} onOk={save} confirmLoading={saving} onCancel={() => onClose(false)} okButtonProps={{ 'data-testid': 'script-save' }}>
      <Form
        form={form}
        layout="vertical"
        initialValues={script ? { ...script } : { folderId: folderId ?? null, tagIds: [], stageIds: [] }}
      >
        <Form.Item name="title" label={t('scripts.field.title')} rules={[{ required: true, max: 60 }]}>
          <Input maxLength={60} data-testid="script-title" />
        </Form.Item>
        <Form.Item name="content" label={t('scripts.field.content')} extra={t('scripts.field.contentHelp')} rules={[{ required: true, max: 2000 }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount data-testid="script-content" />
        </Form.Item>
        <Form.Item name="folderId" label={t('scripts.field.folder')}>
          <Select allowClear placeholder={t('scripts.noFolder')} options={folders.map((f) => ({ value: f.id, label: f.name }))} data-testid="script-folder" />
        </Form.Item>
        <Form.Item name="tagIds" label={t('scripts.field.tags')}>
          <Select
            mode="multiple"
            optionFilterProp="label"
            data-testid="script-tags"
            options={(tags.data?.groups ?? []).map((g) => ({ label: g.name, options: g.tags.map((x) => ({ value: x.tagId, label: x.name })) }))}
          />
        </Form.Item>
        <Form.Item name="stageIds" label={t('scripts.field.stages')}>
          <Select
            mode="multiple"
            optionFilterProp="label"
            options={(pipelines.data?.items ?? []).map((p) => ({ label: p.name, options: p.stages.map((s) => ({ value: s.id, label: `${p.name} · ${s.name}` })) }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
