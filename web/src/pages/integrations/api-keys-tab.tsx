// API keys: a list (name, prefix, scopes, last use, revoked), a form that creates one with its scopes and shows the
// key once (it is stored only as a hash), and revoke with confirmation.
import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Flex, Form, Input, Modal, Popconfirm, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { useRequest } from '../../api/use-request';
import { LoadError } from '../../components/load-error';
import { validated } from '../../components/validated';
import { useFormatDate } from '../../i18n/use-format-date';
import { useT } from '../../i18n/use-t';
import type { ApiKeyScope } from '@siyu/contracts';
import { API_KEY_SCOPES, integrationsApi, type CreatedApiKey } from './integrations-api';

type KeyForm = { name: string; scopes: ApiKeyScope[] };

export function ApiKeysTab() {
  const t = useT();
  const fmt = useFormatDate();
  const { message } = App.useApp();
  const list = useRequest((signal) => integrationsApi.keys(signal), []);
  const [form] = Form.useForm<KeyForm>();
  const [creating, setCreating] = useState(false);
  const [saving, setSaving] = useState(false);
  const [created, setCreated] = useState<CreatedApiKey>();
  const fail = (err: unknown) => message.error(err instanceof ApiError ? err.message : String(err));

  const save = async () => {
    const v = await validated(form);
    if (!v) return;
    setSaving(true);
    try {
      setCreated(await integrationsApi.createKey({ name: v.name.trim(), scopes: v.scopes }));
      setCreating(false);
      form.resetFields();
      list.reload();
    } catch (err) {
      fail(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center">
        <Typography.Text type="secondary">{t('integrations.keys.help')}</Typography.Text>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="api-key-add">
          {t('integrations.keys.add')}
        </Button>
      </Flex>
      {created && (
        <Alert
          type="success"
          showIcon
          closable
          onClose={() => setCreated(undefined)}
          message={t('integrations.keys.createdOnce', { name: created.name })}
          description={
            <Typography.Paragraph copyable={{ text: created.key }} style={{ margin: 0 }} data-testid="api-key-secret">
              <code>{created.key}</code>
            </Typography.Paragraph>
          }
        />
      )}
      <LoadError error={list.error} onRetry={list.reload} />
      <Table
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        data-testid="api-keys-table"
        columns={[
          { title: t('integrations.keys.name'), dataIndex: 'name' },
          { title: t('integrations.keys.prefix'), dataIndex: 'prefix', render: (p: string) => <code>{p}…</code> },
          { title: t('integrations.keys.scopes'), dataIndex: 'scopes', render: (s: string[]) => s.map((x) => <Tag key={x}>{t('integrations.scope.eventsWrite')}</Tag>) },
          { title: t('integrations.keys.created'), dataIndex: 'createdAt', render: (d: string) => fmt(d) },
          { title: t('integrations.keys.lastUsed'), dataIndex: 'lastUsedAt', render: (d: string | null) => (d ? fmt(d) : t('integrations.keys.never')) },
          {
            title: t('integrations.keys.status'),
            key: 'status',
            render: (_: unknown, r) =>
              r.revokedAt ? (
                <Tag>{t('integrations.keys.revokedAt', { at: fmt(r.revokedAt) })}</Tag>
              ) : (
                <Popconfirm title={t('integrations.keys.confirmRevoke', { name: r.name })} onConfirm={() => integrationsApi.revokeKey(r.id).then(list.reload, fail)}>
                  <Button danger size="small" data-testid={`api-key-revoke-${r.name}`}>
                    {t('integrations.keys.revoke')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <Modal open={creating} title={t('integrations.keys.add')} onCancel={() => setCreating(false)} onOk={() => void save()} confirmLoading={saving} okButtonProps={{ id: 'api-key-save' }} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ scopes: ['events:write'] }} preserve={false}>
          <Form.Item name="name" label={t('integrations.keys.name')} rules={[{ required: true, whitespace: true, message: t('integrations.keys.nameRequired') }, { max: 60 }]}>
            <Input maxLength={60} placeholder={t('integrations.keys.namePlaceholder')} data-testid="api-key-name" />
          </Form.Item>
          <Form.Item name="scopes" label={t('integrations.keys.scopes')} rules={[{ required: true, message: t('integrations.keys.scopesRequired') }]}>
            <Checkbox.Group options={API_KEY_SCOPES.map((s) => ({ value: s, label: t('integrations.scope.eventsWrite') }))} />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
