import { useState } from 'react';
import { Alert, Form, Input, Modal, Select } from 'antd';
import type { Role } from '../../api/auth';
import { errorMessage } from '../../api/error-message';
import { usersApi, type NewUser } from '../../api/users';
import { useT } from '../../i18n/use-t';
import { roleOptions } from './role-options';

const MIN_PASSWORD = 8;

interface AddUserForm {
  email: string;
  name: string;
  role: Role;
  password: string;
  staffUserid?: string;
}

export function AddUserModal({ open, onClose, onAdded }: { open: boolean; onClose: () => void; onAdded: () => void }) {
  const t = useT();
  const [form] = Form.useForm<AddUserForm>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setSaving(true);
    setError(null);
    try {
      const user: NewUser = {
        email: values.email.trim(),
        name: values.name.trim(),
        role: values.role,
        password: values.password,
        ...(values.staffUserid?.trim() ? { staffUserid: values.staffUserid.trim() } : {}),
      };
      await usersApi.add(user);
      form.resetFields();
      onAdded();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('users.add')}
      okText={t('users.addSubmit')}
      onOk={submit}
      confirmLoading={saving}
      onCancel={() => {
        setError(null);
        onClose();
      }}
      destroyOnHidden
      data-testid="add-user-modal"
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="add-user-error" />}
      <Form<AddUserForm> form={form} layout="vertical" initialValues={{ role: 'operator' }} preserve={false}>
        <Form.Item
          name="email"
          label={t('users.email')}
          rules={[
            { required: true, message: t('login.emailRequired') },
            { type: 'email', message: t('login.emailInvalid') },
          ]}
        >
          <Input autoComplete="off" data-testid="add-user-email" />
        </Form.Item>
        <Form.Item name="name" label={t('users.name')} rules={[{ required: true, whitespace: true, message: t('users.nameRequired') }]}>
          <Input autoComplete="off" maxLength={100} data-testid="add-user-name" />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')} rules={[{ required: true }]}>
          <Select options={roleOptions(t)} data-testid="add-user-role" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('users.initialPassword')}
          rules={[
            { required: true, message: t('password.newRequired') },
            { min: MIN_PASSWORD, message: t('password.minLength', { n: MIN_PASSWORD }) },
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="add-user-password" />
        </Form.Item>
        <Form.Item name="staffUserid" label={t('users.staffUserid')} extra={t('users.staffUseridHelp')}>
          <Input autoComplete="off" maxLength={64} data-testid="add-user-staff" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
