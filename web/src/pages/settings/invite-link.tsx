// The link an admin hands to an invitee: shown once when made (only its hash is kept), with a copy button.
import { Alert, Flex, Input, Typography } from 'antd';
import { absoluteInviteUrl } from '../../api/invitations';
import { useFormatDate } from '../../i18n/use-format-date';
import { useT } from '../../i18n/use-t';

export function InviteLink({ url, expiresAt }: { url: string; expiresAt: string }) {
  const t = useT();
  const formatDate = useFormatDate();
  const link = absoluteInviteUrl(url);
  return (
    <Flex vertical gap={8} data-testid="invite-link-box">
      <Alert type="success" showIcon message={t('invitations.linkReady')} description={t('invitations.linkHelp', { date: formatDate(expiresAt) })} />
      <Flex gap={8} align="center">
        <Input readOnly value={link} data-testid="invite-link" onFocus={(e) => e.currentTarget.select()} />
        <Typography.Text copyable={{ text: link, tooltips: [t('invitations.copy'), t('invitations.copied')] }} data-testid="invite-link-copy" />
      </Flex>
    </Flex>
  );
}
