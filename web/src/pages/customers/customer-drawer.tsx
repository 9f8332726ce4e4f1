import { Button, Descriptions, Drawer, Empty, Flex, Skeleton, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { customersApi, type CustomerDetail } from '../../api/customers';
import { useRequest } from '../../api/use-request';
import { LoadError } from '../../components/load-error';
import { useFormatDate } from '../../i18n/use-format-date';
import { useT } from '../../i18n/use-t';
import { CustomerAvatar } from './customer-avatar';
import { customerTypeLabel, genderLabel } from './customer-labels';
import { FollowList } from './follow-list';

function CustomerProfile({ customer }: { customer: CustomerDetail }) {
  const t = useT();
  const formatDate = useFormatDate();
  return (
    <Descriptions column={2} size="small" bordered data-testid="customer-attributes">
      <Descriptions.Item label={t('customer.name')} span={2}>
        <CustomerAvatar name={customer.name} avatar={customer.avatar} size={40} />
      </Descriptions.Item>
      <Descriptions.Item label={t('customer.type')}>{customerTypeLabel(t, customer.type)}</Descriptions.Item>
      <Descriptions.Item label={t('customer.gender')}>{genderLabel(t, customer.gender)}</Descriptions.Item>
      <Descriptions.Item label={t('customer.phone')}>{customer.phone || '-'}</Descriptions.Item>
      <Descriptions.Item label={t('customer.corpName')}>{customer.corpName || '-'}</Descriptions.Item>
      <Descriptions.Item label={t('customer.externalUserid')} span={2}>
        {customer.externalUserid ? (
          <Typography.Text copyable code>
            {customer.externalUserid}
          </Typography.Text>
        ) : (
          '-'
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t('customer.unionid')} span={2}>
        {customer.unionid || '-'}
      </Descriptions.Item>
      <Descriptions.Item label={t('customer.addedAt')} span={2}>
        {formatDate(customer.createdAt)}
      </Descriptions.Item>
    </Descriptions>
  );
}

/** The customer profile: attributes and every staff follow, past and present. */
export function CustomerDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const t = useT();
  const { data, error, loading, reload } = useRequest<CustomerDetail | undefined>(
    (signal) => (id ? customersApi.get(id, signal) : Promise.resolve(undefined)),
    [id],
  );
  const customer = data && data.id === id ? data : undefined;
  const navigate = useNavigate();

  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      width={760}
      title={customer?.name || t('customers.profile')}
      destroyOnHidden
      data-testid="customer-drawer"
      extra={id && <Button type="link" onClick={() => navigate(`/customers/${id}`)} data-testid="open-profile">{t('profile.open')}</Button>}
    >
      <LoadError error={error} onRetry={reload} />
      {loading && !customer && <Skeleton active avatar paragraph={{ rows: 6 }} />}
      {customer && (
        <Flex vertical gap={24}>
          <CustomerProfile customer={customer} />
          <div>
            <Typography.Title level={5}>{t('customer.follows', { n: customer.follows.length })}</Typography.Title>
            {customer.follows.length === 0 ? (
              <Empty description={t('customer.noFollows')} />
            ) : (
              <FollowList follows={customer.follows} />
            )}
          </div>
        </Flex>
      )}
    </Drawer>
  );
}
