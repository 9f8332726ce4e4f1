import { useState } from 'react';
import { Alert, Button, Card, Flex, Form, Input, InputNumber, Modal, Select, Space, Table, Typography, Upload, message } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { channelsApi, groupCodesApi, storesApi, type Store, type StoreImportResult, type StoreInput } from '../../api/channels';
import { errorMessage } from '../../api/error-message';
import { useRequest } from '../../api/use-request';
import { useMe } from '../../auth/session-context';
import { useCan } from '../../auth/use-can';
import { LoadError } from '../../components/load-error';
import { useT } from '../../i18n/use-t';
import { validated } from '../../components/validated';

function toBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

export function StoresTab() {
  const t = useT();
  const me = useMe();
  const canManage = useCan()('stores.write');
  const stores = useRequest((s) => storesApi.list(s), [me.corp.id]);
  const codes = useRequest((s) => storesApi.codes(s), [me.corp.id]);
  const channels = useRequest((s) => channelsApi.list(s), [me.corp.id]);
  const groupCodes = useRequest((s) => groupCodesApi.list(s), [me.corp.id]);
  const [editing, setEditing] = useState<Store | null | undefined>(undefined);
  const [result, setResult] = useState<StoreImportResult | null>(null);
  const [form] = Form.useForm<StoreInput>();
  const [landingName, setLandingName] = useState('');

  function open(s: Store | null) {
    form.setFieldsValue(s ?? { name: '', city: '', address: '', lat: null, lng: null, channelId: null, groupCodeId: null });
    setEditing(s);
  }

  async function save() {
    const v = await validated(form);
    if (!v) return;
    try {
      const body = { ...v, channelId: v.channelId ?? null, groupCodeId: v.groupCodeId ?? null, lat: v.lat ?? null, lng: v.lng ?? null };
      if (editing) await storesApi.update(editing.id, body);
      else await storesApi.create(body);
      setEditing(undefined);
      stores.reload();
    } catch (err) {
      message.error(errorMessage(err));
    }
  }

  async function importFile(file: File) {
    try {
      setResult(await storesApi.import(file.name, await toBase64(file)));
      stores.reload();
    } catch (err) {
      message.error(errorMessage(err));
    }
    return false;
  }

  async function addLanding() {
    if (!landingName.trim()) return;
    try {
      await storesApi.createCode(landingName.trim(), landingName.trim());
      setLandingName('');
      codes.reload();
    } catch (err) {
      message.error(errorMessage(err));
    }
  }

  return (
    <Flex vertical gap={12} data-testid="stores-tab">
      {canManage && (
        <Flex justify="end" gap={8}>
          <Upload accept=".csv,.xlsx" showUploadList={false} beforeUpload={(f) => importFile(f)}>
            <Button icon={<UploadOutlined />} data-testid="stores-import">
              {t('stores.import')}
            </Button>
          </Upload>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => open(null)}>
            {t('stores.new')}
          </Button>
        </Flex>
      )}
      {result && (
        <Alert
          closable
          onClose={() => setResult(null)}
          type={result.errors.length ? 'warning' : 'success'}
          message={t('stores.importResult', { imported: result.imported, updated: result.updated, errors: result.errors.length })}
          description={result.errors.length ? result.errors.slice(0, 50).map((e) => <div key={e.row}>{`#${e.row}: ${e.message}`}</div>) : undefined}
        />
      )}
      {stores.error && <LoadError error={stores.error} onRetry={stores.reload} />}
      <Table<Store>
        rowKey="id"
        loading={stores.loading}
        dataSource={stores.data?.items ?? []}
        columns={[
          { key: 'name', title: t('channels.name'), dataIndex: 'name' },
          { key: 'city', title: t('stores.city'), dataIndex: 'city' },
          { key: 'address', title: t('stores.address'), dataIndex: 'address' },
          { key: 'coords', title: t('stores.coords'), render: (_, s) => (s.lat === null ? '-' : `${s.lat}, ${s.lng}`) },
          { key: 'scans', title: t('stores.scans'), dataIndex: 'scans', align: 'right' },
          { key: 'adds', title: t('channels.adds'), dataIndex: 'adds', align: 'right' },
          { key: 'joins', title: t('stores.joins'), dataIndex: 'joins', align: 'right' },
          ...(canManage
            ? [{ key: 'edit', title: t('channels.actions'), render: (_: unknown, s: Store) => <Button size="small" onClick={() => open(s)}>{t('channels.edit')}</Button> }]
            : []),
        ]}
      />
      <Card size="small" title={t('stores.landing')}>
        <Flex vertical gap={8}>
          {(codes.data?.items ?? []).map((c) => {
            const link = `${window.location.origin}/s/${encodeURIComponent(me.corp.id)}/${c.id}`;
            return (
              <Space key={c.id} wrap>
                <Typography.Text strong>{c.name}</Typography.Text>
                <Typography.Text copyable={{ text: link }}>
                  <a href={link} target="_blank" rel="noreferrer">
                    {link}
                  </a>
                </Typography.Text>
                <Typography.Text type="secondary">{`${t('stores.landing.visits')}: ${c.visits}`}</Typography.Text>
              </Space>
            );
          })}
          {canManage && (
            <Space>
              <Input value={landingName} onChange={(e) => setLandingName(e.target.value)} placeholder={t('stores.landing.title')} maxLength={60} />
              <Button onClick={() => void addLanding()}>{t('stores.landing.new')}</Button>
            </Space>
          )}
        </Flex>
      </Card>
      <Modal open={editing !== undefined} title={editing ? t('channels.edit') : t('stores.new')} onCancel={() => setEditing(undefined)} onOk={() => void save()} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="name" label={t('channels.name')} rules={[{ required: true, max: 60 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="city" label={t('stores.city')} rules={[{ required: true, max: 40 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="address" label={t('stores.address')} rules={[{ max: 200 }]}>
            <Input />
          </Form.Item>
          <Space>
            <Form.Item name="lat" label="lat">
              <InputNumber min={-90} max={90} step={0.0001} />
            </Form.Item>
            <Form.Item name="lng" label="lng">
              <InputNumber min={-180} max={180} step={0.0001} />
            </Form.Item>
          </Space>
          <Form.Item name="channelId" label={t('stores.channel')}>
            <Select allowClear options={(channels.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))} />
          </Form.Item>
          <Form.Item name="groupCodeId" label={t('stores.groupCode')}>
            <Select allowClear options={(groupCodes.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))} />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
