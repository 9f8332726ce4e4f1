import { Flex, Result, Typography } from 'antd';
import { WechatWorkOutlined } from '@ant-design/icons';
import { useT } from '../i18n/use-t';

/** The H5 page opened inside WeCom's chat window. Needs WeCom JS-SDK context; built later. */
export function SidebarPage() {
  const t = useT();
  return (
    <Flex vertical align="center" justify="center" style={{ minHeight: '100vh', padding: 16 }} data-testid="sidebar">
      <Result
        icon={<WechatWorkOutlined style={{ color: '#07c160' }} />}
        title={t('sidebar.title')}
        subTitle={t('sidebar.needWecom')}
        extra={<Typography.Text type="secondary">{t('sidebar.hint')}</Typography.Text>}
      />
    </Flex>
  );
}
