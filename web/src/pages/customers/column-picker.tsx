import { Button, Checkbox, Flex, Popover } from 'antd';
import { SettingOutlined } from '@ant-design/icons';
import { LIST_COLUMNS, type ListColumn } from '../../api/customers';
import { useT } from '../../i18n/use-t';
import { columnLabel } from './customer-columns';

/** Which columns the customer list shows (the name always). */
export function ColumnPicker({ value, onChange }: { value: ListColumn[]; onChange: (next: ListColumn[]) => void }) {
  const t = useT();
  const content = (
    <Checkbox.Group
      value={value}
      onChange={(next) => onChange(LIST_COLUMNS.filter((c) => c === 'name' || next.includes(c)))}
      data-testid="customers-columns-picker"
    >
      <Flex vertical gap={4}>
        {LIST_COLUMNS.map((c) => (
          <Checkbox key={c} value={c} disabled={c === 'name'}>
            {columnLabel(t, c)}
          </Checkbox>
        ))}
      </Flex>
    </Checkbox.Group>
  );
  return (
    <Popover content={content} trigger="click" placement="bottomRight">
      <Button icon={<SettingOutlined />} data-testid="customers-columns">
        {t('customers.columns')}
      </Button>
    </Popover>
  );
}
