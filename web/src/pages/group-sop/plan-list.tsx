// The list of group SOP plans: status, how many groups they reach now, the pushes in words, the next push and the
// results so far.
import type { GroupSopPlan } from '@siyu/contracts';
import { Button, Flex, Table } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useRequest } from '../../api/use-request';
import { useCan } from '../../auth/use-can';
import { LoadError } from '../../components/load-error';
import { PageHeader } from '../../components/page-header';
import { useLocale, useT } from '../../i18n/use-t';
import { groupSopApi } from './group-sop-api';
import { PlanStatusTag } from './plan-status';
import { scheduleText, shanghaiTime } from './schedule-text';

export function PlanList() {
  const t = useT();
  const { locale } = useLocale();
  const can = useCan();
  const navigate = useNavigate();
  const { data, error, loading, reload } = useRequest((signal) => groupSopApi.list(signal), []);
  return (
    <Flex vertical gap={16} data-testid="group-sop-page">
      <PageHeader
        title={t('groupSop.title')}
        extra={
          <>
            {can('sop.write') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/group-sop/new')} data-testid="group-sop-create">
                {t('groupSop.create')}
              </Button>
            )}
            <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('groupSop.refresh')} />
          </>
        }
      />
      <LoadError error={error} onRetry={reload} />
      <Table<GroupSopPlan>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('groupSop.empty') }}
        onRow={(p) => ({ onClick: () => navigate(`/group-sop/${p.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { key: 'name', title: t('groupSop.col.name'), dataIndex: 'name' },
          { key: 'status', title: t('groupSop.col.status'), render: (_: unknown, p) => <PlanStatusTag status={p.status} /> },
          { key: 'groups', title: t('groupSop.col.groups'), dataIndex: 'groups', align: 'right' },
          { key: 'pushes', title: t('groupSop.col.pushes'), render: (_: unknown, p) => p.pushes.map((x) => scheduleText(x.schedule, t, locale)).join('；') },
          { key: 'nextAt', title: t('groupSop.col.nextAt'), render: (_: unknown, p) => (p.nextAt ? shanghaiTime(p.nextAt, locale) : '-') },
          { key: 'results', title: t('groupSop.col.results'), render: (_: unknown, p) => t('groupSop.results', { ...p.counts }) },
        ]}
      />
    </Flex>
  );
}
