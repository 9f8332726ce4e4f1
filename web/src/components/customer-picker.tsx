// Choosing a customer by name: a searchable select over the customer list (name or phone, as the list's search box),
// optionally only the customers one staff member follows; it shows names and phones (masked by role) and hands back
// the customer's WeCom external_userid, which the caller's route needs — the operator never types or sees it.
import { Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { customersApi, type CustomerSearchRow } from '../api/customers';
import type { Rule } from '../api/segments';
import { useT } from '../i18n/use-t';
import { listFilter } from '../pages/customers/customer-filter';

type Props = {
  value?: string;
  onChange?: (externalUserid: string | undefined, customer?: CustomerSearchRow) => void;
  /** only customers this staff member (WeCom userid) follows */
  ownerUserid?: string | null;
  'data-testid'?: string;
};

export function CustomerPicker({ value, onChange, ownerUserid, ...rest }: Props) {
  const t = useT();
  const [text, setText] = useState('');
  const [rows, setRows] = useState<CustomerSearchRow[]>([]);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    let live = true;
    const owner: Rule | null = ownerUserid ? { kind: 'owner', staffUserids: [ownerUserid] } : null;
    const timer = setTimeout(() => {
      setLoading(true);
      customersApi
        .search({ rule: listFilter(text, owner), page: 1, pageSize: 20, columns: ['phone', 'externalUserid', 'owners'], sort: { by: 'name', dir: 'asc' }, withTotal: false })
        .then((r) => live && setRows(r.items.filter((c) => c.externalUserid)))
        .catch(() => live && setRows([]))
        .finally(() => live && setLoading(false));
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text, ownerUserid]);

  return (
    <Select
      showSearch
      allowClear
      filterOption={false}
      loading={loading}
      value={value}
      placeholder={t('customerPicker.placeholder')}
      notFoundContent={loading ? null : t('customerPicker.none')}
      onSearch={setText}
      onChange={(v?: string) => onChange?.(v, rows.find((c) => c.externalUserid === v))}
      style={{ minWidth: 280 }}
      data-testid={rest['data-testid']}
      options={rows.map((c) => ({
        value: c.externalUserid ?? '',
        label: (
          <span data-testid="customer-picker-option">
            {c.name}
            {c.phone ? <Typography.Text type="secondary"> · {c.phone}</Typography.Text> : null}
            {c.owners?.length ? <Typography.Text type="secondary"> · {c.owners.join('、')}</Typography.Text> : null}
          </span>
        ),
      }))}
    />
  );
}
