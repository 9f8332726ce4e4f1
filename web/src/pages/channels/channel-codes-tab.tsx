import { useState } from 'react';
import { Button, Flex, Image, Popconfirm, Space, Table, Tag, message } from 'antd';
import { DownloadOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { channelsApi, type ChannelCode } from '../../api/channels';
import { errorMessage } from '../../api/error-message';
import { useRequest } from '../../api/use-request';
import { useMe } from '../../auth/session-context';
import { useCan } from '../../auth/use-can';
import { LoadError } from '../../components/load-error';
import { useT } from '../../i18n/use-t';
import { ChannelForm } from './channel-form';
import { ChannelStatsDrawer } from './channel-stats-drawer';
import { StaffTags } from '../../components/staff-names';

export function ChannelCodesTab() {
  const t = useT();
  const me = useMe();
  const canManage = useCan()('channels.write');
  const { data, error, loading, reload } = useRequest((s) => channelsApi.list(s), [me.corp.id]);
  const [editing, setEditing] = useState<ChannelCode | null | undefined>(undefined);
  const [stats, setStats] = useState<ChannelCode | null>(null);

  async function remove(c: ChannelCode) {
    try {
      await channelsApi.remove(c.id);
      reload();
    } catch (err) {
      message.error(errorMessage(err));
    }
  }

  return (
    <Flex vertical gap={12} data-testid="channel-codes-tab">
      <Flex justify="end" gap={8}>
        <Button icon={<DownloadOutlined />} href={channelsApi.summaryXlsxUrl()}>
          {t('channels.exportSummary')}
        </Button>
        <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('common.refresh')} />
        {canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="channel-new">
            {t('channels.new')}
          </Button>
        )}
      </Flex>
      {error && <LoadError error={error} onRetry={reload} />}
      <Table<ChannelCode>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={{ pageSize: 20 }}
        columns={[
          { key: 'name', title: t('channels.name'), dataIndex: 'name' },
          {
            key: 'qrPreview',
            title: t('channels.qr'),
            // The code's QR as Siyu serves it (GET /api/channels/:id/qr.png); click to enlarge.
            render: (_, c) => (c.qrCode ? <Image width={48} height={48} src={channelsApi.qrUrl(c.id)} alt={c.name} data-testid="channel-qr-preview" /> : '-'),
          },
          { key: 'staff', title: t('channels.active'), render: (_, c) => <StaffTags userids={c.appliedUserids} /> },
          { key: 'today', title: t('channels.todayAdds'), render: (_, c) => c.today.adds, align: 'right' },
          { key: 'adds', title: t('channels.adds'), render: (_, c) => c.totals.adds, align: 'right' },
          { key: 'net', title: t('channels.net'), render: (_, c) => c.totals.net, align: 'right' },
          { key: 'conv', title: t('channels.converted'), render: (_, c) => c.totals.converted, align: 'right' },
          { key: 'rev', title: t('channels.revenue'), render: (_, c) => c.totals.revenue.toFixed(2), align: 'right' },
          { key: 'cpa', title: t('channels.cpa'), render: (_, c) => (c.totals.costPerAdd === null ? '-' : c.totals.costPerAdd.toFixed(2)), align: 'right' },
          { key: 'roi', title: t('channels.roi'), render: (_, c) => (c.totals.roi === null ? '-' : `${Math.round(c.totals.roi * 100)}%`), align: 'right' },
          {
            key: 'late',
            title: t('channels.welcomeLate'),
            render: (_, c) => (c.totals.welcomeLate ? <Tag color="orange">{c.totals.welcomeLate}</Tag> : 0),
            align: 'right',
          },
          {
            key: 'actions',
            title: t('channels.actions'),
            render: (_, c) => (
              <Space size={4} wrap>
                <Button size="small" onClick={() => setStats(c)}>
                  {t('channels.stats')}
                </Button>
                <Button size="small" href={channelsApi.qrUrl(c.id)}>
                  {t('channels.qr')}
                </Button>
                {canManage && (
                  <Button size="small" onClick={() => setEditing(c)}>
                    {t('channels.edit')}
                  </Button>
                )}
                {canManage && (
                  <Popconfirm title={t('channels.deleteConfirm')} onConfirm={() => void remove(c)}>
                    <Button size="small" danger>
                      {t('channels.delete')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      {canManage && (
        // Mounted only for roles that may write: the form loads the tag and staff options that only they may read.
        <ChannelForm
          open={editing !== undefined}
          code={editing ?? null}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            reload();
          }}
        />
      )}
      <ChannelStatsDrawer code={stats} onClose={() => setStats(null)} />
    </Flex>
  );
}
