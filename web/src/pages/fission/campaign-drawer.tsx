import { useState } from 'react';
import { App, Button, Descriptions, Drawer, Flex, Table, Tag, Typography } from 'antd';
import { ApiError } from '../../api/client';
import { fissionApi, type LeaderboardRow } from '../../api/fission';
import { useRequest } from '../../api/use-request';
import { useCan } from '../../auth/use-can';
import { CustomerPicker } from '../../components/customer-picker';
import { EChart } from '../../components/echart';
import { LoadError } from '../../components/load-error';
import { StaffTags } from '../../components/staff-names';
import { useT } from '../../i18n/use-t';

export function CampaignDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const t = useT();
  const can = useCan();
  const { message } = App.useApp();
  const campaign = useRequest((signal) => fissionApi.get(id, signal), [id]);
  const board = useRequest((signal) => fissionApi.leaderboard(id, signal), [id]);
  const [ext, setExt] = useState<string>();
  const c = campaign.data;
  const steps = c
    ? [
        [t('fission.funnel.posters'), c.funnel.posters],
        [t('fission.funnel.scans'), c.funnel.scans],
        [t('fission.funnel.adds'), c.funnel.adds],
        [t('fission.funnel.completions'), c.funnel.completions],
      ]
    : [];

  const join = async () => {
    try {
      if (!ext) return;
      const p = await fissionApi.join(id, ext);
      window.open(p.progressUrl, '_blank');
      campaign.reload();
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    }
  };

  return (
    <Drawer open width={720} title={c?.name} onClose={onClose} data-testid="fission-drawer">
      <LoadError error={campaign.error} onRetry={campaign.reload} />
      {c && (
        <Flex vertical gap={16}>
          <Descriptions size="small" column={2}>
            <Descriptions.Item label={t('fission.goal')}>{c.goal}</Descriptions.Item>
            <Descriptions.Item label={t('fission.rewardType')}>
              {c.rewardType === 'code'
                ? t('fission.codesLeft', { issued: c.codes.issued, total: c.codes.total })
                : c.rewardLink}
            </Descriptions.Item>
            <Descriptions.Item label={t('fission.staff')}>
              <StaffTags userids={c.staffUserids} />
            </Descriptions.Item>
            <Descriptions.Item label={t('fission.funnel.withdrawn')}>{c.funnel.withdrawn}</Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5}>{t('fission.funnel')}</Typography.Title>
          <EChart
            height={240}
            data-testid="fission-funnel"
            option={{
              tooltip: {},
              grid: { left: 110, right: 30, top: 10, bottom: 20 },
              xAxis: { type: 'value' },
              yAxis: { type: 'category', inverse: true, data: steps.map((s) => s[0]) },
              series: [{ type: 'bar', data: steps.map((s) => s[1]), label: { show: true, position: 'right' } }],
            }}
          />
          {can('fission.enrol') && (
            <Flex gap={8}>
              <CustomerPicker value={ext} onChange={(v) => setExt(v)} data-testid="fission-customer-picker" />
              <Button disabled={!ext} onClick={join} data-testid="fission-add-participant">
                {t('fission.addParticipant')}
              </Button>
            </Flex>
          )}
          <Typography.Title level={5}>{t('fission.leaderboard')}</Typography.Title>
          <Table<LeaderboardRow>
            rowKey="id"
            size="small"
            loading={board.loading}
            dataSource={board.data?.items ?? []}
            pagination={false}
            data-testid="fission-leaderboard"
            columns={[
              { key: 'rank', title: t('fission.rank'), dataIndex: 'rank' },
              { key: 'name', title: t('fission.referrer'), render: (_: unknown, r) => r.name || r.externalUserid },
              { key: 'credits', title: t('fission.credits'), dataIndex: 'credits', align: 'right' },
              {
                key: 'koc',
                title: t('fission.koc'),
                render: (_: unknown, r) => (r.kocCandidate ? <Tag color="gold">KOC</Tag> : null),
              },
            ]}
          />
        </Flex>
      )}
    </Drawer>
  );
}
