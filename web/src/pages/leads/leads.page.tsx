import { Flex, Tabs } from 'antd';
import { PageHeader } from '../../components/page-header';
import { useT } from '../../i18n/use-t';
import { ConversionTab } from './conversion-tab';
import { LeadBatchesTab } from './lead-batches-tab';
import { LeadsListTab } from './leads-list-tab';

export function LeadsPage() {
  const t = useT();
  return (
    <Flex vertical gap={16} data-testid="leads-page">
      <PageHeader title={t('leads.title')} />
      <Tabs
        destroyOnHidden
        items={[
          { key: 'batches', label: t('leads.tab.batches'), children: <LeadBatchesTab /> },
          { key: 'list', label: t('leads.tab.list'), children: <LeadsListTab /> },
          { key: 'conversion', label: t('leads.tab.conversion'), children: <ConversionTab /> },
        ]}
      />
    </Flex>
  );
}
