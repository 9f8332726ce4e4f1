// Adding a user sends an invitation: the admin gets a link to hand over, the invitee accepts it with a password.
import { useState } from 'react';
import { Alert, Form, Input, Modal, Select } from 'antd';
import type { Role } from '../../api/auth';
import { errorMessage } from '../../api/error-message';
import { invitationsApi, type InvitationSent, type NewInvitation } from '../../api/invitations';
import { useT } from '../../i18n/use-t';
import { InviteLink } from './invite-link';
import { roleOptions } from './role-options';
import { useStaffLabel, useStaffNames } from '../../components/staff-names';

interface AddUserForm {
  email: string;
  name: string;
  role: Role;
  staffUserid?: string;
}

export function AddUserModal({ open, onClose, onAdded }: { open: boolean; onClose: () => void; onAdded: () => void }) {
  const t = useT();
  const [form] = Form.useForm<AddUserForm>();
  // A login is linked to a staff member picked by name and department, not by typing a WeCom userid.
  const staff = useStaffNames();
  const staffLabel = useStaffLabel();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<InvitationSent | null>(null);

  const close = () => {
    setError(null);
    setSent(null);
    onClose();
  };

  const submit = async () => {
    if (sent) return close();
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setSaving(true);
    setError(null);
    try {
      const invitation: NewInvitation = {
        email: values.email.trim(),
        name: values.name.trim(),
        role: values.role,
        ...(values.staffUserid?.trim() ? { staffUserid: values.staffUserid.trim() } : {}),
      };
      setSent(await invitationsApi.invite(invitation));
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
      okText={sent ? t('invitations.done') : t('invitations.send')}
      onOk={submit}
      confirmLoading={saving}
      onCancel={close}
      cancelButtonProps={sent ? { style: { display: 'none' } } : undefined}
      destroyOnHidden
      data-testid="add-user-modal"
    >
      {sent ? (
        <InviteLink url={sent.inviteUrl} expiresAt={sent.expiresAt} />
      ) : (
        <>
          <Alert type="info" showIcon message={t('invitations.explain')} style={{ marginBottom: 16 }} />
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
            <Form.Item name="staffUserid" label={t('users.staffUserid')} extra={t('users.staffUseridHelp')}>
              <Select
                showSearch
                allowClear
                optionFilterProp="label"
                loading={!staff}
                options={[...(staff ?? new Map()).keys()].map((u) => ({ value: u, label: staffLabel(u) }))}
                data-testid="add-user-staff"
              />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
