import { useState } from 'react';
import { Flex, Select, Table, Tag } from 'antd';
import { leadsApi, type Lead, type LeadStatus } from '../../api/leads';
import { useRequest } from '../../api/use-request';
import { useCan } from '../../auth/use-can';
import { LoadError } from '../../components/load-error';
import { useT } from '../../i18n/use-t';
import { ConfirmLeadButton } from './confirm-lead-button';

const COLOR: Record<LeadStatus, string> = { pool: 'default', assigned: 'processing', added: 'success' };

export function LeadsListTab() {
  const t = useT();
  const can = useCan();
  const [status, setStatus] = useState<LeadStatus>();
  const [page, setPage] = useState({ page: 1, pageSize: 50 });
  const { data, error, loading, reload } = useRequest(
    (signal) => leadsApi.list({ status, ...page }, signal),
    [status, page.page, page.pageSize],
  );
  return (
    <Flex vertical gap={12} data-testid="leads-list">
      <Select
        allowClear
        placeholder={t('leads.allStatuses')}
        style={{ width: 200 }}
        value={status}
        onChange={(v) => {
          setStatus(v);
          setPage((p) => ({ ...p, page: 1 }));
        }}
        options={(['pool', 'assigned', 'added'] as const).map((s) => ({ value: s, label: t(`leads.state.${s}`) }))}
      />
      <LoadError error={error} onRetry={reload} />
      <Table<Lead>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: data?.total ?? 0,
          showTotal: (n) => t('common.total', { n }),
          onChange: (p, s) => setPage({ page: p, pageSize: s }),
        }}
        columns={[
          { key: 'phone', title: t('leads.phone'), dataIndex: 'phone' },
          { key: 'name', title: t('leads.name'), dataIndex: 'name' },
          { key: 'source', title: t('leads.source'), dataIndex: 'source' },
          {
            key: 'status',
            title: t('leads.status'),
            render: (_: unknown, l) => (
              <Tag color={COLOR[l.status]}>
                {t(`leads.state.${l.status}`)}
                {l.addedBy ? ` · ${t(`leads.addedBy.${l.addedBy}`)}` : ''}
              </Tag>
            ),
          },
          { key: 'staff', title: t('leads.staff'), render: (_: unknown, l) => l.staffName ?? l.staffUserid ?? '-' },
          { key: 'round', title: t('leads.round'), dataIndex: 'round', align: 'right' },
          {
            key: 'deadline',
            title: t('leads.deadline'),
            dataIndex: 'deadlineAt',
            render: (d: string | null) => (d ? new Date(d).toLocaleString() : '-'),
          },
          ...(can('leads.confirm')
            ? [{ key: 'confirm', title: '', render: (_: unknown, l: Lead) => (l.status === 'assigned' && l.staffUserid ? <ConfirmLeadButton lead={l} onDone={reload} /> : null) }]
            : []),
        ]}
      />
    </Flex>
  );
}
