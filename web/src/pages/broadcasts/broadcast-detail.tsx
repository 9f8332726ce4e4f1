// One broadcast: its progress and reach, each staff member's task (created in WeCom or not, sent or waiting, and the
// recipients' statuses) with remind / cancel / resume / pull results, the recipients, and the outcome report.
import type { BroadcastTask } from '@siyu/contracts';
import { App, Button, Descriptions, Flex, Popconfirm, Table, Tabs, Tag } from 'antd';
import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { useRequest } from '../../api/use-request';
import { useCan } from '../../auth/use-can';
import { LoadError } from '../../components/load-error';
import { PageHeader } from '../../components/page-header';
import { useT } from '../../i18n/use-t';
import { broadcastsApi } from './broadcasts-api';
import { BroadcastStatusTag, percent } from './broadcast-status';
import { OutcomeReport } from './outcome-report';
import { RecipientsTable } from './recipients-table';

export function BroadcastDetailView() {
  const t = useT();
  const can = useCan();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const id = useParams().id ?? '';
  const { data, error, loading, reload } = useRequest((signal) => broadcastsApi.detail(id, signal), [id]);
  const act = async (fn: () => Promise<string>) => {
    try {
      message.success(await fn());
      reload();
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    }
  };
  const b = data?.broadcast;
  const active = b && ['sending', 'sent'].includes(b.status);
  return (
    <Flex vertical gap={16} data-testid="broadcast-detail">
      <PageHeader
        title={
          <Flex gap={8} align="center">
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate('/broadcasts')} aria-label={t('broadcasts.back')} />
            {b?.name}
            {b && <BroadcastStatusTag status={b.status} />}
          </Flex>
        }
        extra={
          <>
            {can('broadcasts.write') && b && (
              <>
                {active && (
                  <Button data-testid="broadcast-remind" onClick={() => act(async () => t('broadcasts.detail.reminded', { n: (await broadcastsApi.remind(id)).reminded }))}>
                    {t('broadcasts.detail.remind')}
                  </Button>
                )}
                {b.status === 'sent' && (
                  <Button data-testid="broadcast-pull" onClick={() => act(async () => (await broadcastsApi.refresh(id), t('broadcasts.detail.pull')))}>
                    {t('broadcasts.detail.pull')}
                  </Button>
                )}
                {b.status === 'failed' && (
                  <Button type="primary" onClick={() => act(async () => (await broadcastsApi.resume(id), t('broadcasts.detail.resume')))}>
                    {t('broadcasts.detail.resume')}
                  </Button>
                )}
                {['scheduled', 'sending', 'sent', 'failed'].includes(b.status) && (
                  <Popconfirm title={t('broadcasts.detail.confirmCancel')} onConfirm={() => act(async () => t('broadcasts.detail.cancelled', { n: (await broadcastsApi.cancel(id)).cancelled }))}>
                    <Button danger data-testid="broadcast-cancel">{t('broadcasts.detail.cancel')}</Button>
                  </Popconfirm>
                )}
              </>
            )}
            <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('broadcasts.refresh')} data-testid="broadcast-reload" />
          </>
        }
      />
      <LoadError error={error} onRetry={reload} />
      {b && data && (
        <>
          <Descriptions size="small" bordered column={4}>
            <Descriptions.Item label={t('broadcasts.col.kind')}>{t(`broadcasts.kind.${b.kind}`)}</Descriptions.Item>
            <Descriptions.Item label={t('broadcasts.col.sendAt')}>{new Date(b.sendAt).toLocaleString()}</Descriptions.Item>
            <Descriptions.Item label={t('broadcasts.col.planned')}>{b.planned}</Descriptions.Item>
            <Descriptions.Item label={t('broadcasts.preview.holdout')}>{b.holdout}</Descriptions.Item>
            <Descriptions.Item label={t('broadcasts.col.progress')}>{`${b.staffSent} / ${b.tasks}`}</Descriptions.Item>
            <Descriptions.Item label={t('broadcasts.task.sent')}>
              <span data-testid="broadcast-sent">{b.sent}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('broadcasts.col.reach')}>
              <span data-testid="broadcast-reach-rate">{percent(b.reachRate)}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('broadcasts.reason.not_friend')}>{data.excluded.not_friend}</Descriptions.Item>
            <Descriptions.Item label={t('broadcasts.reason.cap')}>{data.excluded.cap}</Descriptions.Item>
            <Descriptions.Item label={t('broadcasts.reason.opted_out')}>{data.excluded.opted_out}</Descriptions.Item>
            <Descriptions.Item label={t('broadcasts.reason.duplicate')}>{data.excluded.duplicate}</Descriptions.Item>
            <Descriptions.Item label={t('broadcasts.reason.excluded')}>{data.excluded.excluded}</Descriptions.Item>
          </Descriptions>
          <Tabs
            items={[
              { key: 'tasks', label: t('broadcasts.detail.tasks'), children: <TasksTable tasks={data.tasks} loading={loading} /> },
              { key: 'recipients', label: t('broadcasts.detail.recipients'), children: <RecipientsTable id={id} /> },
              { key: 'outcome', label: t('broadcasts.detail.outcome'), children: <OutcomeReport id={id} /> },
            ]}
          />
        </>
      )}
    </Flex>
  );
}

function TasksTable({ tasks, loading }: { tasks: BroadcastTask[]; loading: boolean }) {
  const t = useT();
  const n = (k: keyof BroadcastTask, title: string) => ({ key: k, title, dataIndex: k, align: 'right' as const });
  return (
    <Table<BroadcastTask>
      size="small"
      rowKey="taskNo"
      loading={loading}
      dataSource={tasks}
      data-testid="broadcast-tasks"
      columns={[
        { key: 'staff', title: t('broadcasts.task.staff'), dataIndex: 'staffName' },
        { key: 'variant', title: t('broadcasts.task.variant'), dataIndex: 'variant' },
        n('recipients', t('broadcasts.task.recipients')),
        {
          key: 'created',
          title: t('broadcasts.task.created'),
          render: (_: unknown, r) =>
            r.state === 'cancelled' ? <Tag>{t('broadcasts.task.cancelledState')}</Tag>
            : r.state === 'failed' ? <Tag color="red" title={r.error ?? ''}>{t('broadcasts.task.failedState')}</Tag>
            : <Tag color={r.created ? 'green' : 'default'}>{t(r.created ? 'broadcasts.task.createdYes' : 'broadcasts.task.createdNo')}</Tag>,
        },
        { key: 'staffSent', title: t('broadcasts.task.staffSent'), render: (_: unknown, r) => (r.staffSent ? <Tag color="green">{t('broadcasts.task.staffSent')}</Tag> : r.created ? <Tag color="gold">{t('broadcasts.task.waiting')}</Tag> : null) },
        n('sent', t('broadcasts.task.sent')),
        n('unsent', t('broadcasts.task.unsent')),
        n('notFriend', t('broadcasts.task.notFriend')),
        n('receivedOther', t('broadcasts.task.receivedOther')),
        n('refused', t('broadcasts.task.refused')),
        n('remindCount', t('broadcasts.task.reminders')),
      ]}
    />
  );
}
