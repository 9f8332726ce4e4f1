import { useState } from 'react';
import { App, Button, Card, Flex, Table, Typography, type TableProps } from 'antd';
import { ReloadOutlined, RedoOutlined } from '@ant-design/icons';
import { errorMessage } from '../../api/error-message';
import { jobsApi, type DeadJob, type QueueSize } from '../../api/jobs';
import { useRequest } from '../../api/use-request';
import { useMe } from '../../auth/session-context';
import { LoadError } from '../../components/load-error';
import { useFormatDate } from '../../i18n/use-format-date';
import { useT } from '../../i18n/use-t';

/** A dead job's failure: pg-boss stores the error in `output` (often `{message, stack}`). */
function failureText(output: unknown): string {
  if (output === null || output === undefined) return '-';
  if (typeof output === 'string') return output;
  if (typeof output === 'object' && 'message' in output && typeof output.message === 'string') return output.message;
  return JSON.stringify(output);
}

function QueueTable({ queues }: { queues: QueueSize[] }) {
  const t = useT();
  const columns: TableProps<QueueSize>['columns'] = [
    { key: 'name', title: t('jobs.queue'), dataIndex: 'name', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    { key: 'queued', title: t('jobs.queued'), dataIndex: 'queued', align: 'right' },
    {
      key: 'dead',
      title: t('jobs.dead'),
      dataIndex: 'dead',
      align: 'right',
      render: (v: number) => (v > 0 ? <Typography.Text type="danger">{v}</Typography.Text> : v),
    },
  ];
  return <Table<QueueSize> rowKey="name" columns={columns} dataSource={queues} pagination={false} size="small" />;
}

function DeadTable({ dead, onRetried }: { dead: DeadJob[]; onRetried: () => void }) {
  const t = useT();
  const formatDate = useFormatDate();
  const { message } = App.useApp();
  const [retrying, setRetrying] = useState<string | null>(null);

  const retry = async (id: string) => {
    setRetrying(id);
    try {
      await jobsApi.retry(id);
      message.success(t('jobs.retried'));
      onRetried();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setRetrying(null);
    }
  };

  const columns: TableProps<DeadJob>['columns'] = [
    { key: 'queue', title: t('jobs.queue'), dataIndex: 'queue', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    { key: 'failedAt', title: t('jobs.failedAt'), dataIndex: 'failedAt', render: (v: string | null) => formatDate(v) },
    { key: 'retryCount', title: t('jobs.retryCount'), dataIndex: 'retryCount', align: 'right' },
    {
      key: 'error',
      title: t('jobs.error'),
      render: (_, job) => (
        <Typography.Text type="secondary" ellipsis={{ tooltip: JSON.stringify(job.data) }} style={{ maxWidth: 320 }}>
          {failureText(job.output)}
        </Typography.Text>
      ),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, job) => (
        <Button
          size="small"
          icon={<RedoOutlined />}
          loading={retrying === job.id}
          onClick={() => retry(job.id)}
          data-testid={`retry-${job.id}`}
        >
          {t('jobs.retry')}
        </Button>
      ),
    },
  ];
  return (
    <Table<DeadJob>
      rowKey="id"
      columns={columns}
      dataSource={dead}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      size="small"
      locale={{ emptyText: t('jobs.noDead') }}
      scroll={{ x: 'max-content' }}
    />
  );
}

/** 任务队列: queue sizes and dead letters with a retry button (admins only). */
export function JobQueueCard() {
  const t = useT();
  const me = useMe();
  const { data, error, loading, reload } = useRequest((signal) => jobsApi.get(signal), [me.corp.id]);
  return (
    <Card
      title={t('jobs.title')}
      loading={loading && !data && !error}
      data-testid="job-queue"
      extra={<Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('common.refresh')} />}
    >
      <Flex vertical gap={16}>
        <LoadError error={error} onRetry={reload} />
        {data && (
          <>
            <QueueTable queues={data.queues} />
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('jobs.deadLetters', { n: data.dead.length })}
            </Typography.Title>
            <DeadTable dead={data.dead} onRetried={reload} />
          </>
        )}
      </Flex>
    </Card>
  );
}
