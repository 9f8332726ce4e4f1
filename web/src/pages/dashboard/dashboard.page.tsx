import { Alert, Button, Flex, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { dashboardApi } from '../../api/dashboard';
import { useRequest } from '../../api/use-request';
import { useT } from '../../i18n/use-t';
import { useMe } from '../../auth/session-context';
import { DashboardCharts } from './dashboard-charts';
import { StatCards } from './stat-cards';

export function DashboardPage() {
  const t = useT();
  const me = useMe();
  // reload when the user switches corp
  const { data, error, loading, reload } = useRequest((signal) => dashboardApi.summary(signal), [me.corp.id]);

  return (
    <Flex vertical gap={16} data-testid="dashboard">
      <Flex align="center" justify="space-between">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('dashboard.title')}
        </Typography.Title>
        <Button
          icon={<ReloadOutlined />}
          onClick={reload}
          loading={loading && !!data}
          aria-label={t('dashboard.retry')}
        />
      </Flex>
      {error && (
        <Alert
          type="error"
          showIcon
          message={t('dashboard.loadFailed')}
          description={error.message}
          action={
            <Button size="small" onClick={reload}>
              {t('dashboard.retry')}
            </Button>
          }
        />
      )}
      <StatCards summary={data} loading={loading && !data} />
      <DashboardCharts summary={data} loading={loading && !data} />
    </Flex>
  );
}
