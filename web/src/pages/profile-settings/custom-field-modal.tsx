import { Form, Input, InputNumber, Modal, Select } from 'antd';
import { customFieldsApi, type CustomField, type CustomFieldInput, type FieldType } from '../../api/custom-fields';
import { useT } from '../../i18n/use-t';
import { SaveError } from './save-error';
import { useSave } from './use-save';

const TYPES: FieldType[] = ['text', 'number', 'date', 'select'];

/** Creates a field, or edits one (key and type are fixed once created). */
export function CustomFieldModal({ field, onClose, onSaved }: { field: CustomField | null; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const [form] = Form.useForm<CustomFieldInput>();
  const type = Form.useWatch('type', form);
  const { saving, error, run } = useSave();
  const save = async (v: CustomFieldInput) => {
    const options = v.type === 'select' ? (v.options ?? []) : undefined;
    const ok = await run(() =>
      field
        ? customFieldsApi.update(field.id, { label: v.label, sortOrder: v.sortOrder ?? 0, ...(options ? { options } : {}) })
        : customFieldsApi.create({ key: v.key, label: v.label, type: v.type, sortOrder: v.sortOrder ?? 0, ...(options ? { options } : {}) }).then(() => undefined),
    );
    if (ok) onSaved();
  };
  return (
    <Modal open title={field ? t('customFields.edit') : t('customFields.add')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving} okButtonProps={{ 'data-testid': 'custom-field-ok' }}>
      <Form<CustomFieldInput>
        form={form}
        layout="vertical"
        initialValues={field ?? { type: 'text', sortOrder: 0, options: [] }}
        onFinish={(v) => void save(v)}
        data-testid="custom-field-form"
      >
        <Form.Item name="key" label={t('customFields.key')} extra={t('customFields.keyHint')} rules={[{ required: true, pattern: /^[a-z][a-z0-9_]*$/, max: 40 }]}>
          <Input disabled={!!field} data-testid="custom-field-key" />
        </Form.Item>
        <Form.Item name="label" label={t('customFields.label')} rules={[{ required: true, max: 60 }]}>
          <Input data-testid="custom-field-label" />
        </Form.Item>
        <Form.Item name="type" label={t('customFields.type')} rules={[{ required: true }]}>
          <Select disabled={!!field} options={TYPES.map((v) => ({ value: v, label: t(`customFields.type.${v}`) }))} data-testid="custom-field-type" />
        </Form.Item>
        {type === 'select' && (
          <Form.Item name="options" label={t('customFields.options')} rules={[{ required: true, type: 'array', min: 1 }]}>
            <Select mode="tags" open={false} placeholder={t('customFields.optionsPlaceholder')} data-testid="custom-field-options" />
          </Form.Item>
        )}
        <Form.Item name="sortOrder" label={t('customFields.sortOrder')}>
          <InputNumber min={0} precision={0} style={{ width: 120 }} />
        </Form.Item>
        <SaveError error={error} />
      </Form>
    </Modal>
  );
}
