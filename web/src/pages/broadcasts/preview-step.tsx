// The wizard's preview: how many the audience holds, how many can be sent to, and per staff member how many are
// excluded and why (not a friend, cap, opted out, excluded, duplicate), with the cap in force and the duplicate rule.
import type { BroadcastPreview, ExclusionReason, PreviewStaffRow } from '@siyu/contracts';
import { EXCLUSION_REASONS } from '@siyu/contracts';
import { Alert, Descriptions, Flex, Table, Typography } from 'antd';
import { useT } from '../../i18n/use-t';

export function PreviewStep({ preview }: { preview: BroadcastPreview }) {
  const t = useT();
  return (
    <Flex vertical gap={12} data-testid="broadcast-preview">
      <Descriptions size="small" column={4} bordered>
        <Descriptions.Item label={t('broadcasts.preview.audience')}>{preview.audience}</Descriptions.Item>
        <Descriptions.Item label={t('broadcasts.preview.recipients')}>
          <span data-testid="preview-recipients">{preview.recipients}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('broadcasts.preview.holdout')}>{preview.holdoutEstimate}</Descriptions.Item>
        <Descriptions.Item label={t('broadcasts.col.kind')}>
          {t('broadcasts.preview.cap', { limit: preview.cap.limit, period: t(`broadcasts.preview.period.${preview.cap.period}`) })}
        </Descriptions.Item>
        {EXCLUSION_REASONS.map((r) => (
          <Descriptions.Item key={r} label={t(`broadcasts.reason.${r}`)}>
            <span data-testid={`preview-excluded-${r}`}>{preview.excluded[r]}</span>
          </Descriptions.Item>
        ))}
      </Descriptions>
      <Alert type="info" showIcon message={t('broadcasts.preview.duplicateRule')} />
      <Table<PreviewStaffRow>
        size="small"
        rowKey={(r) => r.staffUserid ?? '—'}
        dataSource={preview.staff}
        pagination={{ pageSize: 10 }}
        columns={[
          { key: 'staff', title: t('broadcasts.preview.staff'), render: (_: unknown, r) => <Typography.Text>{r.staffName}</Typography.Text> },
          { key: 'recipients', title: t('broadcasts.preview.recipients'), dataIndex: 'recipients', align: 'right' },
          { key: 'tasks', title: t('broadcasts.preview.tasks'), dataIndex: 'tasks', align: 'right' },
          ...EXCLUSION_REASONS.map((reason: ExclusionReason) => ({
            key: reason,
            title: t(`broadcasts.reason.${reason}`),
            align: 'right' as const,
            render: (_: unknown, r: PreviewStaffRow) => r.excluded[reason] || '',
          })),
        ]}
      />
    </Flex>
  );
}
