import { useState } from 'react';
import { App, Button, Card, Popconfirm, Select, Space, Table, Tag, type TableProps } from 'antd';
import { DeleteOutlined, UserAddOutlined } from '@ant-design/icons';
import type { Role } from '../../api/auth';
import { errorMessage } from '../../api/error-message';
import { useRequest } from '../../api/use-request';
import { usersApi, type CorpUser } from '../../api/users';
import { useMe } from '../../auth/session-context';
import { LoadError } from '../../components/load-error';
import { useFormatDate } from '../../i18n/use-format-date';
import { useT } from '../../i18n/use-t';
import { AddUserModal } from './add-user-modal';
import { PendingInvitations } from './pending-invitations';
import { roleOptions } from './role-options';
import { useStaffLabel } from '../../components/staff-names';

/** Users & roles of the current corp (admins only). */
export function UsersCard() {
  const t = useT();
  const me = useMe();
  const formatDate = useFormatDate();
  const staffLabel = useStaffLabel();
  const { message } = App.useApp();
  const { data, error, loading, reload } = useRequest((signal) => usersApi.list(signal), [me.corp.id]);
  const [adding, setAdding] = useState(false);
  const [invited, setInvited] = useState(0);
  const [busyId, setBusyId] = useState<string | null>(null);

  const act = async (id: string, action: () => Promise<unknown>, done: string) => {
    setBusyId(id);
    try {
      await action();
      message.success(done);
      reload();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusyId(null);
    }
  };

  const columns: TableProps<CorpUser>['columns'] = [
    {
      key: 'name',
      title: t('users.name'),
      render: (_, u) => (
        <Space size={4}>
          {u.name}
          {u.id === me.user.id && <Tag color="blue">{t('users.you')}</Tag>}
        </Space>
      ),
    },
    { key: 'email', title: t('users.email'), dataIndex: 'email' },
    {
      key: 'role',
      title: t('users.role'),
      width: 180,
      render: (_, u) => (
        <Select<Role>
          value={u.role}
          options={roleOptions(t)}
          style={{ width: 150 }}
          disabled={busyId === u.id}
          onChange={(role) => act(u.id, () => usersApi.update(u.id, { role }), t('users.roleChanged'))}
          data-testid={`user-role-${u.email}`}
        />
      ),
    },
    { key: 'staffUserid', title: t('users.staffUserid'), dataIndex: 'staffUserid', render: (v: string | null) => (v ? staffLabel(v) : '-') },
    { key: 'createdAt', title: t('users.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDate(v, false) },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 100,
      render: (_, u) => (
        <Popconfirm
          title={t('users.removeConfirm', { name: u.name || u.email })}
          okText={t('users.remove')}
          okButtonProps={{ danger: true }}
          cancelText={t('common.cancel')}
          onConfirm={() => act(u.id, () => usersApi.remove(u.id), t('users.removed'))}
          disabled={u.id === me.user.id}
        >
          <Button
            type="link"
            danger
            size="small"
            icon={<DeleteOutlined />}
            loading={busyId === u.id}
            disabled={u.id === me.user.id}
            data-testid={`user-remove-${u.email}`}
          >
            {t('users.remove')}
          </Button>
        </Popconfirm>
      ),
    },
  ];

  return (
    <Card
      title={t('users.title')}
      data-testid="users-card"
      extra={
        <Button type="primary" icon={<UserAddOutlined />} onClick={() => setAdding(true)} data-testid="add-user">
          {t('users.add')}
        </Button>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }} size={16}>
        <LoadError error={error} onRetry={reload} />
        <Table<CorpUser>
          rowKey="id"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={loading && !data}
          pagination={false}
          size="middle"
          scroll={{ x: 'max-content' }}
        />
        <PendingInvitations refreshKey={invited} />
      </Space>
      <AddUserModal
        open={adding}
        onClose={() => setAdding(false)}
        onAdded={() => setInvited((n) => n + 1)}
      />
    </Card>
  );
}
