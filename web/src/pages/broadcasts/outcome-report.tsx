// The outcome report: reach, each arm's conversion and revenue within the attribution window (a bar chart), and the
// lift over the holdout (and of B over A) with its 95 % confidence interval.
import type { Lift, OutcomeArm } from '@siyu/contracts';
import { Alert, Flex, Table, Typography } from 'antd';
import { useRequest } from '../../api/use-request';
import { EChart } from '../../components/echart';
import { useT } from '../../i18n/use-t';
import type { MessageKey } from '../../i18n/messages';
import { broadcastsApi } from './broadcasts-api';
import { percent } from './broadcast-status';

const ARM_KEYS: Record<string, MessageKey> = {
  recipients: 'broadcasts.arm.recipients',
  holdout: 'broadcasts.arm.holdout',
  A: 'broadcasts.arm.A',
  B: 'broadcasts.arm.B',
};

export function OutcomeReport({ id }: { id: string }) {
  const t = useT();
  const { data } = useRequest((signal) => broadcastsApi.outcome(id, signal), [id]);
  if (!data) return null;
  const armName = (a: string) => (ARM_KEYS[a] ? t(ARM_KEYS[a]) : a);
  const lift = (key: MessageKey, l: Lift, fmt: (x: number) => string) => (
    <Typography.Text data-testid="outcome-lift" type={l.significant ? 'success' : 'secondary'}>
      {t(key, { diff: fmt(l.diff), low: fmt(l.low), high: fmt(l.high) })} · {t(l.significant ? 'broadcasts.outcome.significant' : 'broadcasts.outcome.notSignificant')}
    </Typography.Text>
  );
  return (
    <Flex vertical gap={12} data-testid="broadcast-outcome">
      <Typography.Text strong data-testid="outcome-reach">
        {t('broadcasts.outcome.reach', { rate: percent(data.reachRate), sent: data.sent, planned: data.planned })} · {t('broadcasts.outcome.window', { days: data.attributionDays })}
      </Typography.Text>
      {data.conversionLift ? lift('broadcasts.outcome.lift', data.conversionLift, percent) : <Alert type="info" showIcon message={t('broadcasts.outcome.noHoldout')} />}
      {data.revenueLift && lift('broadcasts.outcome.revenueLift', data.revenueLift, (x) => x.toFixed(2))}
      {data.abConversion && lift('broadcasts.outcome.abLift', data.abConversion, percent)}
      <EChart
        height={260}
        data-testid="outcome-chart"
        option={{
          tooltip: { trigger: 'axis' },
          legend: {},
          xAxis: { type: 'category', data: data.arms.map((a) => armName(a.arm)) },
          yAxis: [{ type: 'value', axisLabel: { formatter: (v: number) => `${(v * 100).toFixed(0)}%` } }, { type: 'value' }],
          series: [
            { name: t('broadcasts.outcome.conversion'), type: 'bar', data: data.arms.map((a) => a.conversion) },
            { name: t('broadcasts.outcome.rpc'), type: 'bar', yAxisIndex: 1, data: data.arms.map((a) => a.revenuePerCustomer) },
          ],
        }}
      />
      <Table<OutcomeArm>
        size="small"
        rowKey="arm"
        pagination={false}
        dataSource={data.arms}
        columns={[
          { key: 'arm', title: t('broadcasts.outcome.arm'), render: (_: unknown, a) => armName(a.arm) },
          { key: 'customers', title: t('broadcasts.outcome.customers'), dataIndex: 'customers', align: 'right' },
          { key: 'buyers', title: t('broadcasts.outcome.buyers'), dataIndex: 'buyers', align: 'right' },
          { key: 'orders', title: t('broadcasts.outcome.orders'), dataIndex: 'orders', align: 'right' },
          { key: 'revenue', title: t('broadcasts.outcome.revenue'), dataIndex: 'revenue', align: 'right' },
          { key: 'conversion', title: t('broadcasts.outcome.conversion'), align: 'right', render: (_: unknown, a) => percent(a.conversion) },
          { key: 'rpc', title: t('broadcasts.outcome.rpc'), dataIndex: 'revenuePerCustomer', align: 'right' },
        ]}
      />
    </Flex>
  );
}
