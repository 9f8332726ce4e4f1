import { Flex, List, Progress, Space, Tag, Typography, type ProgressProps } from 'antd';
import { SyncReport } from './sync-report';
import type { SyncRun } from '../../api/wecom';
import type { MessageKey } from '../../i18n/messages';
import { useFormatDate } from '../../i18n/use-format-date';
import { useT } from '../../i18n/use-t';

const STATUS: Record<string, { key: MessageKey; color: string }> = {
  queued: { key: 'corp.sync.status.queued', color: 'default' },
  running: { key: 'corp.sync.status.running', color: 'processing' },
  done: { key: 'corp.sync.status.done', color: 'success' },
  partial: { key: 'corp.sync.status.partial', color: 'warning' },
  failed: { key: 'corp.sync.status.failed', color: 'error' },
};

function percentOf(run: SyncRun): number {
  if (run.total > 0) return Math.min(100, Math.floor((run.done / run.total) * 100));
  return run.status === 'done' ? 100 : 0;
}

function progressStatus(run: SyncRun): ProgressProps['status'] {
  if (run.status === 'failed') return 'exception';
  if (run.status === 'done') return 'success';
  if (run.status === 'running' || run.status === 'queued') return 'active';
  return 'normal';
}

export function SyncRunItem({ run }: { run: SyncRun }) {
  const t = useT();
  const formatDate = useFormatDate();
  const status = STATUS[run.status];
  const kind = run.kind === 'reconcile' ? t('corp.sync.kind.reconcile') : t('corp.sync.kind.full');
  return (
    <List.Item data-testid="sync-run">
      <Flex vertical gap={4} style={{ width: '100%' }}>
        <Flex justify="space-between" wrap gap={8}>
          <Space size={8}>
            <Typography.Text strong>{kind}</Typography.Text>
            <Tag color={status?.color ?? 'default'}>{status ? t(status.key) : run.status}</Tag>
            {run.phase && <Typography.Text type="secondary">{run.phase}</Typography.Text>}
          </Space>
          <Typography.Text type="secondary">
            {formatDate(run.startedAt ?? run.createdAt)}
            {run.finishedAt ? ` → ${formatDate(run.finishedAt)}` : ''}
          </Typography.Text>
        </Flex>
        <Progress
          percent={percentOf(run)}
          status={progressStatus(run)}
          strokeColor={run.status === 'partial' ? '#faad14' : undefined}
          format={(p) => (run.total > 0 ? `${run.done}/${run.total}` : `${p ?? 0}%`)}
        />
        {run.error && <Typography.Text type="danger">{run.error}</Typography.Text>}
        <SyncReport report={run.report} />
      </Flex>
    </List.Item>
  );
}
