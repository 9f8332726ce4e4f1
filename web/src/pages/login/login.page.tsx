import { useState } from 'react';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { LockOutlined, MailOutlined } from '@ant-design/icons';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { setupApi } from '../../api/setup';
import { useRequest } from '../../api/use-request';
import { useSession } from '../../auth/session-context';
import { useT } from '../../i18n/use-t';
import type { Translate } from '../../i18n/messages';
import { LocaleSwitch } from '../../layout/locale-switch';

interface LoginForm {
  email: string;
  password: string;
}

function describeError(err: unknown, t: Translate): string {
  if (err instanceof ApiError) {
    if (err.code === 'invalid_credentials') return t('login.invalidCredentials');
    if (err.code === 'rate_limited' || err.status === 429) return t('login.rateLimited');
    if (err.code === 'network_error') return t('error.network');
    return t('login.failed', { message: err.message });
  }
  return t('login.failed', { message: String(err) });
}

function useReturnPath(): string {
  const state: unknown = useLocation().state;
  if (
    state &&
    typeof state === 'object' &&
    'from' in state &&
    typeof state.from === 'string' &&
    state.from.startsWith('/') &&
    !state.from.startsWith('/login')
  ) {
    return state.from;
  }
  return '/';
}

export function LoginPage() {
  const t = useT();
  const { status, login } = useSession();
  const navigate = useNavigate();
  const returnTo = useReturnPath();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const setup = useRequest(() => setupApi.status(), []);

  if (status === 'authenticated' && !submitting) return <Navigate to={returnTo} replace />;
  if (setup.data?.needsSetup) return <Navigate to="/setup" replace />;

  const onFinish = async ({ email, password }: LoginForm) => {
    setSubmitting(true);
    setError(null);
    try {
      await login(email.trim(), password);
      navigate(returnTo, { replace: true });
    } catch (err) {
      setError(describeError(err, t));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Flex
      vertical
      align="center"
      justify="center"
      style={{
        minHeight: '100vh',
        padding: 16,
        background: 'linear-gradient(135deg, #e8f1ff 0%, #f4f6fa 50%, #e9f9f0 100%)',
      }}
    >
      <div style={{ position: 'fixed', top: 16, right: 20 }}>
        <LocaleSwitch />
      </div>
      <Card
        style={{ width: '100%', maxWidth: 400, boxShadow: '0 8px 32px rgba(22, 119, 255, 0.08)' }}
        data-testid="login"
      >
        <Flex vertical align="center" gap={4} style={{ marginBottom: 24 }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('login.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('login.subtitle')}</Typography.Text>
        </Flex>
        {error && (
          <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="login-error" />
        )}
        <Form<LoginForm> layout="vertical" requiredMark={false} onFinish={onFinish} disabled={submitting} size="large">
          <Form.Item
            name="email"
            label={t('login.email')}
            rules={[
              { required: true, message: t('login.emailRequired') },
              { type: 'email', message: t('login.emailInvalid') },
            ]}
          >
            <Input prefix={<MailOutlined />} autoComplete="username" autoFocus data-testid="login-email" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('login.passwordRequired') }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
      <Typography.Text type="secondary" style={{ marginTop: 24 }}>
        {t('app.brand')} · {t('login.slogan')}
      </Typography.Text>
    </Flex>
  );
}
