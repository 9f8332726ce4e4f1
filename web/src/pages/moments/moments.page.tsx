// 朋友圈: the corp's moment tasks with their status, publishing progress and interactions; writers compose new ones.
// While a task is being created (and until its first results are in) the list refreshes itself.
import type { Moment } from '@siyu/contracts';
import { Button, Flex, Progress, Table, Typography } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { useRequest } from '../../api/use-request';
import { useCan } from '../../auth/use-can';
import { LoadError } from '../../components/load-error';
import { PageHeader } from '../../components/page-header';
import { useFormatDate } from '../../i18n/use-format-date';
import { useT } from '../../i18n/use-t';
import { MomentDrawer } from './moment-drawer';
import { MomentForm } from './moment-form';
import { momentsApi } from './moments-api';
import { StatusTag } from './status-tag';

export function MomentsPage() {
  const t = useT();
  const can = useCan();
  const fmt = useFormatDate();
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<string>();
  const { data, error, loading, reload } = useRequest((signal) => momentsApi.list({ page, pageSize: 20 }, signal), [page]);
  // Until a new task is created and its first results are pulled.
  const pending = (data?.items ?? []).some((m) => m.status === 'queued' || m.status === 'creating' || (m.status === 'created' && !m.syncedAt));
  useEffect(() => {
    if (!pending) return;
    const timer = setTimeout(reload, 1500);
    return () => clearTimeout(timer);
  }, [pending, data, reload]);

  return (
    <Flex vertical gap={16} data-testid="moments-page">
      <PageHeader
        title={t('moments.title')}
        extra={
          <>
            {can('moments.write') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="moment-create">
                {t('moments.create')}
              </Button>
            )}
            <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('common.refresh')} />
          </>
        }
      />
      <LoadError error={error} onRetry={reload} />
      <Table<Moment>
        rowKey="id"
        loading={loading && !data}
        dataSource={data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        onRow={(m) => ({ onClick: () => setOpen(m.id), style: { cursor: 'pointer' } })}
        columns={[
          {
            key: 'content',
            title: t('moments.col.content'),
            render: (_: unknown, m) => (
              <Flex vertical>
                <Typography.Text ellipsis style={{ maxWidth: 360 }}>
                  {m.text || '—'}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {m.materials.map((x) => x.title).join('、')}
                </Typography.Text>
              </Flex>
            ),
          },
          { key: 'senders', title: t('moments.senders'), render: (_: unknown, m) => m.senders.map((s) => s.name).join('、') || '—' },
          { key: 'status', title: t('moments.status'), render: (_: unknown, m) => <StatusTag status={m.status} /> },
          {
            key: 'publish',
            title: t('moments.col.publish'),
            render: (_: unknown, m) =>
              m.staffCount ? (
                <Flex vertical style={{ minWidth: 140 }}>
                  <Progress size="small" percent={Math.round((m.publishedCount / m.staffCount) * 100)} />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="moment-published">
                    {t('moments.publishedOf', { done: m.publishedCount, total: m.staffCount })}
                  </Typography.Text>
                </Flex>
              ) : (
                '—'
              ),
          },
          { key: 'likes', title: t('moments.col.likes'), dataIndex: 'likes', align: 'right' },
          { key: 'comments', title: t('moments.col.comments'), dataIndex: 'comments', align: 'right' },
          { key: 'createdAt', title: t('moments.col.createdAt'), render: (_: unknown, m) => fmt(m.createdAt) },
        ]}
      />
      {creating && (
        <MomentForm
          onClose={(created) => {
            setCreating(false);
            if (created) reload();
          }}
        />
      )}
      {open && (
        <MomentDrawer
          id={open}
          onClose={(changed) => {
            setOpen(undefined);
            if (changed) reload();
          }}
        />
      )}
    </Flex>
  );
}
