import { useState } from 'react';
import { App, Button, Flex, Segmented, Table, Tabs } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { ALERT_KINDS, alertsApi, type AlertItem, type AlertQuery, type AlertStatus } from '../../api/alerts';
import { errorMessage } from '../../api/error-message';
import { useRequest } from '../../api/use-request';
import { useMe } from '../../auth/session-context';
import { useCan } from '../../auth/use-can';
import { LoadError } from '../../components/load-error';
import { PageHeader } from '../../components/page-header';
import { useT } from '../../i18n/use-t';
import { useAlertColumns } from './alert-columns';

const STATUSES: AlertStatus[] = ['open', 'done', 'dismissed'];

/** Churn and repurchase alerts: counts per kind, the list, and handling (done / dismiss). */
export function AlertsPage() {
  const t = useT();
  const me = useMe();
  const can = useCan();
  const { message } = App.useApp();
  const [query, setQuery] = useState<AlertQuery>({ status: 'open', page: 1, pageSize: 20 });
  const { data, error, loading, reload } = useRequest(
    (signal) => alertsApi.list(query, signal),
    [query.kind, query.status, query.page, query.pageSize, me.corp.id],
  );
  const act = async (a: AlertItem, status: 'done' | 'dismissed') => {
    try {
      await alertsApi.setStatus(a.id, status);
      message.success(t('alerts.updated'));
      reload();
    } catch (err) {
      message.error(errorMessage(err));
    }
  };
  const columns = useAlertColumns(can('alerts.handle'), (a, s) => void act(a, s));
  const counts = data?.counts;
  const all = counts ? Object.values(counts).reduce((n, c) => n + c, 0) : null;
  const label = (text: string, n: number | null | undefined) => (n === null || n === undefined ? text : `${text} (${n})`);

  return (
    <Flex vertical gap={8} data-testid="alerts-page">
      <PageHeader
        title={t('alerts.title')}
        extra={
          <>
            <Segmented<AlertStatus>
              value={query.status}
              options={STATUSES.map((s) => ({ value: s, label: t(`alerts.status.${s}`) }))}
              onChange={(status) => setQuery((q) => ({ ...q, status, page: 1 }))}
              data-testid="alerts-status"
            />
            <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('common.refresh')} />
          </>
        }
      />
      <Tabs
        activeKey={query.kind ?? 'all'}
        onChange={(k) => setQuery((q) => ({ ...q, kind: k === 'all' ? undefined : (k as AlertQuery['kind']), page: 1 }))}
        items={[
          { key: 'all', label: label(t('alerts.all'), all) },
          ...ALERT_KINDS.map((k) => ({ key: k, label: label(t(`alerts.kind.${k}`), counts?.[k]) })),
        ]}
        data-testid="alerts-kinds"
      />
      <LoadError error={error} onRetry={reload} />
      <Table<AlertItem>
        rowKey="id"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={loading}
        data-testid="alerts-table"
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { n: total }),
          onChange: (page, pageSize) => setQuery((q) => ({ ...q, page: pageSize === q.pageSize ? page : 1, pageSize })),
        }}
      />
    </Flex>
  );
}
