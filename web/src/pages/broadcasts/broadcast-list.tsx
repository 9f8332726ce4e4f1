// The list of mass messages with progress (staff who sent) and reach rate, and the 48009 banner.
import type { BroadcastSummary } from '@siyu/contracts';
import { Alert, Button, Flex, Progress, Table } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useRequest } from '../../api/use-request';
import { useCan } from '../../auth/use-can';
import { LoadError } from '../../components/load-error';
import { PageHeader } from '../../components/page-header';
import { useT } from '../../i18n/use-t';
import { broadcastsApi } from './broadcasts-api';
import { BroadcastStatusTag, percent } from './broadcast-status';

export function BroadcastList() {
  const t = useT();
  const can = useCan();
  const navigate = useNavigate();
  const { data, error, loading, reload } = useRequest((signal) => broadcastsApi.list(signal), []);
  return (
    <Flex vertical gap={16} data-testid="broadcasts-page">
      <PageHeader
        title={t('broadcasts.title')}
        extra={
          <>
            {can('broadcasts.write') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/broadcasts/new')} data-testid="broadcast-create">
                {t('broadcasts.create')}
              </Button>
            )}
            <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('broadcasts.refresh')} />
          </>
        }
      />
      {data?.unavailable && <Alert type="error" showIcon data-testid="broadcasts-unavailable" message={t('broadcasts.unavailable', { errcode: data.unavailable.errcode })} />}
      <LoadError error={error} onRetry={reload} />
      <Table<BroadcastSummary>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        onRow={(r) => ({ onClick: () => navigate(`/broadcasts/${r.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { key: 'name', title: t('broadcasts.col.name'), dataIndex: 'name' },
          { key: 'kind', title: t('broadcasts.col.kind'), render: (_: unknown, b) => t(`broadcasts.kind.${b.kind}`) },
          { key: 'status', title: t('broadcasts.col.status'), render: (_: unknown, b) => <BroadcastStatusTag status={b.status} /> },
          { key: 'sendAt', title: t('broadcasts.col.sendAt'), render: (_: unknown, b) => new Date(b.sendAt).toLocaleString() },
          { key: 'planned', title: t('broadcasts.col.planned'), dataIndex: 'planned', align: 'right' },
          {
            key: 'progress',
            title: t('broadcasts.col.progress'),
            render: (_: unknown, b) => (
              <Progress size="small" style={{ width: 140 }} percent={b.tasks ? Math.round((b.staffSent / b.tasks) * 100) : 0} format={() => `${b.staffSent}/${b.tasks}`} />
            ),
          },
          { key: 'reach', title: t('broadcasts.col.reach'), align: 'right', render: (_: unknown, b) => <span data-testid="broadcast-reach">{percent(b.reachRate)}</span> },
        ]}
      />
    </Flex>
  );
}
