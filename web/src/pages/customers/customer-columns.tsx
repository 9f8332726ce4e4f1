import { Tag, type TableProps } from 'antd';
import type { CustomerSearchRow } from '../../api/customers';
import { useFormatDate } from '../../i18n/use-format-date';
import { useT } from '../../i18n/use-t';
import { CustomerAvatar } from './customer-avatar';

export function useCustomerColumns(tagNames: Map<string, string>): TableProps<CustomerSearchRow>['columns'] {
  const t = useT();
  const formatDate = useFormatDate();
  return [
    { key: 'name', title: t('customer.name'), render: (_, c) => <CustomerAvatar name={c.name} avatar={null} /> },
    { key: 'phone', title: t('customer.phone'), dataIndex: 'phone', render: (phone: string | null) => phone || '-' },
    {
      key: 'owners',
      title: t('customer.owners'),
      dataIndex: 'owners',
      render: (owners: string[]) => (owners.length === 0 ? '-' : owners.map((userid) => <Tag key={userid}>{userid}</Tag>)),
    },
    {
      key: 'tags',
      title: t('customers.tags'),
      dataIndex: 'tags',
      render: (tags: string[]) =>
        tags.length === 0 ? '-' : tags.map((id) => <Tag key={id} color="green">{tagNames.get(id) ?? id}</Tag>),
    },
    { key: 'createdAt', title: t('customer.addedAt'), dataIndex: 'createdAt', width: 180, render: (value: string) => formatDate(value) },
  ];
}
