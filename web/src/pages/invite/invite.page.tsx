// Public page behind an invitation link: shows the corp and role, then accepts with a password (the account's own,
// or a new one for a new email) or declines. It never says whether the email has an account.
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Flex, Form, Input, Result, Spin, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { invitationsApi } from '../../api/invitations';
import { useRequest } from '../../api/use-request';
import { useSession } from '../../auth/session-context';
import type { Translate } from '../../i18n/messages';
import { useFormatDate } from '../../i18n/use-format-date';
import { useT } from '../../i18n/use-t';
import { LocaleSwitch } from '../../layout/locale-switch';

interface AcceptForm {
  name?: string;
  password: string;
}

const MIN_PASSWORD = 8;

function describeError(err: unknown, t: Translate): string {
  if (err instanceof ApiError) {
    if (err.code === 'invalid_credentials') return t('invite.wrongPassword');
    if (err.code === 'rate_limited') return t('login.rateLimited');
    return err.message;
  }
  return String(err);
}

export function InvitePage() {
  const t = useT();
  const formatDate = useFormatDate();
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const { refresh } = useSession();
  const invitation = useRequest((signal) => invitationsApi.view(token, signal), [token]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [declined, setDeclined] = useState(false);

  const accept = async ({ name, password }: AcceptForm) => {
    setBusy(true);
    setError(null);
    try {
      await invitationsApi.accept(token, { password, ...(name?.trim() ? { name: name.trim() } : {}) });
      await refresh();
      navigate('/', { replace: true });
    } catch (err) {
      setError(describeError(err, t));
    } finally {
      setBusy(false);
    }
  };

  const decline = async () => {
    setBusy(true);
    try {
      await invitationsApi.decline(token);
      setDeclined(true);
    } catch (err) {
      setError(describeError(err, t));
    } finally {
      setBusy(false);
    }
  };

  const inv = invitation.data;
  let body;
  if (declined)
    body = (
      <div data-testid="invite-declined">
        <Result status="info" title={t('invite.declined')} />
      </div>
    );
  else if (invitation.error)
    body = (
      <div data-testid="invite-invalid">
        <Result status="warning" title={t('invite.invalid')} subTitle={invitation.error.message} />
      </div>
    );
  else if (!inv) body = <Spin style={{ display: 'block', margin: 48 }} />;
  else
    body = (
      <>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t('invite.title', { corp: inv.corpName })}
        </Typography.Title>
        <Descriptions column={1} size="small" style={{ marginBottom: 16 }}>
          <Descriptions.Item label={t('invite.corp')}>
            <span data-testid="invite-corp">{inv.corpName}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('users.role')}>
            <span data-testid="invite-role">{t(`role.${inv.role}`)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('users.email')}>{inv.email}</Descriptions.Item>
          {inv.inviterName && <Descriptions.Item label={t('invite.inviter')}>{inv.inviterName}</Descriptions.Item>}
          <Descriptions.Item label={t('invitations.expires')}>{formatDate(inv.expiresAt)}</Descriptions.Item>
        </Descriptions>
        <Alert type="info" showIcon message={t('invite.passwordHelp', { email: inv.email, n: MIN_PASSWORD })} style={{ marginBottom: 16 }} />
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="invite-error" />}
        <Form<AcceptForm> layout="vertical" requiredMark={false} onFinish={accept} disabled={busy}>
          <Form.Item name="name" label={t('invite.name')} extra={t('invite.nameHelp')}>
            <Input prefix={<UserOutlined />} maxLength={100} autoComplete="name" placeholder={inv.email} data-testid="invite-name" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[
              { required: true, message: t('login.passwordRequired') },
              { min: MIN_PASSWORD, message: t('password.minLength', { n: MIN_PASSWORD }) },
            ]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="invite-password" />
          </Form.Item>
          <Flex gap={8}>
            <Button type="primary" htmlType="submit" loading={busy} block data-testid="invite-accept">
              {t('invite.accept')}
            </Button>
            <Button onClick={decline} disabled={busy} block data-testid="invite-decline">
              {t('invite.decline')}
            </Button>
          </Flex>
        </Form>
      </>
    );

  return (
    <Flex vertical align="center" justify="center" style={{ minHeight: '100vh', padding: 16, background: '#f4f6fa' }}>
      <div style={{ position: 'fixed', top: 16, right: 20 }}>
        <LocaleSwitch />
      </div>
      <Card style={{ width: '100%', maxWidth: 460 }} data-testid="invite-page">
        {body}
      </Card>
    </Flex>
  );
}
