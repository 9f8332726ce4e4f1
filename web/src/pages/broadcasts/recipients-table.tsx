// A broadcast's recipients, paged, by arm (sent group, holdout, excluded and why) and WeCom status.
import type { BroadcastRecipient, RecipientQuery } from '@siyu/contracts';
import { RECIPIENT_STATUSES } from '@siyu/contracts';
import { Flex, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { useRequest } from '../../api/use-request';
import { useT } from '../../i18n/use-t';
import { broadcastsApi } from './broadcasts-api';

const REASONS = ['not_friend', 'cap', 'opted_out', 'excluded'] as const;
const isReason = (r: string | null): r is (typeof REASONS)[number] => REASONS.some((x) => x === r);

export function RecipientsTable({ id }: { id: string }) {
  const t = useT();
  const [q, setQ] = useState<RecipientQuery>({ page: 1, pageSize: 20 });
  const { data, loading } = useRequest((signal) => broadcastsApi.recipients(id, q, signal), [id, JSON.stringify(q)]);
  return (
    <Flex vertical gap={8}>
      <Flex gap={8}>
        <Select allowClear style={{ width: 160 }} placeholder={t('broadcasts.recipient.role')} value={q.role}
          options={(['send', 'holdout', 'excluded'] as const).map((r) => ({ value: r, label: t(`broadcasts.role.${r}`) }))}
          onChange={(role?: RecipientQuery['role']) => setQ({ ...q, role, page: 1 })} />
        <Select allowClear style={{ width: 200 }} placeholder={t('broadcasts.recipient.status')} value={q.status} data-testid="recipient-status-filter"
          options={RECIPIENT_STATUSES.map((s) => ({ value: s, label: t(`broadcasts.rstatus.${s}`) }))}
          onChange={(status?: RecipientQuery['status']) => setQ({ ...q, status, page: 1 })} />
      </Flex>
      <Table<BroadcastRecipient>
        size="small"
        rowKey="target"
        loading={loading}
        dataSource={data?.items ?? []}
        data-testid="broadcast-recipients"
        pagination={{ current: q.page, pageSize: q.pageSize, total: data?.total ?? 0, onChange: (page, pageSize) => setQ({ ...q, page, pageSize }) }}
        columns={[
          { key: 'name', title: t('broadcasts.recipient.name'), dataIndex: 'name' },
          { key: 'staff', title: t('broadcasts.recipient.staff'), dataIndex: 'staffName' },
          {
            key: 'role',
            title: t('broadcasts.recipient.role'),
            render: (_: unknown, r) => (
              <>
                <Tag>{t(`broadcasts.role.${r.role}`)}</Tag>
                {isReason(r.reason) && <Tag color="orange">{t(`broadcasts.reason.${r.reason}`)}</Tag>}
                {r.variant && r.role !== 'excluded' && <Tag>{r.variant}</Tag>}
              </>
            ),
          },
          {
            key: 'status',
            title: t('broadcasts.recipient.status'),
            render: (_: unknown, r) => (r.status ? <Tag color={r.status === 'sent' ? 'green' : undefined}>{t(`broadcasts.rstatus.${r.status}`)}</Tag> : null),
          },
          { key: 'sentAt', title: t('broadcasts.col.sendAt'), render: (_: unknown, r) => (r.sentAt ? new Date(r.sentAt).toLocaleString() : '') },
        ]}
      />
    </Flex>
  );
}
