// One plan: its groups (owners by name), its pushes in words with the next time each is due, the last problem WeCom
// or the engine reported, pause / resume / archive / edit for writers, and the results per push and group.
import type { GroupSopPlan } from '@siyu/contracts';
import { Alert, App, Button, Card, Descriptions, Flex, List, Popconfirm, Tag } from 'antd';
import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { useRequest } from '../../api/use-request';
import { useCan } from '../../auth/use-can';
import { LoadError } from '../../components/load-error';
import { PageHeader } from '../../components/page-header';
import { useLocale, useT } from '../../i18n/use-t';
import { groupSopApi, type GroupSopPlanAction } from './group-sop-api';
import { PlanStatusTag } from './plan-status';
import { RunTable } from './run-table';
import { scheduleText, shanghaiTime } from './schedule-text';

export function PlanDetail() {
  const t = useT();
  const { locale } = useLocale();
  const can = useCan();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const id = useParams().id ?? '';
  const plan = useRequest((signal) => groupSopApi.get(id, signal), [id]);
  const runs = useRequest((signal) => groupSopApi.runs(id, signal), [id]);
  const reload = () => {
    plan.reload();
    runs.reload();
  };
  const act = async (action: GroupSopPlanAction) => {
    try {
      await groupSopApi.act(id, action);
      reload();
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    }
  };
  const p: GroupSopPlan | undefined = plan.data;
  const writable = can('sop.write') && p && p.status !== 'archived';
  return (
    <Flex vertical gap={16} data-testid="group-sop-detail">
      <PageHeader
        title={
          <Flex gap={8} align="center">
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate('/group-sop')} aria-label={t('groupSop.back')} />
            <span data-testid="group-sop-title">{p?.name}</span>
            {p && <PlanStatusTag status={p.status} />}
          </Flex>
        }
        extra={
          <>
            {writable && p.status === 'active' && <Button onClick={() => act('pause')} data-testid="group-sop-pause">{t('groupSop.pause')}</Button>}
            {writable && p.status === 'paused' && <Button onClick={() => act('resume')} data-testid="group-sop-resume">{t('groupSop.resume')}</Button>}
            {writable && <Button onClick={() => navigate(`/group-sop/${id}/edit`)} data-testid="group-sop-edit">{t('groupSop.edit')}</Button>}
            {writable && (
              <Popconfirm title={t('groupSop.archiveConfirm')} onConfirm={() => act('archive')}>
                <Button danger data-testid="group-sop-archive">{t('groupSop.archive')}</Button>
              </Popconfirm>
            )}
            <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('groupSop.refresh')} data-testid="group-sop-reload" />
          </>
        }
      />
      <LoadError error={plan.error ?? runs.error} onRetry={reload} />
      {p?.lastError && (
        <Alert type="warning" showIcon data-testid="group-sop-last-error" message={t('groupSop.lastError', { at: p.lastErrorAt ? shanghaiTime(p.lastErrorAt, locale) : '-', error: p.lastError })} />
      )}
      {p && (
        <Card size="small">
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('groupSop.detail.selection')}>
              <Flex gap={4} wrap align="center">
                {p.ownerNames.map((n) => <Tag key={n}>{n}</Tag>)}
                {p.selection.nameContains && <Tag>{`${t('groupSop.editor.nameContains')}: ${p.selection.nameContains}`}</Tag>}
                <span data-testid="group-sop-groups-now">{t('groupSop.detail.groupsNow', { n: p.groups })}</span>
              </Flex>
            </Descriptions.Item>
            <Descriptions.Item label={t('groupSop.detail.pushes')}>
              <List
                size="small"
                dataSource={p.pushes}
                renderItem={(x) => (
                  <List.Item data-testid="group-sop-push-row">
                    <Flex gap={8} wrap>
                      <span>{scheduleText(x.schedule, t, locale)}</span>
                      <Tag>{t(`groupSop.actionShort.${x.action}`)}</Tag>
                      <span>{x.content.text}</span>
                      {x.nextAt && <Tag color="blue">{`${t('groupSop.col.nextAt')}: ${shanghaiTime(x.nextAt, locale)}`}</Tag>}
                    </Flex>
                  </List.Item>
                )}
              />
            </Descriptions.Item>
            <Descriptions.Item label={t('groupSop.col.results')}>{t('groupSop.results', { ...p.counts })}</Descriptions.Item>
          </Descriptions>
        </Card>
      )}
      <Card size="small" title={t('groupSop.detail.runs')} extra={runs.data && t('groupSop.detail.runsTotal', { n: runs.data.total })}>
        <RunTable runs={runs.data?.items ?? []} loading={runs.loading} />
      </Card>
    </Flex>
  );
}
