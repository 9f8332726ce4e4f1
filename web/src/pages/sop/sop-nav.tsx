// The SOP section's tabs: flows, my SOP tasks, the contact budget; each a route under /sop.
import { Tabs } from 'antd';
import { useLocation, useNavigate } from 'react-router-dom';
import { useT } from '../../i18n/use-t';

export function SopNav() {
  const t = useT();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const active = pathname.startsWith('/sop/tasks') ? 'tasks' : pathname.startsWith('/sop/settings') ? 'settings' : 'flows';
  return (
    <Tabs
      activeKey={active}
      onChange={(key) => navigate(key === 'flows' ? '/sop' : `/sop/${key}`)}
      data-testid="sop-nav"
      items={[
        { key: 'flows', label: t('sop.nav.flows') },
        { key: 'tasks', label: t('sop.nav.tasks') },
        { key: 'settings', label: t('sop.nav.settings') },
      ]}
      style={{ marginBottom: -16 }}
    />
  );
}
