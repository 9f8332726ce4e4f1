import { useMemo } from 'react';
import { Card, Col, Empty, Row } from 'antd';
import type { DashboardSummary } from '../../api/dashboard';
import { EChart, type EChartOption } from '../../components/echart';
import { useT } from '../../i18n/use-t';
import { sourceRowLabel } from '../../components/attribution-label';

const CHART_HEIGHT = 320;

function NewCustomersChart({ points }: { points: DashboardSummary['newCustomersByDay'] }) {
  const t = useT();
  const option = useMemo<EChartOption>(
    () => ({
      color: ['#1677ff'],
      tooltip: { trigger: 'axis' },
      grid: { left: 40, right: 16, top: 24, bottom: 32 },
      xAxis: { type: 'category', boundaryGap: false, data: points.map((p) => p.day.slice(5)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          name: t('dashboard.newCustomers'),
          type: 'line',
          smooth: true,
          showSymbol: points.length <= 31,
          areaStyle: { opacity: 0.12 },
          data: points.map((p) => p.count),
        },
      ],
    }),
    [points, t],
  );
  if (points.length === 0) return <Empty description={t('dashboard.noData')} style={{ height: CHART_HEIGHT - 40 }} />;
  return <EChart option={option} height={CHART_HEIGHT} data-testid="chart-new-customers" />;
}

function ChannelChart({ rows }: { rows: DashboardSummary['addsByChannel'] }) {
  const t = useT();
  const option = useMemo<EChartOption>(
    () => ({
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      legend: { type: 'scroll', bottom: 0 },
      series: [
        {
          name: t('dashboard.adds'),
          type: 'pie',
          radius: ['45%', '70%'],
          center: ['50%', '45%'],
          avoidLabelOverlap: true,
          itemStyle: { borderColor: '#fff', borderWidth: 2, borderRadius: 4 },
          label: { show: false },
          data: rows.map((r) => ({ name: sourceRowLabel(t, r), value: r.count })),
        },
      ],
    }),
    [rows, t],
  );
  if (rows.length === 0) return <Empty description={t('dashboard.noData')} style={{ height: CHART_HEIGHT - 40 }} />;
  return <EChart option={option} height={CHART_HEIGHT} data-testid="chart-channels" />;
}

export function DashboardCharts({ summary, loading }: { summary?: DashboardSummary; loading: boolean }) {
  const t = useT();
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={16}>
        <Card title={t('dashboard.newCustomersByDay')} loading={loading}>
          <NewCustomersChart points={summary?.newCustomersByDay ?? []} />
        </Card>
      </Col>
      <Col xs={24} xl={8}>
        <Card title={t('dashboard.addsByChannel')} loading={loading}>
          <ChannelChart rows={summary?.addsByChannel ?? []} />
        </Card>
      </Col>
    </Row>
  );
}
