// One moment: its content, each sender's publish status with how many customers may see it and were shown it, the
// likes and comments, and (for writers) cancel. Results are pulled from WeCom on request and every 10 minutes.
import type { MomentInteraction, MomentStaff } from '@siyu/contracts';
import { App, Button, Descriptions, Drawer, Flex, Popconfirm, Table, Tag, Typography } from 'antd';
import { LikeOutlined, MessageOutlined, SyncOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/client';
import { useRequest } from '../../api/use-request';
import { useCan } from '../../auth/use-can';
import { LoadError } from '../../components/load-error';
import { useFormatDate } from '../../i18n/use-format-date';
import { useT } from '../../i18n/use-t';
import { MaterialCard } from '../materials/material-card';
import { momentsApi } from './moments-api';
import { StatusTag } from './status-tag';

export function MomentDrawer({ id, onClose }: { id: string; onClose: (changed: boolean) => void }) {
  const t = useT();
  const can = useCan();
  const fmt = useFormatDate();
  const { message } = App.useApp();
  const { data, error, loading, reload } = useRequest((signal) => momentsApi.get(id, signal), [id]);
  const fail = (err: unknown) => message.error(err instanceof ApiError ? err.message : String(err));
  const m = data?.moment;
  const sync = () =>
    momentsApi.sync(id).then(() => {
      setTimeout(reload, 1500);
    }, fail);
  return (
    <Drawer open width={760} title={t('moments.detail')} onClose={() => onClose(false)} data-testid="moment-drawer">
      <LoadError error={error} onRetry={reload} />
      {m && (
        <Flex vertical gap={16}>
          <Flex gap={8} justify="end">
            {can('moments.write') && (
              <Button icon={<SyncOutlined />} onClick={sync} loading={loading} data-testid="moment-sync">
                {t('moments.refresh')}
              </Button>
            )}
            {can('moments.write') && (m.status === 'created' || m.status === 'queued') && (
              <Popconfirm title={t('moments.confirmCancel')} onConfirm={() => momentsApi.cancel(id).then(() => onClose(true), fail)}>
                <Button danger data-testid="moment-cancel">
                  {t('moments.cancel')}
                </Button>
              </Popconfirm>
            )}
          </Flex>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('moments.status')}>
              <StatusTag status={m.status} /> {m.error && <Typography.Text type="danger">{m.error}</Typography.Text>}
            </Descriptions.Item>
            <Descriptions.Item label={t('moments.text')}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{m.text}</Typography.Paragraph>
            </Descriptions.Item>
            <Descriptions.Item label={t('moments.materials')}>
              <Flex vertical gap={4}>
                {m.materials.map((x) => (
                  <MaterialCard key={x.id} m={x} />
                ))}
              </Flex>
            </Descriptions.Item>
            <Descriptions.Item label={t('moments.senders')}>{m.senders.length ? m.senders.map((s) => <Tag key={s.id}>{s.name}</Tag>) : '—'}</Descriptions.Item>
            <Descriptions.Item label={t('moments.tags')}>{m.tags.length ? m.tags.map((s) => <Tag key={s.id}>{s.name}</Tag>) : '—'}</Descriptions.Item>
            {m.invalidSenders.length > 0 && (
              <Descriptions.Item label={t('moments.senders')}>
                <Typography.Text type="warning">{t('moments.invalidSenders', { list: m.invalidSenders.map((s) => s.name).join('、') })}</Typography.Text>
              </Descriptions.Item>
            )}
          </Descriptions>
          <Typography.Text type="secondary">{t('moments.syncedAt', { time: fmt(m.syncedAt) })}</Typography.Text>
          <Table<MomentStaff>
            rowKey="userid"
            size="small"
            pagination={false}
            dataSource={data.staff}
            data-testid="moment-staff"
            columns={[
              { key: 'name', title: t('moments.staff'), dataIndex: 'name' },
              {
                key: 'published',
                title: t('moments.status'),
                render: (_: unknown, s) => (s.published ? <Tag color="green">{t('moments.published')}</Tag> : <Tag>{t('moments.notPublished')}</Tag>),
              },
              { key: 'visible', title: t('moments.visible'), dataIndex: 'visibleCustomers', align: 'right' },
              { key: 'shown', title: t('moments.shown'), dataIndex: 'shownCustomers', align: 'right' },
              { key: 'likes', title: t('moments.col.likes'), dataIndex: 'likes', align: 'right' },
              { key: 'comments', title: t('moments.col.comments'), dataIndex: 'comments', align: 'right' },
            ]}
          />
          <Table<MomentInteraction>
            rowKey={(r) => `${r.kind}${r.customerName}${r.createdAt}`}
            size="small"
            title={() => t('moments.interactions')}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            dataSource={data.interactions}
            columns={[
              {
                key: 'kind',
                title: '',
                width: 48,
                render: (_: unknown, i) => (i.kind === 'like' ? <LikeOutlined aria-label={t('moments.like')} /> : <MessageOutlined aria-label={t('moments.comment')} />),
              },
              { key: 'customer', title: t('moments.customer'), dataIndex: 'customerName' },
              { key: 'staff', title: t('moments.staff'), dataIndex: 'staffName' },
              { key: 'at', title: t('moments.col.createdAt'), render: (_: unknown, i) => fmt(i.createdAt) },
            ]}
          />
        </Flex>
      )}
    </Drawer>
  );
}
