import { useState } from 'react';
import { Button, Flex, Form, Input, Modal, Popconfirm, Select, Space, Switch, Table, Tag, message } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { groupCodesApi, type GroupCode, type GroupCodeInput } from '../../api/channels';
import { errorMessage } from '../../api/error-message';
import { useRequest } from '../../api/use-request';
import { useMe } from '../../auth/session-context';
import { useCan } from '../../auth/use-can';
import { LoadError } from '../../components/load-error';
import { useT } from '../../i18n/use-t';
import { validated } from '../../components/validated';

export function GroupCodesTab() {
  const t = useT();
  const me = useMe();
  const canManage = useCan()('group-codes.write');
  const { data, error, loading, reload } = useRequest((s) => groupCodesApi.list(s), [me.corp.id]);
  const [editing, setEditing] = useState<GroupCode | null | undefined>(undefined);
  const options = useRequest((s) => (canManage && editing !== undefined ? groupCodesApi.groupOptions(s) : Promise.resolve({ items: [] })), [editing]);
  const [form] = Form.useForm<GroupCodeInput>();

  function open(c: GroupCode | null) {
    form.setFieldsValue(c ? { name: c.name, chatIds: c.chatIds.slice(-5), autoCreateRoom: c.autoCreateRoom, roomBaseName: c.roomBaseName ?? '' } : { name: '', chatIds: [], autoCreateRoom: true, roomBaseName: '' });
    setEditing(c);
  }

  async function save() {
    const v = await validated(form);
    if (!v) return;
    try {
      if (editing) await groupCodesApi.update(editing.id, v);
      else await groupCodesApi.create(v);
      setEditing(undefined);
      reload();
    } catch (err) {
      message.error(errorMessage(err));
    }
  }

  return (
    <Flex vertical gap={12} data-testid="group-codes-tab">
      <Flex justify="end">
        {canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => open(null)}>
            {t('groupCodes.new')}
          </Button>
        )}
      </Flex>
      {error && <LoadError error={error} onRetry={reload} />}
      <Table<GroupCode>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        columns={[
          { key: 'name', title: t('channels.name'), dataIndex: 'name' },
          { key: 'groups', title: t('groupCodes.chats'), render: (_, c) => c.groups.map((g) => <Tag key={g.chatId}>{`${g.name} (${g.memberCount})`}</Tag>) },
          { key: 'auto', title: t('groupCodes.autoCreate'), render: (_, c) => (c.autoCreateRoom ? t('common.yes') : t('common.no')) },
          { key: 'today', title: t('groupCodes.todayJoins'), render: (_, c) => c.joins.today, align: 'right' },
          { key: 'joins', title: t('groupCodes.joins'), render: (_, c) => c.joins.total, align: 'right' },
          {
            key: 'actions',
            title: t('channels.actions'),
            render: (_, c) => (
              <Space size={4}>
                <Button size="small" href={groupCodesApi.qrUrl(c.id)}>
                  {t('channels.qr')}
                </Button>
                {canManage && (
                  <Button size="small" onClick={() => open(c)}>
                    {t('channels.edit')}
                  </Button>
                )}
                {canManage && (
                  <Popconfirm title={t('channels.deleteConfirm')} onConfirm={() => void groupCodesApi.remove(c.id).then(reload, (e: unknown) => message.error(errorMessage(e)))}>
                    <Button size="small" danger>
                      {t('channels.delete')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal open={editing !== undefined} title={editing ? t('channels.edit') : t('groupCodes.new')} onCancel={() => setEditing(undefined)} onOk={() => void save()} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="name" label={t('channels.name')} rules={[{ required: true, max: 60 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="chatIds" label={t('groupCodes.chats')} rules={[{ required: true, type: 'array', min: 1, max: 5 }]}>
            <Select mode="multiple" optionFilterProp="label" options={(options.data?.items ?? []).map((g) => ({ value: g.chatId, label: `${g.name || g.chatId} (${g.memberCount})` }))} />
          </Form.Item>
          <Form.Item name="autoCreateRoom" label={t('groupCodes.autoCreate')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="roomBaseName" label={t('groupCodes.roomBaseName')} rules={[{ max: 40 }]}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
