// 集成 (integrations): what a shop, mini-program or back office connects with — order import, API keys and the
// signed events webhook — and the audit log, each tab shown only to a role holding the permission its routes check.
import { Flex, Tabs } from 'antd';
import { useCan } from '../../auth/use-can';
import { PageHeader } from '../../components/page-header';
import { useT } from '../../i18n/use-t';
import { ApiKeysTab } from './api-keys-tab';
import { AuditTab } from './audit-tab';
import { OrderImportTab } from './order-import-tab';
import { WebhookTab } from './webhook-tab';

export function IntegrationsPage() {
  const t = useT();
  const can = useCan();
  const items = [
    can('orders.import') && { key: 'import', label: t('integrations.tab.import'), children: <OrderImportTab /> },
    can('integrations.admin') && { key: 'keys', label: t('integrations.tab.keys'), children: <ApiKeysTab /> },
    can('integrations.admin') && { key: 'webhook', label: t('integrations.tab.webhook'), children: <WebhookTab /> },
    can('audit.read') && { key: 'audit', label: t('integrations.tab.audit'), children: <AuditTab /> },
  ].filter((x) => x !== false);
  return (
    <Flex vertical gap={16} data-testid="integrations-page">
      <PageHeader title={t('integrations.title')} />
      <Tabs items={items} destroyOnHidden />
    </Flex>
  );
}
