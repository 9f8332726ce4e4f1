// 我的SOP任务: what flows asked the signed-in staff member to do (an operator sees every staff member's): send this
// content (text and materials) to this customer, or follow them up; due time; done / dismiss.
import { SOP_TASK_STATUSES, type SopTask, type SopTaskStatus } from '@siyu/contracts';
import { App, Button, Flex, List, Segmented, Space, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { useRequest } from '../../api/use-request';
import { useCan } from '../../auth/use-can';
import { LoadError } from '../../components/load-error';
import { PageHeader } from '../../components/page-header';
import { useFormatDate } from '../../i18n/use-format-date';
import { useT } from '../../i18n/use-t';
import { MaterialCard } from '../materials/material-card';
import { materialsApi } from '../materials/materials-api';
import { sopApi } from './sop-api';
import { SopNav } from './sop-nav';

export function TasksList() {
  const t = useT();
  const [status, setStatus] = useState<SopTaskStatus>('open');
  const { data, error, loading, reload } = useRequest((signal) => sopApi.tasks({ status }, signal), [status]);
  return (
    <Flex vertical gap={16} data-testid="sop-tasks">
      <PageHeader title={t('sop.title')} extra={<Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('common.refresh')} data-testid="sop-tasks-reload" />} />
      <SopNav />
      <Segmented value={status} onChange={(v) => setStatus(v as SopTaskStatus)} style={{ alignSelf: 'flex-start' }} data-testid="sop-task-status"
        options={SOP_TASK_STATUSES.map((s) => ({ value: s, label: t(`sop.taskStatus.${s}`) }))} />
      <LoadError error={error} onRetry={reload} />
      <List
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('sop.tasks.empty') }}
        renderItem={(task) => <TaskItem task={task} onChanged={reload} />}
      />
    </Flex>
  );
}

function TaskItem({ task, onChanged }: { task: SopTask; onChanged: () => void }) {
  const t = useT();
  const can = useCan();
  const navigate = useNavigate();
  const formatDate = useFormatDate();
  const { message } = App.useApp();
  const ids = task.content?.materialIds ?? [];
  const materials = useRequest((signal) => materialsApi.summaries(ids, signal).catch(() => ({ items: [] })), [ids.join(',')]);
  const overdue = task.status === 'open' && task.dueAt && new Date(task.dueAt).getTime() < Date.now();
  const act = async (fn: (id: string) => Promise<SopTask>, done: string) => {
    try {
      await fn(task.id);
      message.success(done);
      onChanged();
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    }
  };
  return (
    <List.Item
      data-testid="sop-task"
      actions={
        task.status === 'open' && can('sop.tasks')
          ? [
              <Button key="done" type="primary" size="small" data-testid="sop-task-done" onClick={() => act(sopApi.taskDone, t('sop.tasks.doneOk'))}>{t('sop.tasks.done')}</Button>,
              <Button key="dismiss" size="small" data-testid="sop-task-dismiss" onClick={() => act(sopApi.taskDismiss, t('sop.tasks.dismissOk'))}>{t('sop.tasks.dismiss')}</Button>,
            ]
          : [<Tag key="status">{t(`sop.taskStatus.${task.status}`)}</Tag>]
      }
    >
      <List.Item.Meta
        title={
          <Space wrap>
            <Tag color={task.kind === 'send' ? 'green' : 'orange'}>{t(`sop.tasks.kind.${task.kind}`)}</Tag>
            <a onClick={() => navigate(`/customers/${task.customerId}`)} data-testid="sop-task-customer">{task.customerName || t('sop.customers.unnamed')}</a>
            <span>{task.title}</span>
          </Space>
        }
        description={
          <Flex vertical gap={6}>
            {task.content?.text && <Typography.Paragraph copyable style={{ margin: 0, whiteSpace: 'pre-wrap' }} data-testid="sop-task-text">{task.content.text}</Typography.Paragraph>}
            {(materials.data?.items ?? []).map((m) => <MaterialCard key={m.id} m={m} />)}
            <Typography.Text type="secondary">
              {t('sop.tasks.meta', { flow: task.flowName, staff: task.staffName })}
              {' · '}
              <Typography.Text type={overdue ? 'danger' : 'secondary'}>{t('sop.tasks.due', { at: formatDate(task.dueAt) })}</Typography.Text>
            </Typography.Text>
          </Flex>
        }
      />
    </List.Item>
  );
}
