import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { Button, Flex, Input, Table, Tag, type TableProps } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { customersApi, type CustomerListItem, type PageQuery } from '../../api/customers';
import { useRequest } from '../../api/use-request';
import { useMe } from '../../auth/session-context';
import { LoadError } from '../../components/load-error';
import { PageHeader } from '../../components/page-header';
import { useFormatDate } from '../../i18n/use-format-date';
import { useT } from '../../i18n/use-t';
import { CustomerAvatar } from './customer-avatar';
import { CustomerDrawer } from './customer-drawer';
import { CustomerProfilePage } from './customer-profile.page';

const DEFAULT_PAGE_SIZE = 20;

function useColumns(): TableProps<CustomerListItem>['columns'] {
  const t = useT();
  const formatDate = useFormatDate();
  return [
    {
      key: 'name',
      title: t('customer.name'),
      render: (_, c) => <CustomerAvatar name={c.name} avatar={c.avatar} />,
    },
    { key: 'phone', title: t('customer.phone'), dataIndex: 'phone', render: (phone: string | null) => phone || '-' },
    {
      key: 'owners',
      title: t('customer.owners'),
      dataIndex: 'owners',
      render: (owners: string[]) =>
        owners.length === 0 ? '-' : owners.map((userid) => <Tag key={userid}>{userid}</Tag>),
    },
    {
      key: 'createdAt',
      title: t('customer.addedAt'),
      dataIndex: 'createdAt',
      width: 180,
      render: (value: string) => formatDate(value),
    },
  ];
}

function CustomersListPage() {
  const t = useT();
  const me = useMe();
  const columns = useColumns();
  const [query, setQuery] = useState<PageQuery>({ q: '', page: 1, pageSize: DEFAULT_PAGE_SIZE });
  const [openId, setOpenId] = useState<string | null>(null);
  const { data, error, loading, reload } = useRequest(
    (signal) => customersApi.list(query, signal),
    [query.q, query.page, query.pageSize, me.corp.id],
  );

  return (
    <Flex vertical gap={16} data-testid="customers-page">
      <PageHeader
        title={t('customers.title')}
        extra={
          <>
            <Input.Search
              allowClear
              placeholder={t('customers.searchPlaceholder')}
              onSearch={(q) => setQuery((prev) => ({ ...prev, q, page: 1 }))}
              style={{ width: 280 }}
              data-testid="customers-search"
            />
            <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('common.refresh')} />
          </>
        }
      />
      <LoadError error={error} onRetry={reload} />
      <Table<CustomerListItem>
        rowKey="id"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={loading}
        data-testid="customers-table"
        onRow={(record) => ({ onClick: () => setOpenId(record.id), style: { cursor: 'pointer' } })}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { n: total }),
          onChange: (page, pageSize) =>
            setQuery((prev) => ({ ...prev, page: pageSize === prev.pageSize ? page : 1, pageSize })),
        }}
      />
      <CustomerDrawer id={openId} onClose={() => setOpenId(null)} />
    </Flex>
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** /customers lists; /customers/:id is the full profile page. */
export function CustomersPage() {
  const rest = useParams()['*'] ?? '';
  return UUID.test(rest) ? <CustomerProfilePage id={rest} /> : <CustomersListPage />;
}
