import { Card, Table, Typography } from 'antd';
import { leadsApi } from '../../api/leads';
import { useRequest } from '../../api/use-request';
import type { MessageKey } from '../../i18n/messages';
import { useT } from '../../i18n/use-t';

/** A batch's outcome: pool/assigned/added, reminders, and the rejected rows with their reasons. */
export function BatchDetail({ id }: { id: string }) {
  const t = useT();
  const batch = useRequest((signal) => leadsApi.batch(id, signal), [id]);
  const errors = useRequest((signal) => leadsApi.errors(id, signal), [id]);
  const b = batch.data;
  return (
    <Card size="small" data-testid="lead-batch-detail">
      {b && (
        <>
          <Typography.Paragraph>
            {t('leads.summary', { ...b.leads, reclaimed: b.reclaimed, rate: `${(b.conversion * 100).toFixed(1)}%` })}
          </Typography.Paragraph>
          {b.reminders.length > 0 && (
            <Typography.Paragraph type="secondary">
              {t('leads.reminders', {
                list: b.reminders.map((r) => `${r.status}${r.reason ? ` (${r.reason})` : ''} × ${r.count}`).join(', '),
              })}
            </Typography.Paragraph>
          )}
        </>
      )}
      <Table
        rowKey="rowNo"
        size="small"
        loading={errors.loading}
        dataSource={errors.data?.items ?? []}
        pagination={{ pageSize: 20 }}
        columns={[
          { key: 'row', title: t('leads.row'), dataIndex: 'rowNo' },
          { key: 'phone', title: t('leads.phone'), dataIndex: 'phone' },
          { key: 'name', title: t('leads.name'), dataIndex: 'name' },
          {
            key: 'reason',
            title: t('leads.errors'),
            dataIndex: 'reason',
            render: (r: string) => t(`leads.reason.${r}` as MessageKey),
          },
        ]}
      />
    </Card>
  );
}
