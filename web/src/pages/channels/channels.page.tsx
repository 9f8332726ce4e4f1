import { Flex, Tabs } from 'antd';
import { PageHeader } from '../../components/page-header';
import { useT } from '../../i18n/use-t';
import { ChannelCodesTab } from './channel-codes-tab';
import { GroupCodesTab } from './group-codes-tab';
import { StoresTab } from './stores-tab';

export function ChannelsPage() {
  const t = useT();
  return (
    <Flex vertical gap={16} data-testid="channels-page">
      <PageHeader title={t('channels.title')} />
      <Tabs
        destroyOnHidden
        items={[
          { key: 'codes', label: t('channels.tab.codes'), children: <ChannelCodesTab /> },
          { key: 'group-codes', label: t('channels.tab.groupCodes'), children: <GroupCodesTab /> },
          { key: 'stores', label: t('channels.tab.stores'), children: <StoresTab /> },
        ]}
      />
    </Flex>
  );
}
