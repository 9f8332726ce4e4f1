// One flow (/sop/:id): its entry and exits in words, the actions, and tabs for the stats per step (with the outcome
// against the holdout), its customers and the dry run.
import type { SopFlow } from '@siyu/contracts';
import { Button, Descriptions, Flex, Spin, Tabs } from 'antd';
import { ArrowLeftOutlined, EditOutlined, ReloadOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router-dom';
import { useRequest } from '../../api/use-request';
import { useCan } from '../../auth/use-can';
import { LoadError } from '../../components/load-error';
import { PageHeader } from '../../components/page-header';
import { useFormatDate } from '../../i18n/use-format-date';
import { useT } from '../../i18n/use-t';
import { DryRunPanel } from './dry-run-panel';
import { EnrollmentsTable } from './enrollments-table';
import { entrySummary, eventName, filterSummary } from './entry-summary';
import { FlowActions } from './flow-actions';
import { FlowStatusTag } from './flow-status';
import { sopApi } from './sop-api';
import { SopNamesProvider, useSopNames } from './sop-names';
import { StepStats } from './step-stats';

export function FlowDetail() {
  const t = useT();
  const can = useCan();
  const navigate = useNavigate();
  const id = useParams().id ?? '';
  const { data: flow, error, reload } = useRequest((signal) => sopApi.flow(id, signal), [id]);
  return (
    <Flex vertical gap={16} data-testid="sop-detail">
      <PageHeader
        title={
          <Flex gap={8} align="center">
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate('/sop')} aria-label={t('sop.back')} />
            <span data-testid="sop-detail-name">{flow?.name}</span>
            {flow && <FlowStatusTag status={flow.status} />}
          </Flex>
        }
        extra={
          <>
            {flow && can('sop.write') && flow.status !== 'archived' && (
              <Button icon={<EditOutlined />} onClick={() => navigate(`/sop/${flow.id}/edit`)} data-testid="sop-edit">{t('common.edit')}</Button>
            )}
            {flow && <FlowActions flow={flow} onDone={reload} />}
            <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('common.refresh')} data-testid="sop-reload" />
          </>
        }
      />
      <LoadError error={error} onRetry={reload} />
      {!flow && !error && <Spin />}
      {flow && (
        <SopNamesProvider>
          <FlowFacts flow={flow} />
          <Tabs
            items={[
              { key: 'stats', label: t('sop.detail.stats'), children: <StepStats flow={flow} /> },
              { key: 'customers', label: t('sop.detail.customers'), children: <EnrollmentsTable flow={flow} /> },
              { key: 'dry-run', label: t('sop.detail.dryRun'), children: <DryRunPanel flow={flow} /> },
            ]}
          />
        </SopNamesProvider>
      )}
    </Flex>
  );
}

function FlowFacts({ flow }: { flow: SopFlow }) {
  const t = useT();
  const names = useSopNames();
  const formatDate = useFormatDate();
  const goal = flow.exit.goalEvent ? [eventName(t, flow.exit.goalEvent), ...filterSummary(flow.exit.goalFilter, t, names)].join('；') : null;
  const exits = [goal, flow.exit.goalRule ? t('sop.exit.goalRule') : null, flow.exit.leaveWhenConditionFails ? t('sop.exit.leaveWhenConditionFails') : null].filter(Boolean);
  return (
    <Descriptions size="small" bordered column={3}>
      <Descriptions.Item label={t('sop.col.entry')}>{entrySummary(flow.entry, t, names)}</Descriptions.Item>
      <Descriptions.Item label={t('sop.entry.condition')}>{flow.condition ? t('common.yes') : t('common.no')}</Descriptions.Item>
      <Descriptions.Item label={t('sop.entry.reentry')}>{t(`sop.reentry.${flow.reentry}`)}</Descriptions.Item>
      <Descriptions.Item label={t('sop.edit.exit')}>{exits.length ? exits.join('、') : '-'}</Descriptions.Item>
      <Descriptions.Item label={t('sop.holdout')}>{`${flow.holdoutPercent}%`}</Descriptions.Item>
      <Descriptions.Item label={t('sop.detail.steps')}>{flow.steps.length}</Descriptions.Item>
      <Descriptions.Item label={t('sop.detail.createdBy')}>{flow.createdByName ?? '-'}</Descriptions.Item>
      <Descriptions.Item label={t('sop.detail.activatedAt')}>{formatDate(flow.activatedAt)}</Descriptions.Item>
      <Descriptions.Item label={t('sop.detail.updatedAt')}>{formatDate(flow.updatedAt)}</Descriptions.Item>
    </Descriptions>
  );
}
