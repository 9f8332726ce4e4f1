// Invitations not yet answered, beside the corp's users: an admin can hand out a fresh link or revoke one.
import { useState } from 'react';
import { App, Button, Modal, Popconfirm, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { DeleteOutlined, LinkOutlined } from '@ant-design/icons';
import { errorMessage } from '../../api/error-message';
import { invitationsApi, type PendingInvitation } from '../../api/invitations';
import { useRequest } from '../../api/use-request';
import { LoadError } from '../../components/load-error';
import { useFormatDate } from '../../i18n/use-format-date';
import { useT } from '../../i18n/use-t';
import { InviteLink } from './invite-link';

export function PendingInvitations({ refreshKey }: { refreshKey: number }) {
  const t = useT();
  const formatDate = useFormatDate();
  const { message } = App.useApp();
  const { data, error, reload } = useRequest((signal) => invitationsApi.listPending(signal), [refreshKey]);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [link, setLink] = useState<{ url: string; expiresAt: string } | null>(null);

  const act = async (id: string, action: () => Promise<void>) => {
    setBusyId(id);
    try {
      await action();
      reload();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusyId(null);
    }
  };

  const columns: TableProps<PendingInvitation>['columns'] = [
    { key: 'email', title: t('users.email'), dataIndex: 'email' },
    { key: 'name', title: t('users.name'), dataIndex: 'name' },
    { key: 'role', title: t('users.role'), render: (_, i) => t(`role.${i.role}`) },
    {
      key: 'expiresAt',
      title: t('invitations.expires'),
      render: (_, i) => (i.expired ? <Tag color="default">{t('invitations.expired')}</Tag> : formatDate(i.expiresAt)),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, i) => (
        <Space size={0}>
          <Button
            type="link"
            size="small"
            icon={<LinkOutlined />}
            loading={busyId === i.id}
            onClick={() =>
              act(i.id, async () => {
                const next = await invitationsApi.relink(i.id);
                setLink({ url: next.inviteUrl, expiresAt: next.expiresAt });
              })
            }
            data-testid={`invitation-link-${i.email}`}
          >
            {t('invitations.newLink')}
          </Button>
          <Popconfirm
            title={t('invitations.revokeConfirm', { email: i.email })}
            okText={t('invitations.revoke')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            onConfirm={() =>
              act(i.id, async () => {
                await invitationsApi.revoke(i.id);
                message.success(t('invitations.revoked'));
              })
            }
          >
            <Button type="link" danger size="small" icon={<DeleteOutlined />} data-testid={`invitation-revoke-${i.email}`}>
              {t('invitations.revoke')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  const items = data?.items ?? [];
  if (!error && items.length === 0) return null;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={8} data-testid="pending-invitations">
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('invitations.pending')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('invitations.newLinkHelp')}</Typography.Text>
      <LoadError error={error} onRetry={reload} />
      <Table<PendingInvitation> rowKey="id" columns={columns} dataSource={items} pagination={false} size="small" scroll={{ x: 'max-content' }} />
      <Modal open={link !== null} title={t('invitations.newLink')} onOk={() => setLink(null)} onCancel={() => setLink(null)} cancelButtonProps={{ style: { display: 'none' } }} destroyOnHidden>
        {link && <InviteLink url={link.url} expiresAt={link.expiresAt} />}
      </Modal>
    </Space>
  );
}
