import { useState } from 'react';
import { Button, Flex, Progress, Table, Tag } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { fissionApi, type FissionCampaignItem } from '../../api/fission';
import { useRequest } from '../../api/use-request';
import { useCan } from '../../auth/use-can';
import { LoadError } from '../../components/load-error';
import { PageHeader } from '../../components/page-header';
import { useT } from '../../i18n/use-t';
import { CampaignDrawer } from './campaign-drawer';
import { CampaignForm } from './campaign-form';

export function FissionPage() {
  const t = useT();
  const can = useCan();
  const { data, error, loading, reload } = useRequest((signal) => fissionApi.list(signal), []);
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<string>();
  const now = Date.now();
  return (
    <Flex vertical gap={16} data-testid="fission-page">
      <PageHeader
        title={t('fission.title')}
        extra={
          <>
            {can('fission.write') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="fission-create">
                {t('fission.create')}
              </Button>
            )}
            <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('common.refresh')} />
          </>
        }
      />
      <LoadError error={error} onRetry={reload} />
      <Table<FissionCampaignItem>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
        columns={[
          { key: 'name', title: t('fission.name'), dataIndex: 'name' },
          {
            key: 'period',
            title: t('fission.period'),
            render: (_: unknown, c) => {
              const live = now >= Date.parse(c.starts_at) && now <= Date.parse(c.ends_at);
              return (
                <>
                  <Tag color={live ? 'green' : 'default'}>
                    {new Date(c.starts_at).toLocaleDateString()} – {new Date(c.ends_at).toLocaleDateString()}
                  </Tag>
                </>
              );
            },
          },
          { key: 'goal', title: t('fission.goal'), dataIndex: 'goal', align: 'right' },
          { key: 'participants', title: t('fission.participants'), dataIndex: 'participants', align: 'right' },
          { key: 'adds', title: t('fission.adds'), dataIndex: 'adds', align: 'right' },
          {
            key: 'completions',
            title: t('fission.completions'),
            render: (_: unknown, c) => (
              <Progress
                size="small"
                style={{ width: 160 }}
                percent={c.participants ? Math.round((c.completions / c.participants) * 100) : 0}
                format={() => `${c.completions}`}
              />
            ),
          },
        ]}
      />
      {creating && (
        <CampaignForm
          onClose={(created) => {
            setCreating(false);
            if (created) reload();
          }}
        />
      )}
      {open && <CampaignDrawer id={open} onClose={() => setOpen(undefined)} />}
    </Flex>
  );
}
