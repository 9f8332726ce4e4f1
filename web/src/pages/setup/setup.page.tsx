import { useState } from 'react';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { Navigate, useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { setupApi, type SetupInput } from '../../api/setup';
import { useRequest } from '../../api/use-request';
import { useSession } from '../../auth/session-context';
import { FullPageSpin } from '../../components/full-page-spin';
import { useT } from '../../i18n/use-t';
import { LocaleSwitch } from '../../layout/locale-switch';

// A fresh install without the demo: the first admin creates the corp and their own account, then is logged in.
export function SetupPage() {
  const t = useT();
  const navigate = useNavigate();
  const { login } = useSession();
  const status = useRequest(() => setupApi.status(), []);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (status.loading) return <FullPageSpin />;
  if (status.data && !status.data.needsSetup) return <Navigate to="/login" replace />;

  const onFinish = async (values: SetupInput) => {
    setSubmitting(true);
    setError(null);
    try {
      await setupApi.create({ ...values, email: values.email.trim() });
      await login(values.email.trim(), values.password);
      navigate('/', { replace: true });
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Flex vertical align="center" justify="center" style={{ minHeight: '100vh', padding: 16, background: '#f4f6fa' }}>
      <div style={{ position: 'fixed', top: 16, right: 20 }}>
        <LocaleSwitch />
      </div>
      <Card style={{ width: '100%', maxWidth: 440 }} data-testid="setup">
        <Typography.Title level={3}>{t('setup.title')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('setup.intro')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
        <Form<SetupInput> layout="vertical" onFinish={onFinish} requiredMark={false}>
          <Form.Item name="corpName" label={t('setup.corpName')} rules={[{ required: true, max: 100 }]}>
            <Input data-testid="setup-corp" />
          </Form.Item>
          <Form.Item name="name" label={t('setup.name')} rules={[{ required: true, max: 100 }]}>
            <Input data-testid="setup-name" />
          </Form.Item>
          <Form.Item name="email" label={t('setup.email')} rules={[{ required: true, type: 'email' }]}>
            <Input data-testid="setup-email" autoComplete="username" />
          </Form.Item>
          <Form.Item name="password" label={t('setup.password')} rules={[{ required: true, min: 8, max: 200 }]}>
            <Input.Password data-testid="setup-password" autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={submitting} data-testid="setup-submit">
            {t('setup.submit')}
          </Button>
        </Form>
      </Card>
    </Flex>
  );
}
