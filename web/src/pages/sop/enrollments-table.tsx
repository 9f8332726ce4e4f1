// The customers of a flow, paged, filtered by status and step: name (opens the profile), staff member, status, the
// step they are at (by name), when it is due and why it waits longer (contact budget, quiet hours); "remove from
// flow" for those still in it.
import { SOP_ENROLLMENT_STATUSES, type SopEnrollment, type SopEnrollmentQuery, type SopFlow } from '@siyu/contracts';
import { App, Button, Flex, Popconfirm, Select, Table, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { useRequest } from '../../api/use-request';
import { useCan } from '../../auth/use-can';
import { LoadError } from '../../components/load-error';
import { useFormatDate } from '../../i18n/use-format-date';
import { useT } from '../../i18n/use-t';
import { EnrollmentStatusTag } from './flow-status';
import { heldReasonText } from './server-texts';
import { sopApi } from './sop-api';
import { stepLabel, stepLabelById } from './step-label';

const PAGE = 20;

export function EnrollmentsTable({ flow }: { flow: SopFlow }) {
  const t = useT();
  const can = useCan();
  const navigate = useNavigate();
  const formatDate = useFormatDate();
  const { message } = App.useApp();
  const [q, setQ] = useState<SopEnrollmentQuery>({ limit: PAGE, offset: 0 });
  const { data, error, loading, reload } = useRequest((signal) => sopApi.enrollments(flow.id, q, signal), [flow.id, JSON.stringify(q)]);
  const remove = async (e: SopEnrollment) => {
    try {
      await sopApi.removeEnrollment(flow.id, e.id);
      message.success(t('sop.customers.removed'));
      reload();
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    }
  };
  return (
    <Flex vertical gap={8} data-testid="sop-enrollments">
      <Flex gap={8}>
        <Select allowClear style={{ width: 160 }} placeholder={t('sop.customers.status')} value={q.status} data-testid="sop-enrollment-status"
          options={SOP_ENROLLMENT_STATUSES.map((s) => ({ value: s, label: t(`sop.enrollment.${s}`) }))}
          onChange={(status?: SopEnrollmentQuery['status']) => setQ({ ...q, status, offset: 0 })} />
        <Select allowClear style={{ width: 220 }} placeholder={t('sop.customers.step')} value={q.stepId} data-testid="sop-enrollment-step"
          options={flow.steps.map((s, i) => ({ value: s.id, label: stepLabel(s, i, t) }))}
          onChange={(stepId?: string) => setQ({ ...q, stepId, offset: 0 })} />
      </Flex>
      <LoadError error={error} onRetry={reload} />
      <Table<SopEnrollment>
        size="small"
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={{
          current: Math.floor((q.offset ?? 0) / PAGE) + 1,
          pageSize: PAGE,
          total: data?.total ?? 0,
          showSizeChanger: false,
          onChange: (page) => setQ({ ...q, offset: (page - 1) * PAGE }),
        }}
        columns={[
          { key: 'name', title: t('sop.customers.name'), render: (_: unknown, e) => <a onClick={() => navigate(`/customers/${e.customerId}`)} data-testid="sop-enrollment-name">{e.customerName || t('sop.customers.unnamed')}</a> },
          { key: 'staff', title: t('sop.customers.staff'), render: (_: unknown, e) => e.staffName ?? '-' },
          { key: 'status', title: t('sop.customers.status'), render: (_: unknown, e) => <EnrollmentStatusTag status={e.status} /> },
          { key: 'step', title: t('sop.customers.step'), render: (_: unknown, e) => stepLabelById(flow.steps, e.stepId, t) ?? e.stepName ?? (e.stepId ? t('sop.step.removedStep') : '-') },
          { key: 'due', title: t('sop.customers.due'), render: (_: unknown, e) => formatDate(e.dueAt) },
          { key: 'held', title: t('sop.customers.held'), render: (_: unknown, e) => (e.heldReason ? <Typography.Text type="warning">{heldReasonText(t, e.heldReason)}</Typography.Text> : null) },
          { key: 'entered', title: t('sop.customers.entered'), render: (_: unknown, e) => formatDate(e.enteredAt) },
          {
            key: 'actions',
            title: '',
            render: (_: unknown, e) =>
              can('sop.write') && e.status === 'active' ? (
                <Popconfirm title={t('sop.customers.confirmRemove')} onConfirm={() => remove(e)}>
                  <Button size="small" danger data-testid="sop-enrollment-remove">{t('sop.customers.remove')}</Button>
                </Popconfirm>
              ) : null,
          },
        ]}
      />
    </Flex>
  );
}
