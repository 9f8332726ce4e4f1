import { useState } from 'react';
import { Button, Card, Empty, Flex, Input, Modal, Popconfirm, Space, Tag, Typography, message } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/client';
import { profilesApi, type TagGroup } from '../../api/profiles';
import { useRequest } from '../../api/use-request';
import { useMe } from '../../auth/session-context';
import { useCan } from '../../auth/use-can';
import { LoadError } from '../../components/load-error';
import { PageHeader } from '../../components/page-header';
import { useT } from '../../i18n/use-t';

function splitNames(text: string): string[] {
  return text.split(/[,，\s]+/).map((s) => s.trim()).filter(Boolean);
}

/** WeCom corp tags: edits here go to WeCom first, then the local copy; counts are customers carrying each tag. */
export function TagsPage() {
  const t = useT();
  const me = useMe();
  const canWrite = useCan()('tags.write');
  const { data, error, loading, reload } = useRequest((signal) => profilesApi.tags(signal), [me.corp.id]);
  const [adding, setAdding] = useState<{ group?: TagGroup } | null>(null);
  const [groupName, setGroupName] = useState('');
  const [names, setNames] = useState('');

  const run = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      message.success(t('profile.saved'));
      reload();
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    }
  };
  const submit = () =>
    run(async () => {
      const tags = splitNames(names);
      await profilesApi.addTags(adding?.group ? { groupId: adding.group.groupId, tags } : { groupName: groupName.trim(), tags });
      setAdding(null);
      setNames('');
      setGroupName('');
    });
  const rename = (id: string, current: string) => {
    let value = current;
    Modal.confirm({
      title: t('tags.rename'),
      content: <Input defaultValue={current} maxLength={30} onChange={(e) => (value = e.target.value)} />,
      onOk: () => run(() => profilesApi.renameTag(id, value.trim())),
    });
  };

  return (
    <Flex vertical gap={16} data-testid="tags-page">
      <PageHeader
        title={t('menu.tags')}
        extra={
          <>
            {canWrite && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding({})} data-testid="tags-add-group">
                {t('tags.addGroup')}
              </Button>
            )}
            <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('common.refresh')} />
          </>
        }
      />
      <Typography.Text type="secondary">{t('tags.hint')}</Typography.Text>
      <LoadError error={error} onRetry={reload} />
      {!loading && data?.groups.length === 0 && <Empty />}
      {data?.groups.map((g) => (
        <Card
          key={g.groupId}
          size="small"
          title={canWrite ? <a onClick={() => rename(g.groupId, g.name)}>{g.name}</a> : g.name}
          extra={
            canWrite && <Space>
              <Button size="small" onClick={() => setAdding({ group: g })}>
                {t('tags.addTags')}
              </Button>
              <Popconfirm title={t('tags.deleteGroupConfirm')} onConfirm={() => run(() => profilesApi.deleteTag(g.groupId))}>
                <Button size="small" danger>
                  {t('tags.delete')}
                </Button>
              </Popconfirm>
            </Space>
          }
        >
          <Space wrap>
            {g.tags.map((tag) => (
              <Tag key={tag.tagId} closable={canWrite} onClose={(e) => { e.preventDefault(); void run(() => profilesApi.deleteTag(tag.tagId)); }}>
                {canWrite ? <a onClick={() => rename(tag.tagId, tag.name)}>{tag.name}</a> : tag.name} · {tag.customers}
              </Tag>
            ))}
          </Space>
        </Card>
      ))}
      <Modal open={adding !== null} title={adding?.group ? `${t('tags.addTags')} · ${adding.group.name}` : t('tags.addGroup')} onCancel={() => setAdding(null)} onOk={() => void submit()}>
        <Flex vertical gap={8}>
          {!adding?.group && <Input placeholder={t('tags.groupName')} value={groupName} maxLength={30} onChange={(e) => setGroupName(e.target.value)} />}
          <Input placeholder={t('tags.tagNames')} value={names} onChange={(e) => setNames(e.target.value)} />
        </Flex>
      </Modal>
    </Flex>
  );
}
