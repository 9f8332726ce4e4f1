import { Button, Space, Tag, Tooltip, type TableProps } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import type { AlertItem, AlertKind } from '../../api/alerts';
import { useFormatDate } from '../../i18n/use-format-date';
import { useT } from '../../i18n/use-t';
import { alertDetail } from './alert-detail';

const KIND_COLOR: Record<AlertKind, string> = { churn_deleted: 'red', churn_inactive: 'orange', churn_rfm: 'volcano', repurchase: 'blue' };

export function useAlertColumns(
  canAct: boolean,
  onAction: (a: AlertItem, status: 'done' | 'dismissed') => void,
): TableProps<AlertItem>['columns'] {
  const t = useT();
  const formatDate = useFormatDate();
  return [
    {
      key: 'customer',
      title: t('alerts.customer'),
      render: (_, a) => <Link to={`/customers/${a.customerId}`}>{a.customerName || a.customerId.slice(0, 8)}</Link>,
    },
    { key: 'kind', title: t('alerts.kind'), render: (_, a) => <Tag color={KIND_COLOR[a.kind]}>{t(`alerts.kind.${a.kind}`)}</Tag> },
    { key: 'detail', title: t('alerts.detail'), render: (_, a) => alertDetail(a, t, formatDate) },
    {
      key: 'staff',
      title: t('alerts.staff'),
      render: (_, a) => (
        <Space size={4}>
          {a.staffName ?? a.staffUserid ?? '-'}
          {a.notifiedAt && (
            <Tooltip title={`${t('alerts.notified')} ${formatDate(a.notifiedAt)}`}>
              <BellOutlined />
            </Tooltip>
          )}
        </Space>
      ),
    },
    { key: 'createdAt', title: t('alerts.createdAt'), width: 180, render: (_, a) => formatDate(a.createdAt) },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, a) =>
        canAct && a.status === 'open' ? (
          <Space>
            <Button size="small" type="primary" onClick={() => onAction(a, 'done')} data-testid="alert-done">
              {t('alerts.markDone')}
            </Button>
            <Button size="small" onClick={() => onAction(a, 'dismissed')} data-testid="alert-dismiss">
              {t('alerts.dismiss')}
            </Button>
          </Space>
        ) : (
          <Tag>{t(`alerts.status.${a.status}`)}</Tag>
        ),
    },
  ];
}
