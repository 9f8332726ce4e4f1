import { Button, Descriptions, Drawer, Flex, Table } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { channelsApi, type ChannelCode, type DayStats } from '../../api/channels';
import { useRequest } from '../../api/use-request';
import { EChart } from '../../components/echart';
import { LoadError } from '../../components/load-error';
import { useT } from '../../i18n/use-t';

const pct = (v: number | null) => (v === null ? '-' : `${Math.round(v * 100)}%`);
const money = (v: number | null) => (v === null ? '-' : v.toFixed(2));

export function ChannelStatsDrawer({ code, onClose }: { code: ChannelCode | null; onClose: () => void }) {
  const t = useT();
  const id = code?.id;
  const { data, error, reload } = useRequest((s) => (id ? channelsApi.stats(id, undefined, undefined, s) : Promise.resolve(undefined)), [id]);
  const days = data?.days ?? [];
  const option = {
    tooltip: { trigger: 'axis' },
    legend: { data: [t('channels.adds'), t('channels.net'), t('channels.deletedByCustomer')] },
    grid: { left: 40, right: 16, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: days.map((d) => d.day.slice(5)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: t('channels.adds'), type: 'bar', data: days.map((d) => d.adds) },
      { name: t('channels.net'), type: 'line', data: days.map((d) => d.net) },
      { name: t('channels.deletedByCustomer'), type: 'line', data: days.map((d) => d.deletedByCustomer) },
    ],
  };
  return (
    <Drawer open={!!code} onClose={onClose} width={860} title={code?.name} destroyOnHidden>
      <Flex vertical gap={16} data-testid="channel-stats">
        {error && <LoadError error={error} onRetry={reload} />}
        {data && (
          <>
            <Descriptions size="small" column={4} bordered>
              <Descriptions.Item label={t('channels.adds')}>{data.totals.adds}</Descriptions.Item>
              <Descriptions.Item label={t('channels.net')}>{data.totals.net}</Descriptions.Item>
              <Descriptions.Item label={t('channels.converted')}>{data.totals.converted}</Descriptions.Item>
              <Descriptions.Item label={t('channels.revenue')}>{money(data.totals.revenue)}</Descriptions.Item>
              <Descriptions.Item label={t('channels.cost')}>{money(data.totals.cost)}</Descriptions.Item>
              <Descriptions.Item label={t('channels.cpa')}>{money(data.totals.costPerAdd)}</Descriptions.Item>
              <Descriptions.Item label={t('channels.roi')}>{pct(data.totals.roi)}</Descriptions.Item>
              <Descriptions.Item label={t('channels.welcomeLate')}>{data.totals.welcomeLate}</Descriptions.Item>
            </Descriptions>
            <EChart option={option} height={280} data-testid="channel-trend" />
            <Flex justify="end">
              <Button icon={<DownloadOutlined />} href={channelsApi.statsXlsxUrl(data.id, data.range.from, data.range.to)}>
                {t('channels.exportXlsx')}
              </Button>
            </Flex>
            <Table<DayStats>
              size="small"
              rowKey="day"
              pagination={false}
              dataSource={[...days].reverse()}
              columns={[
                { key: 'day', title: 'Day', dataIndex: 'day' },
                { key: 'adds', title: t('channels.adds'), dataIndex: 'adds' },
                { key: 'dc', title: t('channels.deletedByCustomer'), dataIndex: 'deletedByCustomer' },
                { key: 'ds', title: t('channels.deletedByStaff'), dataIndex: 'deletedByStaff' },
                { key: 'net', title: t('channels.net'), dataIndex: 'net' },
                { key: 'ret', title: t('channels.retention'), render: (_, d) => `${pct(d.retention1)} / ${pct(d.retention7)} / ${pct(d.retention30)}` },
                { key: 'conv', title: t('channels.converted'), dataIndex: 'converted' },
                { key: 'rev', title: t('channels.revenue'), render: (_, d) => money(d.revenue) },
                { key: 'late', title: t('channels.welcomeLate'), dataIndex: 'welcomeLate' },
              ]}
            />
          </>
        )}
      </Flex>
    </Drawer>
  );
}
