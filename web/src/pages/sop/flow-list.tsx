// 客户SOP: every flow with its status, its entry in words, how many entered, are in it now and reached the goal, and
// the actions that move it (activate, pause, resume, archive); "new flow" offers the templates or a blank flow.
import type { SopFlow } from '@siyu/contracts';
import { Button, Flex, Space, Table, Typography } from 'antd';
import { EditOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useRequest } from '../../api/use-request';
import { useCan } from '../../auth/use-can';
import { LoadError } from '../../components/load-error';
import { PageHeader } from '../../components/page-header';
import { useT } from '../../i18n/use-t';
import { entrySummary } from './entry-summary';
import { FlowActions } from './flow-actions';
import { FlowStatusTag } from './flow-status';
import { NewFlowModal } from './new-flow-modal';
import { sopApi } from './sop-api';
import { SopNamesProvider, useSopNames } from './sop-names';
import { SopNav } from './sop-nav';

export function FlowList() {
  const t = useT();
  const can = useCan();
  const [creating, setCreating] = useState(false);
  const { data, error, loading, reload } = useRequest((signal) => sopApi.flows(signal), []);
  return (
    <Flex vertical gap={16} data-testid="sop-page">
      <PageHeader
        title={t('sop.title')}
        extra={
          <>
            {can('sop.write') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="sop-create">
                {t('sop.new.title')}
              </Button>
            )}
            <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('common.refresh')} />
          </>
        }
      />
      <SopNav />
      <LoadError error={error} onRetry={reload} />
      <SopNamesProvider>
        <FlowTable flows={data?.items ?? []} loading={loading} reload={reload} />
      </SopNamesProvider>
      {creating && <NewFlowModal onClose={() => setCreating(false)} />}
    </Flex>
  );
}

function FlowTable({ flows, loading, reload }: { flows: SopFlow[]; loading: boolean; reload: () => void }) {
  const t = useT();
  const can = useCan();
  const names = useSopNames();
  const navigate = useNavigate();
  const n = (key: 'entered' | 'active' | 'goal', title: string) => ({
    key,
    title,
    align: 'right' as const,
    render: (_: unknown, f: SopFlow) => <span data-testid={`sop-count-${key}`}>{f.counts[key]}</span>,
  });
  return (
    <Table<SopFlow>
      rowKey="id"
      loading={loading}
      dataSource={flows}
      data-testid="sop-flows"
      onRow={(f) => ({ onClick: () => navigate(`/sop/${f.id}`), style: { cursor: 'pointer' } })}
      columns={[
        {
          key: 'name',
          title: t('sop.col.name'),
          render: (_: unknown, f) => (
            <Flex vertical>
              <Typography.Text strong data-testid="sop-flow-name">{f.name}</Typography.Text>
              {f.description && <Typography.Text type="secondary">{f.description}</Typography.Text>}
            </Flex>
          ),
        },
        { key: 'status', title: t('sop.col.status'), render: (_: unknown, f) => <FlowStatusTag status={f.status} /> },
        { key: 'entry', title: t('sop.col.entry'), render: (_: unknown, f) => <span data-testid="sop-flow-entry">{entrySummary(f.entry, t, names)}</span> },
        n('entered', t('sop.count.entered')),
        n('active', t('sop.count.active')),
        n('goal', t('sop.count.goal')),
        {
          key: 'actions',
          title: t('common.actions'),
          render: (_: unknown, f) => (
            <Space onClick={(e) => e.stopPropagation()}>
              {can('sop.write') && f.status !== 'archived' && (
                <Button size="small" icon={<EditOutlined />} onClick={() => navigate(`/sop/${f.id}/edit`)} data-testid="sop-edit">
                  {t('common.edit')}
                </Button>
              )}
              <FlowActions flow={f} size="small" onDone={reload} />
            </Space>
          ),
        },
      ]}
    />
  );
}
