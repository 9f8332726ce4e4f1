import { useState } from 'react';
import { App, Button, Flex, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { errorWithDetail } from '../../api/error-message';
import { profileSettingsApi, type PointsRule } from '../../api/profile-settings';
import { useT } from '../../i18n/use-t';
import { PointsRuleModal } from './points-rule-modal';
import { EditDeleteActions } from '../../components/edit-delete-actions';

type Row = PointsRule & { id: string };

export function PointsRulesCard({ rules, canEdit, onChanged }: { rules: Row[]; canEdit: boolean; onChanged: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<Row | 'new' | null>(null);
  const remove = async (id: string) => {
    try {
      await profileSettingsApi.deletePointsRule(id);
      onChanged();
    } catch (err) {
      message.error(errorWithDetail(err));
    }
  };
  return (
    <Flex vertical gap={12} data-testid="points-rules">
      <Typography.Text type="secondary">{t('profileSettings.pointsHint')}</Typography.Text>
      <Table<Row>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={rules}
        columns={[
          { key: 'eventType', title: t('profileSettings.eventType'), dataIndex: 'eventType' },
          { key: 'points', title: t('profileSettings.points'), dataIndex: 'points' },
          { key: 'pointsPerYuan', title: t('profileSettings.pointsPerYuan'), dataIndex: 'pointsPerYuan' },
          { key: 'growth', title: t('profileSettings.growth'), dataIndex: 'growth' },
          { key: 'growthPerYuan', title: t('profileSettings.growthPerYuan'), dataIndex: 'growthPerYuan' },
          { key: 'expiresDays', title: t('profileSettings.expiresDays'), render: (_, r) => r.expiresDays ?? t('profileSettings.neverExpires') },
          { key: 'enabled', title: t('profileSettings.enabled'), render: (_, r) => <Tag color={r.enabled ? 'green' : 'default'}>{r.enabled ? t('common.yes') : t('common.no')}</Tag> },
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_, r) =>
              canEdit && <EditDeleteActions onEdit={() => setEditing(r)} onDelete={() => void remove(r.id)} confirm={t('profileSettings.deleteRuleConfirm')} />,
          },
        ]}
      />
      {canEdit && (
        <Button icon={<PlusOutlined />} onClick={() => setEditing('new')} style={{ alignSelf: 'flex-start' }}>
          {t('profileSettings.addRule')}
        </Button>
      )}
      {editing && (
        <PointsRuleModal
          rule={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            onChanged();
          }}
        />
      )}
    </Flex>
  );
}
