import { Suspense, useState } from 'react';
import { Button, Flex, Layout, Space, theme } from 'antd';
import { MenuFoldOutlined, MenuUnfoldOutlined } from '@ant-design/icons';
import { Outlet } from 'react-router-dom';
import { useMe } from '../auth/session-context';
import { FullPageSpin } from '../components/full-page-spin';
import { useT } from '../i18n/use-t';
import { Brand } from './brand';
import { CorpSwitcher } from './corp-switcher';
import { LocaleSwitch } from './locale-switch';
import { MyInvitations } from './my-invitations';
import { SideMenu } from './side-menu';
import { UserMenu } from './user-menu';

const SIDER_KEY = 'siyu.siderCollapsed';

function readCollapsed(): boolean {
  try {
    return localStorage.getItem(SIDER_KEY) === '1';
  } catch {
    return false;
  }
}

export function ConsoleLayout() {
  const t = useT();
  const me = useMe();
  const { token } = theme.useToken();
  const [collapsed, setCollapsed] = useState(readCollapsed);

  const toggle = () => {
    const next = !collapsed;
    setCollapsed(next);
    try {
      localStorage.setItem(SIDER_KEY, next ? '1' : '0');
    } catch {
      // ignore
    }
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        collapsible
        collapsed={collapsed}
        trigger={null}
        width={220}
        breakpoint="lg"
        onBreakpoint={(broken) => broken && setCollapsed(true)}
        style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
      >
        <Brand collapsed={collapsed} />
        <SideMenu modules={me.modules} collapsed={collapsed} />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            position: 'sticky',
            top: 0,
            zIndex: 10,
            display: 'flex',
            alignItems: 'center',
            gap: 16,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          <Button
            type="text"
            aria-label={collapsed ? t('header.expand') : t('header.collapse')}
            icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
            onClick={toggle}
          />
          <CorpSwitcher />
          <Flex flex={1} />
          <Space size={20}>
            <MyInvitations />
            <LocaleSwitch />
            <UserMenu />
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <Suspense fallback={<FullPageSpin />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
