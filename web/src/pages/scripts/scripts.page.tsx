// 话术库: folders on the left, search over the scripts (title, text with its variables, what it is suggested for,
// uses), writers add, edit and delete scripts and folders; a tab counts each script's uses per staff member.
import type { Script, ScriptUse } from '@siyu/contracts';
import { App, Button, Card, Flex, Input, Menu, Popconfirm, Table, Tabs, Tag, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, FolderAddOutlined, FolderOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useMemo, useState } from 'react';
import { ApiError } from '../../api/client';
import { profilesApi } from '../../api/profiles';
import { useRequest } from '../../api/use-request';
import { useCan } from '../../auth/use-can';
import { LoadError } from '../../components/load-error';
import { PageHeader } from '../../components/page-header';
import { useFormatDate } from '../../i18n/use-format-date';
import { useT } from '../../i18n/use-t';
import { ScriptForm } from './script-form';
import { scriptsApi } from './scripts-api';

export function ScriptsPage() {
  const t = useT();
  const can = useCan();
  const fmt = useFormatDate();
  const { message, modal } = App.useApp();
  const [folderId, setFolderId] = useState<string>();
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<Script | 'new' | null>(null);
  const [tab, setTab] = useState('list');
  const list = useRequest((signal) => scriptsApi.list({ folderId, q: q || undefined }, signal), [folderId, q]);
  const uses = useRequest((signal) => (tab === 'uses' ? scriptsApi.uses(signal) : Promise.resolve({ items: [] as ScriptUse[] })), [tab]);
  const tags = useRequest((signal) => profilesApi.tags(signal), []);
  const pipelines = useRequest((signal) => profilesApi.pipelines(signal), []);
  const names = useMemo(() => {
    const m = new Map<string, string>();
    for (const g of tags.data?.groups ?? []) for (const x of g.tags) m.set(x.tagId, x.name);
    for (const p of pipelines.data?.items ?? []) for (const s of p.stages) m.set(s.id, `${p.name} · ${s.name}`);
    return m;
  }, [tags.data, pipelines.data]);
  const folders = list.data?.folders ?? [];
  const fail = (err: unknown) => message.error(err instanceof ApiError ? err.message : String(err));

  const newFolder = () => {
    let name = '';
    modal.confirm({
      title: t('scripts.newFolder'),
      icon: <FolderAddOutlined />,
      content: <Input autoFocus placeholder={t('scripts.folderName')} maxLength={30} onChange={(e) => (name = e.target.value)} data-testid="script-folder-name" />,
      onOk: () => (name.trim() ? scriptsApi.createFolder(name.trim()).then(list.reload, fail) : undefined),
    });
  };

  return (
    <Flex vertical gap={16} data-testid="scripts-page">
      <PageHeader
        title={t('scripts.title')}
        extra={
          <>
            {can('script.write') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="script-add">
                {t('scripts.add')}
              </Button>
            )}
            <Button icon={<ReloadOutlined />} onClick={list.reload} aria-label={t('common.refresh')} />
          </>
        }
      />
      <LoadError error={list.error} onRetry={list.reload} />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'list',
            label: t('scripts.tab.list'),
            children: (
              <Flex gap={16} align="start">
                <Card size="small" style={{ width: 220, flex: 'none' }} styles={{ body: { padding: 4 } }}>
                  <Menu
                    mode="inline"
                    style={{ border: 'none' }}
                    selectedKeys={[folderId ?? 'all']}
                    onClick={({ key }) => setFolderId(key === 'all' ? undefined : key)}
                    items={[
                      { key: 'all', icon: <FolderOutlined />, label: t('scripts.allFolders') },
                      ...folders.map((f) => ({ key: f.id, icon: <FolderOutlined />, label: `${f.name} (${f.scripts})` })),
                    ]}
                  />
                  {can('script.write') && (
                    <Flex gap={4} style={{ padding: 4 }}>
                      <Button size="small" icon={<FolderAddOutlined />} onClick={newFolder} data-testid="script-folder-add">
                        {t('scripts.newFolder')}
                      </Button>
                      {folderId && (
                        <Popconfirm title={t('scripts.deleteFolder')} onConfirm={() => scriptsApi.deleteFolder(folderId).then(() => (setFolderId(undefined), list.reload()), fail)}>
                          <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('scripts.deleteFolder')} />
                        </Popconfirm>
                      )}
                    </Flex>
                  )}
                </Card>
                <Flex vertical gap={8} style={{ flex: 1, minWidth: 0 }}>
                  <Input.Search allowClear placeholder={t('scripts.search')} style={{ maxWidth: 320 }} onSearch={(v) => setQ(v.trim())} data-testid="script-search" />
                  <Table<Script>
                    rowKey="id"
                    loading={list.loading}
                    dataSource={list.data?.items ?? []}
                    pagination={{ pageSize: 20, showSizeChanger: false }}
                    data-testid="scripts-table"
                    columns={[
                      { key: 'title', title: t('scripts.col.title'), dataIndex: 'title', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
                      {
                        key: 'content',
                        title: t('scripts.col.content'),
                        render: (_: unknown, s) => (
                          <Typography.Text type="secondary" ellipsis style={{ maxWidth: 320 }}>
                            {s.content}
                          </Typography.Text>
                        ),
                      },
                      { key: 'folder', title: t('scripts.col.folder'), render: (_: unknown, s) => folders.find((f) => f.id === s.folderId)?.name ?? '—' },
                      { key: 'suits', title: t('scripts.col.suits'), render: (_: unknown, s) => [...s.tagIds, ...s.stageIds].map((id) => <Tag key={id}>{names.get(id) ?? '…'}</Tag>) },
                      { key: 'uses', title: t('scripts.col.uses'), dataIndex: 'uses', align: 'right' },
                      { key: 'updated', title: t('scripts.col.updated'), render: (_: unknown, s) => fmt(s.updatedAt) },
                      ...(can('script.write')
                        ? [
                            {
                              key: 'actions',
                              title: '',
                              render: (_: unknown, s: Script) => (
                                <Flex gap={4}>
                                  <Button size="small" type="text" icon={<EditOutlined />} aria-label={t('scripts.edit')} onClick={() => setEditing(s)} data-testid="script-edit" />
                                  <Button
                                    size="small"
                                    danger
                                    type="text"
                                    icon={<DeleteOutlined />}
                                    aria-label={t('common.delete')}
                                    onClick={() =>
                                      modal.confirm({
                                        title: t('scripts.confirmDelete'),
                                        onOk: () => scriptsApi.remove(s.id).then(() => (message.success(t('scripts.deleted')), list.reload()), fail),
                                      })
                                    }
                                  />
                                </Flex>
                              ),
                            },
                          ]
                        : []),
                    ]}
                  />
                </Flex>
              </Flex>
            ),
          },
          {
            key: 'uses',
            label: t('scripts.tab.uses'),
            children: (
              <Table<ScriptUse>
                rowKey={(u) => `${u.scriptId}:${u.staffUserid}`}
                loading={uses.loading}
                dataSource={uses.data?.items ?? []}
                data-testid="script-uses"
                columns={[
                  { key: 'title', title: t('scripts.col.title'), dataIndex: 'title' },
                  { key: 'staff', title: t('scripts.col.staff'), dataIndex: 'staffName' },
                  { key: 'uses', title: t('scripts.col.uses'), dataIndex: 'uses', align: 'right' },
                  { key: 'last', title: t('scripts.col.lastUsed'), render: (_: unknown, u) => fmt(u.lastUsedAt) },
                ]}
              />
            ),
          },
        ]}
      />
      {editing && (
        <ScriptForm
          script={editing === 'new' ? null : editing}
          folders={folders}
          folderId={folderId}
          onClose={(saved) => {
            setEditing(null);
            if (saved) list.reload();
          }}
        />
      )}
    </Flex>
  );
}
