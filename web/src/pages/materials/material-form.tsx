// The form that adds a material: its kind decides the fields (text, URL and summary, appid and page) and the file
// (image, poster, video, file, or a link's / mini-program's cover), checked for WeCom's size before it is sent.
import { MATERIAL_FILE_LIMITS, MATERIAL_KINDS, type CreateMaterialBodyT, type MaterialFolder, type MaterialKind } from '@siyu/contracts';
import { App, Button, Form, Input, Modal, Select, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { useT } from '../../i18n/use-t';
import { fileToBase64, materialsApi } from './materials-api';

type Values = { kind: MaterialKind; title: string; folderId?: string; tags?: string[]; text?: string; url?: string; description?: string; appid?: string; page?: string };

const ACCEPT: Record<Exclude<MaterialKind, 'text'>, string> = {
  image: 'image/jpeg,image/png',
  poster: 'image/jpeg,image/png',
  link: 'image/jpeg,image/png',
  miniprogram: 'image/jpeg,image/png',
  video: 'video/mp4',
  file: '*',
};

export function MaterialForm(props: { folders: MaterialFolder[]; folderId?: string; tags: string[]; onClose: (saved: boolean) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form) ?? 'image';
  const [file, setFile] = useState<File | null>(null);
  const [saving, setSaving] = useState(false);
  const limit = kind === 'text' ? null : MATERIAL_FILE_LIMITS[kind];

  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      const body: CreateMaterialBodyT = {
        kind: v.kind,
        title: v.title,
        folderId: v.folderId ?? null,
        tags: v.tags ?? [],
        ...(v.text ? { text: v.text } : {}),
        ...(v.url ? { url: v.url } : {}),
        ...(v.description ? { description: v.description } : {}),
        ...(v.appid ? { appid: v.appid } : {}),
        ...(v.page ? { page: v.page } : {}),
        ...(file && v.kind !== 'text' ? { file: { name: file.name, base64: await fileToBase64(file) } } : {}),
      };
      await materialsApi.create(body);
      message.success(t('materials.saved'));
      props.onClose(true);
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open title={t('materials.add')} onCancel={() => props.onClose(false)} onOk={submit} confirmLoading={saving} okButtonProps={{ id: 'material-save' }} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ kind: 'image', folderId: props.folderId }} data-testid="material-form">
        <Form.Item name="kind" label={t('materials.field.kind')} rules={[{ required: true }]}>
          <Select
            data-testid="material-kind"
            onChange={() => setFile(null)}
            options={MATERIAL_KINDS.map((k) => ({ value: k, label: t(`materials.kind.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="title" label={t('materials.field.title')} rules={[{ required: true, max: 64 }]}>
          <Input data-testid="material-title" maxLength={64} />
        </Form.Item>
        <Form.Item name="folderId" label={t('materials.field.folder')}>
          <Select allowClear options={props.folders.map((f) => ({ value: f.id, label: f.name }))} />
        </Form.Item>
        <Form.Item name="tags" label={t('materials.field.tags')}>
          <Select mode="tags" options={props.tags.map((x) => ({ value: x, label: x }))} />
        </Form.Item>
        {kind === 'text' && (
          <Form.Item name="text" label={t('materials.field.text')} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea rows={5} maxLength={4000} showCount data-testid="material-text" />
          </Form.Item>
        )}
        {kind === 'link' && (
          <>
            <Form.Item name="url" label={t('materials.field.url')} rules={[{ required: true, pattern: /^https?:\/\/\S+$/ }]}>
              <Input placeholder="https://" data-testid="material-url" />
            </Form.Item>
            <Form.Item name="description" label={t('materials.field.description')}>
              <Input maxLength={512} />
            </Form.Item>
          </>
        )}
        {kind === 'miniprogram' && (
          <>
            <Form.Item name="appid" label={t('materials.field.appid')} rules={[{ required: true, pattern: /^wx[0-9a-fA-F]{16}$/ }]}>
              <Input placeholder="wx0123456789abcdef" />
            </Form.Item>
            <Form.Item name="page" label={t('materials.field.page')} rules={[{ required: true, whitespace: true }]}>
              <Input placeholder="pages/index/index" />
            </Form.Item>
          </>
        )}
        {limit && (
          <Form.Item
            label={kind === 'link' || kind === 'miniprogram' ? t('materials.field.cover') : t('materials.field.file')}
            extra={t('materials.fileHint', { types: limit.types.join(' / '), mb: limit.maxBytes / 1048576 })}
            required={kind !== 'link'}
          >
            <Upload
              accept={ACCEPT[kind as Exclude<MaterialKind, 'text'>]}
              maxCount={1}
              fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
              onRemove={() => setFile(null)}
              beforeUpload={(f) => {
                if (f.size > limit.maxBytes) message.error(t('materials.fileTooLarge', { mb: limit.maxBytes / 1048576 }));
                else setFile(f);
                return false;
              }}
            >
              <Button icon={<UploadOutlined />} data-testid="material-file">
                {t('materials.pickFile')}
              </Button>
            </Upload>
            {file && <Typography.Text type="secondary">{(file.size / 1024).toFixed(0)} KB</Typography.Text>}
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
