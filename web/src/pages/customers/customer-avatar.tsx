import { Avatar, Space } from 'antd';
import { UserOutlined } from '@ant-design/icons';

export function CustomerAvatar({ name, avatar, size }: { name: string; avatar: string | null; size?: number }) {
  return (
    <Space size={8}>
      <Avatar src={avatar || undefined} icon={<UserOutlined />} size={size} />
      <span>{name || '-'}</span>
    </Space>
  );
}
