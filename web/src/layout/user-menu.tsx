import { Avatar, Dropdown, Space, Typography, type MenuProps } from 'antd';
import { DownOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useMe, useSession } from '../auth/session-context';
import { useT } from '../i18n/use-t';

export function UserMenu() {
  const t = useT();
  const me = useMe();
  const { logout } = useSession();
  const navigate = useNavigate();

  const items: MenuProps['items'] = [
    {
      key: 'role',
      label: (
        <Typography.Text type="secondary">
          {me.user.email} · {t(`role.${me.user.role}`)}
        </Typography.Text>
      ),
      disabled: true,
    },
    { type: 'divider' },
    { key: 'password', icon: <KeyOutlined />, label: t('header.changePassword') },
    { key: 'logout', icon: <LogoutOutlined />, label: t('header.logout'), danger: true },
  ];

  const onClick: MenuProps['onClick'] = async ({ key }) => {
    if (key === 'password') navigate('/settings/password');
    if (key === 'logout') {
      await logout().catch(() => undefined);
      navigate('/login', { replace: true });
    }
  };

  return (
    <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
      <a data-testid="user-menu" onClick={(e) => e.preventDefault()} style={{ color: 'inherit' }}>
        <Space size={8}>
          <Avatar size="small" style={{ backgroundColor: '#1677ff' }} icon={<UserOutlined />} />
          <span>{me.user.name || me.user.email}</span>
          <DownOutlined style={{ fontSize: 10 }} />
        </Space>
      </a>
    </Dropdown>
  );
}
