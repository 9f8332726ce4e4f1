import { Flex, Tabs } from 'antd';
import { useCan } from '../../auth/use-can';
import { PageHeader } from '../../components/page-header';
import { useT } from '../../i18n/use-t';
import { ConversionTab } from './conversion-tab';
import { LeadBatchesTab } from './lead-batches-tab';
import { LeadsListTab } from './leads-list-tab';

export function LeadsPage() {
  const t = useT();
  // Import batches and conversion by staff are reports; a staff member sees only the leads assigned to them.
  const reports = useCan()('leads.report');
  const list = { key: 'list', label: t('leads.tab.list'), children: <LeadsListTab /> };
  return (
    <Flex vertical gap={16} data-testid="leads-page">
      <PageHeader title={t('leads.title')} />
      <Tabs
        destroyOnHidden
        items={
          reports
            ? [
                { key: 'batches', label: t('leads.tab.batches'), children: <LeadBatchesTab /> },
                list,
                { key: 'conversion', label: t('leads.tab.conversion'), children: <ConversionTab /> },
              ]
            : [list]
        }
      />
    </Flex>
  );
}
