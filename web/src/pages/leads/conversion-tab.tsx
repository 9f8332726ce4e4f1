import { Table } from 'antd';
import { leadsApi, type StaffConversion } from '../../api/leads';
import { useRequest } from '../../api/use-request';
import { LoadError } from '../../components/load-error';
import { useT } from '../../i18n/use-t';

export function ConversionTab() {
  const t = useT();
  const { data, error, loading, reload } = useRequest((signal) => leadsApi.conversion(signal), []);
  return (
    <div data-testid="leads-conversion">
      <LoadError error={error} onRetry={reload} />
      <Table<StaffConversion>
        rowKey="staffUserid"
        size="middle"
        loading={loading}
        dataSource={data?.items ?? []}
        columns={[
          { key: 'staff', title: t('leads.staff'), render: (_: unknown, r) => r.staffName ?? r.staffUserid },
          { key: 'assigned', title: t('leads.conv.assigned'), dataIndex: 'assigned', align: 'right' },
          {
            key: 'added',
            title: t('leads.conv.added'),
            dataIndex: 'added',
            align: 'right',
            sorter: (a, b) => a.added - b.added,
          },
          { key: 'reclaimed', title: t('leads.conv.reclaimed'), dataIndex: 'reclaimed', align: 'right' },
          { key: 'open', title: t('leads.conv.open'), dataIndex: 'open', align: 'right' },
          {
            key: 'rate',
            title: t('leads.conv.rate'),
            dataIndex: 'rate',
            align: 'right',
            render: (r: number) => `${(r * 100).toFixed(1)}%`,
            sorter: (a, b) => a.rate - b.rate,
          },
        ]}
      />
    </div>
  );
}
