import { useEffect, useState } from 'react';
import { App, Button, Card, Flex, Progress, Table, Tag, Typography, Upload, type TableProps } from 'antd';
import { ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/client';
import { leadsApi, type LeadBatch, type LeadBatchDetail } from '../../api/leads';
import { useRequest } from '../../api/use-request';
import { useCan } from '../../auth/use-can';
import { LoadError } from '../../components/load-error';
import type { MessageKey } from '../../i18n/messages';
import { useLocale, useT } from '../../i18n/use-t';
import { BatchDetail } from './batch-detail';
import { DistributeModal } from './distribute-modal';

const STATUS_COLOR: Record<LeadBatch['status'], string> = {
  queued: 'default',
  importing: 'processing',
  imported: 'success',
  failed: 'error',
};

/** Polls a batch until its import finished; shows done/total as a progress bar. */
function ImportProgress({ id, onDone }: { id: string; onDone: () => void }) {
  const t = useT();
  const [batch, setBatch] = useState<LeadBatchDetail>();
  useEffect(() => {
    let stop = false;
    const tick = async () => {
      const b = await leadsApi.batch(id).catch(() => undefined);
      if (stop) return;
      if (b) setBatch(b);
      if (b && (b.status === 'imported' || b.status === 'failed')) onDone();
      else setTimeout(tick, 500);
    };
    void tick();
    return () => {
      stop = true;
    };
  }, [id, onDone]);
  if (!batch) return null;
  const pct = batch.total ? Math.round((batch.done / batch.total) * 100) : 0;
  return (
    <Card size="small" data-testid="lead-import-progress">
      <Typography.Text>{t('leads.importing', { name: batch.filename })}</Typography.Text>
      <Progress
        percent={batch.status === 'imported' ? 100 : pct}
        status={batch.status === 'failed' ? 'exception' : undefined}
      />
      <Typography.Text type="secondary">
        {batch.done} / {batch.total} · {t('leads.imported')} {batch.imported} · {t('leads.failed')} {batch.failed}
        {batch.error ? ` · ${batch.error}` : ''}
      </Typography.Text>
    </Card>
  );
}

export function LeadBatchesTab() {
  const t = useT();
  const canWrite = useCan()('leads.write');
  const { locale } = useLocale();
  const { message } = App.useApp();
  const { data, error, loading, reload } = useRequest((signal) => leadsApi.batches(signal), []);
  const [importing, setImporting] = useState<string>();
  const [distributing, setDistributing] = useState<LeadBatch>();
  const [open, setOpen] = useState<string>();

  const columns: TableProps<LeadBatch>['columns'] = [
    { key: 'filename', title: t('leads.file'), dataIndex: 'filename' },
    {
      key: 'status',
      title: t('leads.status'),
      dataIndex: 'status',
      render: (s: LeadBatch['status']) => <Tag color={STATUS_COLOR[s]}>{t(`leads.batch.${s}` as MessageKey)}</Tag>,
    },
    {
      key: 'progress',
      title: t('leads.progress'),
      render: (_: unknown, b) => (
        <Progress size="small" percent={b.total ? Math.round((b.done / b.total) * 100) : 0} style={{ width: 140 }} />
      ),
    },
    { key: 'imported', title: t('leads.imported'), dataIndex: 'imported', align: 'right' },
    { key: 'failed', title: t('leads.failed'), dataIndex: 'failed', align: 'right' },
    { key: 'round', title: t('leads.round'), dataIndex: 'round', align: 'right' },
    {
      key: 'deadline',
      title: t('leads.deadline'),
      dataIndex: 'deadline_at',
      render: (d: string | null) => (d ? new Date(d).toLocaleString() : '-'),
    },
    {
      key: 'created',
      title: t('leads.createdAt'),
      dataIndex: 'created_at',
      render: (d: string) => new Date(d).toLocaleString(),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_: unknown, b) => (
        <Flex gap={8}>
          {canWrite && (
            <Button size="small" disabled={b.status !== 'imported'} onClick={() => setDistributing(b)} data-testid="lead-distribute">
              {t('leads.distribute')}
            </Button>
          )}
          <Button size="small" onClick={() => setOpen(open === b.id ? undefined : b.id)}>
            {t('leads.errors')}
          </Button>
        </Flex>
      ),
    },
  ];

  return (
    <Flex vertical gap={12} data-testid="lead-batches">
      <Flex gap={8} align="center">
        {canWrite && (
        <Upload
          accept=".csv,.xlsx"
          showUploadList={false}
          beforeUpload={(file) => {
            leadsApi
              .upload(file, locale)
              .then((r) => setImporting(r.id))
              .catch((err: unknown) => message.error(err instanceof ApiError ? err.message : String(err)));
            return false;
          }}
        >
          <Button type="primary" icon={<UploadOutlined />} data-testid="lead-upload">
            {t('leads.upload')}
          </Button>
        </Upload>
        )}
        {canWrite && <Typography.Text type="secondary">{t('leads.uploadHint')}</Typography.Text>}
        <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('common.refresh')} />
      </Flex>
      {importing && <ImportProgress id={importing} onDone={reload} />}
      <LoadError error={error} onRetry={reload} />
      <Table
        rowKey="id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={data?.items ?? []}
        pagination={false}
      />
      {open && <BatchDetail id={open} />}
      {distributing && (
        <DistributeModal
          batch={distributing}
          onClose={(done) => {
            setDistributing(undefined);
            if (done) reload();
          }}
        />
      )}
    </Flex>
  );
}
