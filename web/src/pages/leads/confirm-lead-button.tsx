// 确认添加: the assigned staff member (or a manager) says which WeCom customer an assigned lead became, picked by
// name among the customers that staff member follows; POST /api/leads/:id/confirm records it as added by hand.
import { App, Button, Modal, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { leadsApi, type Lead } from '../../api/leads';
import { CustomerPicker } from '../../components/customer-picker';
import { useT } from '../../i18n/use-t';

export function ConfirmLeadButton({ lead, onDone }: { lead: Lead; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [ext, setExt] = useState<string>();
  const [saving, setSaving] = useState(false);

  const confirm = async () => {
    if (!ext) return;
    setSaving(true);
    try {
      await leadsApi.confirm(lead.id, ext);
      message.success(t('leads.confirmed'));
      setOpen(false);
      onDone();
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} data-testid={`lead-confirm-${lead.phone}`}>
        {t('leads.confirm')}
      </Button>
      <Modal
        open={open}
        title={t('leads.confirmTitle', { name: lead.name || lead.phone })}
        onCancel={() => setOpen(false)}
        onOk={() => void confirm()}
        okButtonProps={{ disabled: !ext, id: 'lead-confirm-ok' }}
        confirmLoading={saving}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('leads.confirmHelp', { staff: lead.staffName ?? lead.staffUserid ?? '' })}</Typography.Paragraph>
        <CustomerPicker value={ext} onChange={(v) => setExt(v)} ownerUserid={lead.staffUserid} data-testid="lead-confirm-picker" />
      </Modal>
    </>
  );
}
