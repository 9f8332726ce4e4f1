import { Button, Popconfirm, Space } from 'antd';
import { useT } from '../i18n/use-t';

/** The edit and delete buttons of a settings table row; delete asks first. */
export function EditDeleteActions({ onEdit, onDelete, confirm }: { onEdit: () => void; onDelete: () => void; confirm: string }) {
  const t = useT();
  return (
    <Space>
      <Button size="small" onClick={onEdit}>
        {t('common.edit')}
      </Button>
      <Popconfirm title={confirm} onConfirm={onDelete}>
        <Button size="small" danger>
          {t('common.delete')}
        </Button>
      </Popconfirm>
    </Space>
  );
}
