import { Flex, List, Progress, Space, Tag, Typography, type ProgressProps } from 'antd';
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

function scalar(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

/**
 * The run's report, e.g. `{seen: {staff: 12}, fixed: 3, warnings: []}`: scalars as tags, one level of
 * nested objects as a labelled row of tags, empty values left out.
 */
function Report({ report }: { report: Record<string, unknown> }) {
  const entries = Object.entries(report).filter(([, value]) => !isEmpty(value));
  if (entries.length === 0) return null;
  const flat = entries.filter(([, v]) => typeof v !== 'object' || v === null || Array.isArray(v));
  const nested = entries.filter((e): e is [string, Record<string, unknown>] => {
    const v = e[1];
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  });
  return (
    <Flex vertical gap={4} style={{ fontSize: 12 }}>
      {flat.length > 0 && (
        <Flex wrap gap={4}>
          {flat.map(([key, value]) => (
            <Tag key={key} bordered={false} style={{ whiteSpace: 'normal', wordBreak: 'break-all' }}>
              {key}: {scalar(value)}
            </Tag>
          ))}
        </Flex>
      )}
      {nested.map(([group, values]) => (
        <Flex key={group} wrap gap={4} align="center">
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {group}
          </Typography.Text>
          {Object.entries(values).map(([key, value]) => (
            <Tag key={key} bordered={false} style={{ whiteSpace: 'normal', wordBreak: 'break-all' }}>
              {key}: {scalar(value)}
            </Tag>
          ))}
        </Flex>
      ))}
    </Flex>
  );
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
            {formatDate(run.startedAt)}
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
        <Report report={run.report} />
      </Flex>
    </List.Item>
  );
}
