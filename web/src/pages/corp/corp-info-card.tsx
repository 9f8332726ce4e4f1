import { App, Badge, Card, Descriptions, Tag, Typography } from 'antd';
import { corpApi, type CorpInfo } from '../../api/corp';
import type { InboxCounts } from '../../api/wecom';
import { errorMessage } from '../../api/error-message';
import { useSession } from '../../auth/session-context';
import { useFormatDate } from '../../i18n/use-format-date';
import { useT } from '../../i18n/use-t';

export function CorpInfoCard({
  corp,
  inbox,
  loading,
  isAdmin,
  onChanged,
}: {
  corp: CorpInfo | undefined;
  inbox: InboxCounts | null;
  loading: boolean;
  isAdmin: boolean;
  onChanged: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const { refresh } = useSession();
  const formatDate = useFormatDate();

  const rename = async (name: string) => {
    const trimmed = name.trim();
    if (!corp || !trimmed || trimmed === corp.name) return;
    try {
      await corpApi.rename(trimmed);
      message.success(t('corp.renamed'));
      onChanged();
      // the header's corp switcher shows the name too
      void refresh().catch(() => undefined);
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  return (
    <Card title={t('corp.info')} loading={loading && !corp} data-testid="corp-info">
      {corp && (
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('corp.name')}>
            <Typography.Text
              editable={isAdmin ? { onChange: rename, maxLength: 100, triggerType: ['icon'] } : false}
              data-testid="corp-name"
            >
              {corp.name}
            </Typography.Text>
            {corp.isDemo && (
              <Tag color="orange" style={{ marginInlineStart: 8 }}>
                {t('corp.demo')}
              </Tag>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('corp.id')}>
            <Typography.Text copyable>{corp.id}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('corp.wecomCorpId')}>{corp.wecomCorpId || '-'}</Descriptions.Item>
          <Descriptions.Item label={t('corp.wecomStatus')}>
            {corp.wecomConnected ? (
              <Badge status="success" text={t('corp.connected')} />
            ) : (
              <Badge status="default" text={t('corp.notConnected')} />
            )}
          </Descriptions.Item>
          {inbox && (
            <Descriptions.Item label={t('corp.inbox')} span="filled">
              <span data-testid="corp-inbox">
                {t('corp.inboxDetail', {
                  last: formatDate(inbox.lastReceivedAt),
                  pending: inbox.pending,
                })}
              </span>
              {inbox.failing > 0 && (
                <Tag color="red" style={{ marginInlineStart: 8 }}>
                  {t('corp.inboxFailing', { n: inbox.failing })}
                </Tag>
              )}
            </Descriptions.Item>
          )}
        </Descriptions>
      )}
    </Card>
  );
}
