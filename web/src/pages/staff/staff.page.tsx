import { useState } from 'react';
import { Badge, Button, Flex, Input, Table, Tag, type TableProps } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { PageQuery } from '../../api/customers';
import { staffApi, type StaffListItem } from '../../api/staff';
import { useRequest } from '../../api/use-request';
import { useMe } from '../../auth/session-context';
import { LoadError } from '../../components/load-error';
import { PageHeader } from '../../components/page-header';
import type { MessageKey } from '../../i18n/messages';
import { useT } from '../../i18n/use-t';
import { useStaffNames } from '../../components/staff-names';

const DEFAULT_PAGE_SIZE = 50;

/** WeCom member status → label and badge colour. */
const STATUS: Record<number, { key: MessageKey; badge: 'success' | 'default' | 'warning' | 'error' }> = {
  1: { key: 'staff.status.1', badge: 'success' },
  2: { key: 'staff.status.2', badge: 'error' },
  4: { key: 'staff.status.4', badge: 'warning' },
  5: { key: 'staff.status.5', badge: 'default' },
};

function StaffStatus({ status }: { status: number }) {
  const t = useT();
  const s = STATUS[status];
  return s ? <Badge status={s.badge} text={t(s.key)} /> : <Badge status="default" text={String(status)} />;
}

function useColumns(): TableProps<StaffListItem>['columns'] {
  const t = useT();
  const names = useStaffNames();
  return [
    { key: 'name', title: t('staff.name'), dataIndex: 'name' },
    {
      key: 'departments',
      title: t('staff.departments'),
      // Department names (from the shared staff look-up), not WeCom's department ids.
      render: (_: unknown, s: StaffListItem) => names?.get(s.userid)?.department || '-',
    },
    { key: 'status', title: t('staff.status'), dataIndex: 'status', render: (s: number) => <StaffStatus status={s} /> },
    {
      key: 'isFollowUser',
      title: t('staff.isFollowUser'),
      dataIndex: 'isFollowUser',
      render: (v: boolean) => (v ? <Tag color="green">{t('common.yes')}</Tag> : <Tag>{t('common.no')}</Tag>),
    },
    {
      key: 'customerCount',
      title: t('staff.customerCount'),
      dataIndex: 'customerCount',
      align: 'right',
      sorter: (a, b) => a.customerCount - b.customerCount,
    },
  ];
}

export function StaffPage() {
  const t = useT();
  const me = useMe();
  const columns = useColumns();
  const [query, setQuery] = useState<PageQuery>({ q: '', page: 1, pageSize: DEFAULT_PAGE_SIZE });
  const { data, error, loading, reload } = useRequest(
    (signal) => staffApi.list(query, signal),
    [query.q, query.page, query.pageSize, me.corp.id],
  );

  return (
    <Flex vertical gap={16} data-testid="staff-page">
      <PageHeader
        title={t('staffPage.title')}
        extra={
          <>
            <Input.Search
              allowClear
              placeholder={t('staffPage.searchPlaceholder')}
              onSearch={(q) => setQuery((prev) => ({ ...prev, q, page: 1 }))}
              style={{ width: 260 }}
              data-testid="staff-search"
            />
            <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('common.refresh')} />
          </>
        }
      />
      <LoadError error={error} onRetry={reload} />
      <Table<StaffListItem>
        rowKey="userid"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={loading}
        data-testid="staff-table"
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          showTotal: (total) => t('common.total', { n: total }),
          onChange: (page, pageSize) =>
            setQuery((prev) => ({ ...prev, page: pageSize === prev.pageSize ? page : 1, pageSize })),
        }}
      />
    </Flex>
  );
}
