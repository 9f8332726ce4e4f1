// A flow's stats: the counts (entered, in the flow now, done, goal, exited, held out), per step how many reached it,
// wait there now and were done (a bar chart and a table, steps by name), and conversion and revenue of those who
// ran the flow against the holdout, with the lift.
import type { SopFlow, SopStats } from '@siyu/contracts';
import { Alert, Card, Col, Flex, Row, Statistic, Table, Typography } from 'antd';
import { useRequest } from '../../api/use-request';
import { EChart } from '../../components/echart';
import { LoadError } from '../../components/load-error';
import { useT } from '../../i18n/use-t';
import { sopApi } from './sop-api';
import { stepLabelById } from './step-label';

const COUNT_KEYS = ['entered', 'active', 'done', 'goal', 'exited', 'heldOut'] as const;
export const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function StepStats({ flow }: { flow: SopFlow }) {
  const t = useT();
  const { data, error, reload } = useRequest((signal) => sopApi.stats(flow.id, signal), [flow.id, flow.updatedAt]);
  if (error) return <LoadError error={error} onRetry={reload} />;
  if (!data) return null;
  const label = (stepId: string) => stepLabelById(flow.steps, stepId, t) ?? t('sop.step.removedStep');
  return (
    <Flex vertical gap={16} data-testid="sop-stats">
      <Row gutter={16}>
        {COUNT_KEYS.map((k) => (
          <Col key={k} span={4}>
            <Statistic title={t(`sop.count.${k}`)} value={data.counts[k]} valueRender={(v) => <span data-testid={`sop-stat-${k}`}>{v}</span>} />
          </Col>
        ))}
      </Row>
      <EChart
        height={Math.max(220, data.steps.length * 36 + 80)}
        data-testid="sop-step-chart"
        option={{
          tooltip: { trigger: 'axis' },
          legend: {},
          grid: { left: 160 },
          yAxis: { type: 'category', inverse: true, data: data.steps.map((s) => label(s.stepId)) },
          xAxis: { type: 'value', minInterval: 1 },
          series: (['reached', 'waiting', 'done'] as const).map((k) => ({ name: t(`sop.stat.${k}`), type: 'bar', data: data.steps.map((s) => s[k]) })),
        }}
      />
      <Table
        size="small"
        rowKey="stepId"
        pagination={false}
        dataSource={data.steps}
        data-testid="sop-step-table"
        columns={[
          { key: 'step', title: t('sop.stat.step'), render: (_: unknown, s) => label(s.stepId) },
          ...(['reached', 'waiting', 'done', 'skipped', 'failed'] as const).map((k) => ({ key: k, title: t(`sop.stat.${k}`), dataIndex: k, align: 'right' as const })),
        ]}
      />
      <Outcome stats={data} />
    </Flex>
  );
}

function Outcome({ stats }: { stats: SopStats }) {
  const t = useT();
  const arm = (title: string, o: SopStats['flow'], testId: string) => (
    <Col span={12}>
      <Card size="small" title={title} data-testid={testId}>
        <Row>
          <Col span={8}><Statistic title={t('sop.outcome.customers')} value={o.customers} /></Col>
          <Col span={8}><Statistic title={t('sop.outcome.conversion')} value={pct(o.conversionRate)} /></Col>
          <Col span={8}><Statistic title={t('sop.outcome.revenue')} value={o.revenue} precision={2} /></Col>
        </Row>
      </Card>
    </Col>
  );
  return (
    <Flex vertical gap={8} data-testid="sop-outcome">
      <Typography.Title level={5} style={{ margin: 0 }}>{t('sop.outcome.title')}</Typography.Title>
      <Row gutter={16}>
        {arm(t('sop.outcome.flow'), stats.flow, 'sop-outcome-flow')}
        {stats.holdout ? arm(t('sop.outcome.holdout'), stats.holdout, 'sop-outcome-holdout') : (
          <Col span={12}><Alert type="info" showIcon message={t('sop.outcome.noHoldout')} /></Col>
        )}
      </Row>
      {stats.liftPoints !== null && (
        <Typography.Text strong type={stats.liftPoints > 0 ? 'success' : 'secondary'} data-testid="sop-lift">
          {t('sop.outcome.lift', { points: `${stats.liftPoints > 0 ? '+' : ''}${stats.liftPoints.toFixed(1)}` })}
        </Typography.Text>
      )}
    </Flex>
  );
}
