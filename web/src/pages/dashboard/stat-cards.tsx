import { Card, Col, Row, Statistic } from 'antd';
import { CommentOutlined, IdcardOutlined, TeamOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { DashboardSummary } from '../../api/dashboard';
import { useT } from '../../i18n/use-t';

function StatCard({
  title,
  value,
  icon,
  color,
  loading,
  testId,
}: {
  title: string;
  value?: number;
  icon: ReactNode;
  color: string;
  loading: boolean;
  testId: string;
}) {
  return (
    <Card loading={loading} data-testid={testId}>
      <Statistic title={title} value={value ?? 0} prefix={<span style={{ color, marginInlineEnd: 4 }}>{icon}</span>} />
    </Card>
  );
}

export function StatCards({ summary, loading }: { summary?: DashboardSummary; loading: boolean }) {
  const t = useT();
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} md={8}>
        <StatCard
          testId="stat-customers"
          title={t('dashboard.customers')}
          value={summary?.customers}
          icon={<TeamOutlined />}
          color="#1677ff"
          loading={loading}
        />
      </Col>
      <Col xs={24} md={8}>
        <StatCard
          testId="stat-staff"
          title={t('dashboard.staff')}
          value={summary?.staff}
          icon={<IdcardOutlined />}
          color="#07c160"
          loading={loading}
        />
      </Col>
      <Col xs={24} md={8}>
        <StatCard
          testId="stat-groups"
          title={t('dashboard.groups')}
          value={summary?.groups}
          icon={<CommentOutlined />}
          color="#fa8c16"
          loading={loading}
        />
      </Col>
    </Row>
  );
}
