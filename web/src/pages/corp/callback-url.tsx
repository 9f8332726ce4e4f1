import { Alert, Typography } from 'antd';
import { useT } from '../../i18n/use-t';

/** The URL an admin pastes into WeCom (应用管理 → 接收消息 → 设置 API 接收). */
export function CallbackUrl({ url }: { url: string }) {
  const t = useT();
  return (
    <Alert
      type="info"
      showIcon
      message={t('corp.callbackUrl')}
      description={
        <>
          <Typography.Paragraph copyable={{ text: url }} code style={{ marginBottom: 4 }} data-testid="callback-url">
            {url || '-'}
          </Typography.Paragraph>
          <Typography.Text type="secondary">{t('corp.callbackUrlHelp')}</Typography.Text>
        </>
      }
    />
  );
}
