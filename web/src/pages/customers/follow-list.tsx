import { PhoneOutlined } from '@ant-design/icons';
import { Space, Table, Tag, Typography, type TableProps } from 'antd';
import type { CustomerFollow } from '../../api/customers';
import { useFormatDate } from '../../i18n/use-format-date';
import { useT } from '../../i18n/use-t';
import { addWayLabel } from './customer-labels';
import { attributionLabel } from '../../components/attribution-label';

function FollowStatus({ follow }: { follow: CustomerFollow }) {
  const t = useT();
  const formatDate = useFormatDate();
  if (!follow.deletedAt) return <Tag color="green">{t('customer.followActive')}</Tag>;
  const by =
    follow.deletedBy === 'staff'
      ? t('customer.deletedBy.staff')
      : follow.deletedBy === 'customer'
        ? t('customer.deletedBy.customer')
        : t('customer.deletedBy.unknown');
  return (
    <Space direction="vertical" size={0}>
      <Tag color="red">{by}</Tag>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {formatDate(follow.deletedAt)}
      </Typography.Text>
    </Space>
  );
}

export function FollowList({ follows }: { follows: CustomerFollow[] }) {
  const t = useT();
  const formatDate = useFormatDate();
  const columns: TableProps<CustomerFollow>['columns'] = [
    {
      key: 'staff',
      title: t('customer.follow.staff'),
      render: (_, f) => (
        <span>{f.staffName || t('staff.unknown')}</span>
      ),
    },
    {
      key: 'remark',
      title: t('customer.follow.remark'),
      render: (_, f) => (
        <Space direction="vertical" size={0}>
          <span>{f.remark || '-'}</span>
          {f.remarkMobiles.length > 0 && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="follow-remark-mobiles">
              <PhoneOutlined /> {f.remarkMobiles.join('、')}
            </Typography.Text>
          )}
          {f.description && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {f.description}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { key: 'addWay', title: t('customer.follow.addWay'), render: (_, f) => addWayLabel(t, f.addWay) },
    {
      key: 'state',
      title: t('customer.follow.state'),
      render: (_, f) => (f.state ? <Tag color="blue">{attributionLabel(t, f.attribution ?? { kind: 'other', name: null, state: f.state })}</Tag> : '-'),
    },
    { key: 'since', title: t('customer.follow.since'), render: (_, f) => formatDate(f.followedAt) },
    { key: 'status', title: t('customer.follow.status'), render: (_, f) => <FollowStatus follow={f} /> },
  ];
  return (
    <Table<CustomerFollow>
      rowKey={(f) => f.staffUserid}
      columns={columns}
      dataSource={follows}
      pagination={false}
      size="small"
      data-testid="customer-follows"
    />
  );
}
