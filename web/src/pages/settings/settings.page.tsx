import { Alert, Button, Card, Flex, Typography } from 'antd';
import { KeyOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useMe } from '../../auth/session-context';
import { useCan } from '../../auth/use-can';
import { PageHeader } from '../../components/page-header';
import { useT } from '../../i18n/use-t';
import { JobQueueCard } from './job-queue-card';
import { UsersCard } from './users-card';

function AccountCard() {
  const t = useT();
  const me = useMe();
  return (
    <Card title={t('settings.account')} data-testid="account-card">
      <Flex align="center" justify="space-between" wrap gap={16}>
        <Typography.Text>
          {me.user.email} · {t(`role.${me.user.role}`)}
        </Typography.Text>
        <Link to="/settings/password" data-testid="change-password-link">
          <Button icon={<KeyOutlined />}>{t('header.changePassword')}</Button>
        </Link>
      </Flex>
    </Card>
  );
}

export function SettingsPage() {
  const t = useT();
  const isAdmin = useCan()('users.admin');
  return (
    <Flex vertical gap={16} data-testid="settings-page">
      <PageHeader title={t('settings.title')} />
      <AccountCard />
      {isAdmin ? (
        <>
          <UsersCard />
          <JobQueueCard />
        </>
      ) : (
        <Alert type="info" showIcon message={t('settings.adminOnly')} />
      )}
    </Flex>
  );
}
