import { Tag, type TableProps } from 'antd';
import type { CustomerSearchRow, ListColumn, SortColumn } from '../../api/customers';
import { SORT_COLUMNS } from '../../api/customers';
import { useFormatDate } from '../../i18n/use-format-date';
import type { MessageKey, Translate } from '../../i18n/messages';
import { useT } from '../../i18n/use-t';
import { CustomerAvatar } from './customer-avatar';
import { attributionLabel } from '../../components/attribution-label';

type Column = NonNullable<TableProps<CustomerSearchRow>['columns']>[number];

const LABEL_KEYS: Record<ListColumn, MessageKey> = {
  name: 'customer.name',
  phone: 'customer.phone',
  gender: 'customer.gender',
  externalUserid: 'customers.externalUserid',
  owners: 'customer.owners',
  tags: 'customers.tags',
  channels: 'customers.channels',
  orderCount: 'customers.orderCount',
  orderAmount: 'customers.orderAmount',
  lastOrderAt: 'customers.lastOrderAt',
  createdAt: 'customer.addedAt',
};
export const columnLabel = (t: Translate, key: ListColumn) => t(LABEL_KEYS[key]);
const dash = (v: unknown) => (v === null || v === undefined || v === '' ? '-' : String(v));

/** The list's columns, in the order chosen; sortable ones carry the current sort. */
export function useCustomerColumns(
  tagNames: Map<string, string>,
  chosen: readonly ListColumn[],
  sort: { by: SortColumn; dir: 'asc' | 'desc' },
): TableProps<CustomerSearchRow>['columns'] {
  const t = useT();
  const formatDate = useFormatDate();
  const tags = (ids: string[] | undefined, color?: string) =>
    !ids || ids.length === 0 ? '-' : ids.map((id) => <Tag key={id} color={color}>{tagNames.get(id) ?? id}</Tag>);
  const all: Record<ListColumn, Column> = {
    name: { render: (_, c) => <CustomerAvatar name={c.name} avatar={c.avatar} /> },
    phone: { render: (_, c) => dash(c.phone) },
    gender: { render: (_, c) => t(`customer.gender.${c.gender ?? 0}` as MessageKey) },
    externalUserid: { render: (_, c) => dash(c.externalUserid) },
    owners: { render: (_, c) => (c.owners?.length ? c.owners.map((u) => <Tag key={u}>{u}</Tag>) : '-') },
    tags: { render: (_, c) => tags(c.tags, 'green') },
    channels: {
      render: (_, c) =>
        c.channels?.length ? c.channels.map((a) => <Tag key={a.state} color="blue">{attributionLabel(t, a)}</Tag>) : '-',
    },
    orderCount: { render: (_, c) => dash(c.orderCount) },
    orderAmount: { render: (_, c) => dash(c.orderAmount) },
    lastOrderAt: { render: (_, c) => (c.lastOrderAt ? formatDate(c.lastOrderAt) : '-') },
    createdAt: { width: 180, render: (_, c) => formatDate(c.createdAt) },
  };
  return chosen.map((key) => {
    const sortable = (SORT_COLUMNS as readonly string[]).includes(key);
    return {
      ...all[key],
      key,
      title: columnLabel(t, key),
      ...(sortable
        ? { sorter: true, sortOrder: sort.by === key ? (sort.dir === 'asc' ? 'ascend' : 'descend') : null }
        : {}),
    } as Column;
  });
}
