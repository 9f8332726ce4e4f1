import { useState } from 'react';
import { App, Button, Card, Descriptions, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { errorWithDetail } from '../../api/error-message';
import { profilesApi, type CustomerProfile } from '../../api/profiles';
import { useCan } from '../../auth/use-can';
import { useT } from '../../i18n/use-t';

type Field = CustomerProfile['customFields'][number];
type Values = Record<string, string | number | null | undefined>;

// Form.Item hands value and onChange to its child: pass them on to the control.
type Control = { value?: string | number | null; onChange?: (v: unknown) => void };

function FieldInput({ field, value, onChange }: { field: Field } & Control) {
  const testId = `field-input-${field.key}`;
  if (field.type === 'number') return <InputNumber value={typeof value === 'number' ? value : null} onChange={onChange} style={{ width: '100%' }} data-testid={testId} />;
  if (field.type === 'select') return <Select value={value ?? undefined} onChange={onChange} allowClear options={field.options.map((o) => ({ value: o, label: o }))} data-testid={testId} />;
  return <Input value={value ?? ''} onChange={(e) => onChange?.(e.target.value)} type={field.type === 'date' ? 'date' : 'text'} maxLength={500} data-testid={testId} />;
}

/** The operator-defined fields of one customer: shown, and edited in place (empty clears a value). */
export function CustomFieldValues({ p, onSaved }: { p: CustomerProfile; onSaved: () => void }) {
  const t = useT();
  const can = useCan();
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const [saving, setSaving] = useState(false);
  const canEdit = can('customers.write') && p.customFields.length > 0;
  const save = async (v: Values) => {
    const values = Object.fromEntries(p.customFields.map((f) => [f.key, v[f.key] === '' || v[f.key] === undefined ? null : (v[f.key] ?? null)]));
    setSaving(true);
    try {
      await profilesApi.setFields(p.id, values);
      message.success(t('profile.saved'));
      setEditing(false);
      onSaved();
    } catch (err) {
      message.error(errorWithDetail(err));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card
      size="small"
      title={t('profile.customFields')}
      data-testid="profile-custom-fields"
      extra={canEdit && !editing && <Button size="small" onClick={() => setEditing(true)} data-testid="profile-fields-edit">{t('common.edit')}</Button>}
    >
      {p.customFields.length === 0 ? (
        <Typography.Text type="secondary">{t('profile.noCustomFields')}</Typography.Text>
      ) : editing ? (
        <Form<Values> layout="vertical" initialValues={Object.fromEntries(p.customFields.map((f) => [f.key, f.value]))} onFinish={(v) => void save(v)}>
          {p.customFields.map((f) => (
            <Form.Item key={f.fieldId} name={f.key} label={f.label}>
              <FieldInput field={f} />
            </Form.Item>
          ))}
          <Space>
            <Button type="primary" htmlType="submit" loading={saving} data-testid="profile-fields-save">
              {t('common.save')}
            </Button>
            <Button onClick={() => setEditing(false)}>{t('common.cancel')}</Button>
          </Space>
        </Form>
      ) : (
        <Descriptions column={2} size="small">
          {p.customFields.map((f) => (
            <Descriptions.Item key={f.fieldId} label={f.label}>
              <span data-testid={`field-value-${f.key}`}>{f.value ?? '-'}</span>
            </Descriptions.Item>
          ))}
        </Descriptions>
      )}
    </Card>
  );
}
