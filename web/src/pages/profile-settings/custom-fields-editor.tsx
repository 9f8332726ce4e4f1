import { useState } from 'react';
import { App, Button, Flex, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { customFieldsApi, type CustomField } from '../../api/custom-fields';
import { errorWithDetail } from '../../api/error-message';
import { useRequest } from '../../api/use-request';
import { LoadError } from '../../components/load-error';
import { useT } from '../../i18n/use-t';
import { CustomFieldModal } from './custom-field-modal';
import { EditDeleteActions } from '../../components/edit-delete-actions';

/** The fields operators define for customer profiles: list, create, edit, delete. */
export function CustomFieldsEditor({ canEdit }: { canEdit: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const { data, error, loading, reload } = useRequest((signal) => customFieldsApi.list(signal), []);
  const [editing, setEditing] = useState<CustomField | 'new' | null>(null);
  const remove = async (id: string) => {
    try {
      await customFieldsApi.remove(id);
      reload();
    } catch (err) {
      message.error(errorWithDetail(err));
    }
  };
  return (
    <Flex vertical gap={12} data-testid="custom-fields">
      <Typography.Text type="secondary">{t('customFields.hint')}</Typography.Text>
      <LoadError error={error} onRetry={reload} />
      <Table<CustomField>
        size="small"
        rowKey="id"
        loading={loading}
        pagination={false}
        dataSource={data?.items ?? []}
        data-testid="custom-fields-table"
        columns={[
          { key: 'label', title: t('customFields.label'), dataIndex: 'label' },
          { key: 'key', title: t('customFields.key'), render: (_, f) => <Typography.Text code>{f.key}</Typography.Text> },
          { key: 'type', title: t('customFields.type'), render: (_, f) => t(`customFields.type.${f.type}`) },
          { key: 'options', title: t('customFields.options'), render: (_, f) => f.options.map((o) => <Tag key={o}>{o}</Tag>) },
          { key: 'sortOrder', title: t('customFields.sortOrder'), dataIndex: 'sortOrder' },
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_, f) =>
              canEdit && <EditDeleteActions onEdit={() => setEditing(f)} onDelete={() => void remove(f.id)} confirm={t('customFields.deleteConfirm')} />,
          },
        ]}
      />
      {canEdit && (
        <Button icon={<PlusOutlined />} onClick={() => setEditing('new')} style={{ alignSelf: 'flex-start' }} data-testid="custom-field-add">
          {t('customFields.add')}
        </Button>
      )}
      {editing && (
        <CustomFieldModal
          field={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            reload();
          }}
        />
      )}
    </Flex>
  );
}
