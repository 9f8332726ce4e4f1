// A signed-in user's own pending invitations (matched on their email), to accept or decline from the header.
import { useState } from 'react';
import { App, Badge, Button, Flex, Popover, Typography } from 'antd';
import { MailOutlined } from '@ant-design/icons';
import { errorMessage } from '../api/error-message';
import { invitationsApi, type InvitationView } from '../api/invitations';
import { useRequest } from '../api/use-request';
import { useMe, useSession } from '../auth/session-context';
import { useT } from '../i18n/use-t';

export function MyInvitations() {
  const t = useT();
  const me = useMe();
  const { switchCorp } = useSession();
  const { message } = App.useApp();
  const { data, reload } = useRequest((signal) => invitationsApi.mine(signal), [me.user.id, me.corps.length]);
  const [busyId, setBusyId] = useState<string | null>(null);
  const items = data?.items ?? [];
  if (items.length === 0) return null;

  const answer = async (inv: InvitationView, accept: boolean) => {
    setBusyId(inv.id);
    try {
      if (accept) {
        const { corpId } = await invitationsApi.acceptMine(inv.id);
        await switchCorp(corpId);
        message.success(t('invite.joined', { corp: inv.corpName }));
      } else {
        await invitationsApi.declineMine(inv.id);
      }
      reload();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusyId(null);
    }
  };

  const content = (
    <Flex vertical gap={12} style={{ maxWidth: 340 }} data-testid="my-invitations">
      {items.map((inv) => (
        <Flex key={inv.id} vertical gap={4}>
          <Typography.Text>{t('invite.fromCorp', { corp: inv.corpName, role: t(`role.${inv.role}`) })}</Typography.Text>
          {inv.inviterName && <Typography.Text type="secondary">{t('invite.byInviter', { name: inv.inviterName })}</Typography.Text>}
          <Flex gap={8}>
            <Button size="small" type="primary" loading={busyId === inv.id} onClick={() => answer(inv, true)} data-testid={`my-invitation-accept-${inv.corpName}`}>
              {t('invite.accept')}
            </Button>
            <Button size="small" disabled={busyId === inv.id} onClick={() => answer(inv, false)}>
              {t('invite.decline')}
            </Button>
          </Flex>
        </Flex>
      ))}
    </Flex>
  );

  return (
    <Popover content={content} title={t('invitations.mine')} trigger="click" placement="bottomRight">
      <Badge count={items.length} size="small">
        <Button type="text" icon={<MailOutlined />} aria-label={t('invitations.mine')} data-testid="my-invitations-button" />
      </Badge>
    </Popover>
  );
}
