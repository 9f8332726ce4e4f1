// 素材库: folders on the left, kind tabs, search and tag filter over a table of materials with their preview and how
// often they were used; writers add materials and folders and delete them.
import type { Material, MaterialKind } from '@siyu/contracts';
import { MATERIAL_KINDS } from '@siyu/contracts';
import { App, Button, Card, Flex, Image, Input, Menu, Popconfirm, Select, Table, Tabs, Tag, Typography } from 'antd';
import { DeleteOutlined, FolderAddOutlined, FolderOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { useRequest } from '../../api/use-request';
import { useCan } from '../../auth/use-can';
import { LoadError } from '../../components/load-error';
import { PageHeader } from '../../components/page-header';
import { useFormatDate } from '../../i18n/use-format-date';
import { useT } from '../../i18n/use-t';
import { MaterialKindTag } from './material-card';
import { MaterialForm } from './material-form';
import { materialsApi } from './materials-api';

export function MaterialsPage() {
  const t = useT();
  const can = useCan();
  const fmt = useFormatDate();
  const { message, modal } = App.useApp();
  const [folderId, setFolderId] = useState<string>();
  const [kind, setKind] = useState<MaterialKind | 'all'>('all');
  const [q, setQ] = useState('');
  const [tag, setTag] = useState<string>();
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState(false);
  const folders = useRequest((signal) => materialsApi.folders(signal), []);
  const tags = useRequest((signal) => materialsApi.tags(signal), []);
  const list = useRequest(
    (signal) => materialsApi.list({ folderId, kind: kind === 'all' ? undefined : kind, q: q || undefined, tag, page, pageSize: 20 }, signal),
    [folderId, kind, q, tag, page],
  );
  const reload = () => {
    list.reload();
    folders.reload();
    tags.reload();
  };
  const fail = (err: unknown) => message.error(err instanceof ApiError ? err.message : String(err));

  const newFolder = () => {
    let name = '';
    modal.confirm({
      title: t('materials.newFolder'),
      icon: <FolderAddOutlined />,
      content: <Input autoFocus placeholder={t('materials.folderName')} maxLength={30} onChange={(e) => (name = e.target.value)} data-testid="folder-name" />,
      onOk: () => (name.trim() ? materialsApi.createFolder(name.trim(), null).then(reload, fail) : undefined),
    });
  };

  return (
    <Flex vertical gap={16} data-testid="materials-page">
      <PageHeader
        title={t('materials.title')}
        extra={
          <>
            {can('materials.write') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="material-add">
                {t('materials.add')}
              </Button>
            )}
            <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('common.refresh')} />
          </>
        }
      />
      <LoadError error={list.error ?? folders.error} onRetry={reload} />
      <Flex gap={16} align="start">
        <Card size="small" style={{ width: 220, flex: 'none' }} styles={{ body: { padding: 4 } }}>
          <Menu
            mode="inline"
            style={{ border: 'none' }}
            selectedKeys={[folderId ?? 'all']}
            onClick={({ key }) => {
              setFolderId(key === 'all' ? undefined : key);
              setPage(1);
            }}
            items={[
              { key: 'all', icon: <FolderOutlined />, label: t('materials.allFolders') },
              ...(folders.data?.items ?? []).map((f) => ({ key: f.id, icon: <FolderOutlined />, label: `${f.name} (${f.materials})` })),
            ]}
          />
          {can('materials.write') && (
            <Flex gap={4} style={{ padding: 4 }}>
              <Button size="small" icon={<FolderAddOutlined />} onClick={newFolder} data-testid="folder-add">
                {t('materials.newFolder')}
              </Button>
              {folderId && (
                <Popconfirm title={t('materials.deleteFolder')} onConfirm={() => materialsApi.deleteFolder(folderId).then(() => (setFolderId(undefined), reload()), fail)}>
                  <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('materials.deleteFolder')} />
                </Popconfirm>
              )}
            </Flex>
          )}
        </Card>
        <Flex vertical gap={8} style={{ flex: 1, minWidth: 0 }}>
          <Tabs
            activeKey={kind}
            onChange={(k) => {
              setKind(k as MaterialKind | 'all');
              setPage(1);
            }}
            items={[{ key: 'all', label: t('materials.kind.all') }, ...MATERIAL_KINDS.map((k) => ({ key: k, label: t(`materials.kind.${k}`) }))]}
          />
          <Flex gap={8}>
            <Input.Search allowClear placeholder={t('materials.search')} style={{ maxWidth: 320 }} onSearch={(v) => (setQ(v.trim()), setPage(1))} data-testid="material-search" />
            <Select
              allowClear
              placeholder={t('materials.tag')}
              style={{ minWidth: 180 }}
              value={tag}
              onChange={(v) => (setTag(v), setPage(1))}
              options={(tags.data?.tags ?? []).map((x) => ({ value: x, label: x }))}
            />
          </Flex>
          <Table<Material>
            rowKey="id"
            loading={list.loading}
            dataSource={list.data?.items ?? []}
            pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
            columns={[
              {
                key: 'preview',
                title: t('materials.preview'),
                width: 72,
                render: (_: unknown, m) =>
                  m.imageUrl ? <Image src={m.imageUrl} width={48} height={48} style={{ objectFit: 'cover' }} alt={m.title} /> : <MaterialKindTag kind={m.kind} />,
              },
              { key: 'title', title: t('materials.col.title'), dataIndex: 'title', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
              { key: 'kind', title: t('materials.col.kind'), render: (_: unknown, m) => <MaterialKindTag kind={m.kind} /> },
              {
                key: 'content',
                title: t('materials.col.preview'),
                render: (_: unknown, m) => (
                  <Typography.Text type="secondary" ellipsis style={{ maxWidth: 280 }}>
                    {m.preview}
                  </Typography.Text>
                ),
              },
              { key: 'folder', title: t('materials.col.folder'), render: (_: unknown, m) => m.folderName ?? '—' },
              { key: 'tags', title: t('materials.col.tags'), render: (_: unknown, m) => m.tags.map((x) => <Tag key={x}>{x}</Tag>) },
              { key: 'uses', title: t('materials.col.uses'), dataIndex: 'useCount', align: 'right' },
              { key: 'updated', title: t('materials.col.updated'), render: (_: unknown, m) => fmt(m.updatedAt) },
              ...(can('materials.write')
                ? [
                    {
                      key: 'actions',
                      title: '',
                      render: (_: unknown, m: Material) => (
                        <Button
                          size="small"
                          danger
                          type="text"
                          icon={<DeleteOutlined />}
                          aria-label={t('common.delete')}
                          onClick={() =>
                            modal.confirm({
                              title: t('materials.confirmDelete'),
                              onOk: () => materialsApi.remove(m.id).then(() => (message.success(t('materials.deleted')), reload()), fail),
                            })
                          }
                        />
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </Flex>
      </Flex>
      {adding && (
        <MaterialForm
          folders={folders.data?.items ?? []}
          folderId={folderId}
          tags={tags.data?.tags ?? []}
          onClose={(saved) => {
            setAdding(false);
            if (saved) reload();
          }}
        />
      )}
    </Flex>
  );
}
