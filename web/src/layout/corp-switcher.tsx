import { useState } from 'react';
import { App, Select } from 'antd';
import { BankOutlined } from '@ant-design/icons';
import { ApiError } from '../api/client';
import { useMe, useSession } from '../auth/session-context';
import { useT } from '../i18n/use-t';

export function CorpSwitcher() {
  const t = useT();
  const me = useMe();
  const { switchCorp } = useSession();
  const { message } = App.useApp();
  const [switching, setSwitching] = useState(false);

  const corps = me.corps.length > 0 ? me.corps : [{ ...me.corp, role: me.user.role }];

  const onChange = async (corpId: string) => {
    if (corpId === me.corp.id) return;
    setSwitching(true);
    try {
      const next = await switchCorp(corpId);
      message.success(t('header.switchedCorp', { name: next.corp.name }));
    } catch (err) {
      message.error(t('error.generic', { message: err instanceof ApiError ? err.message : String(err) }));
    } finally {
      setSwitching(false);
    }
  };

  return (
    <Select
      data-testid="corp-switcher"
      aria-label={t('header.corp')}
      value={me.corp.id}
      loading={switching}
      disabled={switching || corps.length < 2}
      onChange={onChange}
      prefix={<BankOutlined />}
      style={{ minWidth: 200, maxWidth: 320 }}
      options={corps.map((c) => ({ value: c.id, label: c.name }))}
      popupMatchSelectWidth={false}
    />
  );
}
