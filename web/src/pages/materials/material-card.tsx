// One material as a small card (picker and selected lists): its image or kind icon, title and what it holds.
import type { MaterialKind, MaterialSummary } from '@siyu/contracts';
import { Flex, Image, Tag, Typography } from 'antd';
import { FileOutlined, FileTextOutlined, LinkOutlined, AppstoreOutlined, VideoCameraOutlined, PictureOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useT } from '../../i18n/use-t';

const ICONS: Record<MaterialKind, ReactNode> = {
  text: <FileTextOutlined />,
  image: <PictureOutlined />,
  poster: <PictureOutlined />,
  link: <LinkOutlined />,
  miniprogram: <AppstoreOutlined />,
  file: <FileOutlined />,
  video: <VideoCameraOutlined />,
};

export function MaterialKindTag({ kind }: { kind: MaterialKind }) {
  const t = useT();
  return <Tag icon={ICONS[kind]}>{t(`materials.kind.${kind}`)}</Tag>;
}

export function MaterialCard({ m, extra }: { m: MaterialSummary; extra?: ReactNode }) {
  return (
    <Flex gap={8} align="center" data-testid="material-card">
      {m.imageUrl ? (
        <Image src={m.imageUrl} width={40} height={40} style={{ objectFit: 'cover' }} preview={false} alt="" />
      ) : (
        <Flex align="center" justify="center" style={{ width: 40, height: 40, background: '#f5f5f5', fontSize: 18 }}>
          {ICONS[m.kind]}
        </Flex>
      )}
      <Flex vertical style={{ minWidth: 0, flex: 1 }}>
        <Typography.Text strong ellipsis>
          {m.title}
        </Typography.Text>
        <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }}>
          {m.preview}
        </Typography.Text>
      </Flex>
      {extra}
    </Flex>
  );
}
