// The signed events webhook: its URL, its secret (hidden until shown, copyable), rotate with confirmation, and a
// copyable curl example that signs a sample order the way the server checks it (HMAC-SHA256 of the raw body).
import { Alert, App, Button, Descriptions, Flex, Popconfirm, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { useRequest } from '../../api/use-request';
import { LoadError } from '../../components/load-error';
import { useT } from '../../i18n/use-t';
import { integrationsApi, type WebhookInfo } from './integrations-api';

function curlExample(url: string, secret: string): string {
  const body = JSON.stringify({
    events: [{ id: 'order:A1001', type: 'order', occurredAt: '2026-01-01T12:00:00+08:00', customer: { phone: '13800000000' }, properties: { amount: 199 } }],
  });
  return [
    `BODY='${body}'`,
    `SIG=$(printf '%s' "$BODY" | openssl dgst -sha256 -hmac '${secret}' | sed 's/^.* //')`,
    `curl -X POST '${url}' -H 'Content-Type: application/json' -H "X-Siyu-Signature: sha256=$SIG" -d "$BODY"`,
  ].join('\n');
}

export function WebhookTab() {
  const t = useT();
  const { message } = App.useApp();
  const loaded = useRequest((signal) => integrationsApi.webhook(signal), []);
  const [rotated, setRotated] = useState<WebhookInfo>();
  const [shown, setShown] = useState(false);
  const info = rotated ?? loaded.data;
  const url = info ? `${window.location.origin}${info.path}` : '';

  const rotate = async () => {
    try {
      setRotated(await integrationsApi.rotateWebhook());
      setShown(true);
      message.success(t('integrations.webhook.rotated'));
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    }
  };

  return (
    <Flex vertical gap={16}>
      <Typography.Text type="secondary">{t('integrations.webhook.help')}</Typography.Text>
      <LoadError error={loaded.error} onRetry={loaded.reload} />
      {info && (
        <>
          <Descriptions bordered size="small" column={1}>
            <Descriptions.Item label={t('integrations.webhook.url')}>
              <Typography.Text copyable data-testid="webhook-url">
                {url}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('integrations.webhook.secret')}>
              <Flex gap={8} align="center">
                <Typography.Text copyable={{ text: info.secret }} data-testid="webhook-secret">
                  <code>{shown ? info.secret : '••••••••••••••••'}</code>
                </Typography.Text>
                <Button size="small" onClick={() => setShown((s) => !s)} data-testid="webhook-secret-toggle">
                  {shown ? t('integrations.webhook.hide') : t('integrations.webhook.show')}
                </Button>
                <Popconfirm title={t('integrations.webhook.confirmRotate')} onConfirm={() => void rotate()}>
                  <Button size="small" danger data-testid="webhook-rotate">
                    {t('integrations.webhook.rotate')}
                  </Button>
                </Popconfirm>
              </Flex>
            </Descriptions.Item>
            <Descriptions.Item label={t('integrations.webhook.signature')}>{t('integrations.webhook.signatureHelp')}</Descriptions.Item>
          </Descriptions>
          <Alert type="info" showIcon message={t('integrations.webhook.example')} />
          <Typography.Paragraph copyable={{ text: curlExample(url, info.secret) }} data-testid="webhook-curl">
            <pre style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', margin: 0 }}>{curlExample(url, shown ? info.secret : '<secret>')}</pre>
          </Typography.Paragraph>
        </>
      )}
    </Flex>
  );
}
