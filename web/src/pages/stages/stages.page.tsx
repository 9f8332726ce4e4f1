import { useCallback, useState } from 'react';
import { Button, Card, Empty, Flex, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography, message } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, PlusOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/client';
import { profilesApi, type Pipeline } from '../../api/profiles';
import { useRequest } from '../../api/use-request';
import { useMe } from '../../auth/session-context';
import { useCan } from '../../auth/use-can';
import { LoadError } from '../../components/load-error';
import { PageHeader } from '../../components/page-header';
import { useT } from '../../i18n/use-t';
import { ApplyRulesModal } from './apply-rules-modal';
import { LastRuleRun } from './last-rule-run';
import { StageRuleDrawer } from './stage-rule-drawer';

type Stage = Pipeline['stages'][number];

function PipelineCard({ p, onChanged }: { p: Pipeline; onChanged: () => void }) {
  const t = useT();
  const canWrite = useCan()('stages.write');
  const { data: funnel } = useRequest((signal) => profilesApi.funnel(p.id, signal), [p.id, p.stages.map((s) => `${s.id}:${s.customers}`).join()]);
  const [newStage, setNewStage] = useState('');
  const [editing, setEditing] = useState<Stage | null>(null);
  const [applying, setApplying] = useState(false);
  const [runId, setRunId] = useState<string | null>(null);
  const [runsVersion, setRunsVersion] = useState(0);
  const run = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      onChanged();
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    }
  };
  const move = (i: number, d: number) => {
    const ids = p.stages.map((s) => s.id);
    [ids[i], ids[i + d]] = [ids[i + d], ids[i]];
    void run(() => profilesApi.reorder(p.id, ids));
  };
  const remove = (stageId: string, customers: number) => {
    let target: string | undefined;
    Modal.confirm({
      title: t('stages.delete'),
      content:
        customers > 0 ? (
          <Select style={{ width: '100%' }} placeholder={t('stages.reassignTo')} onChange={(v: string) => (target = v)}
            options={p.stages.filter((s) => s.id !== stageId).map((s) => ({ value: s.id, label: s.name }))} />
        ) : null,
      onOk: () => run(() => profilesApi.deleteStage(stageId, target)),
    });
  };
  const applyRules = () =>
    Modal.confirm({
      title: t('stages.applyRules'),
      content: t('stages.applyConfirm'),
      onOk: async () => {
        setApplying(true);
        try {
          setRunId((await profilesApi.applyRules(p.id)).id);
        } catch (err) {
          message.error(err instanceof ApiError ? err.message : String(err));
        } finally {
          setApplying(false);
        }
      },
    });
  const runEnded = useCallback(() => {
    setRunsVersion((v) => v + 1);
    onChanged();
  }, [onChanged]);
  const median = new Map((funnel?.stages ?? []).map((f) => [f.stageId, f]));
  const hasRules = p.stages.some((s) => s.rule);
  return (
    <Card
      size="small"
      title={p.name}
      extra={
        hasRules && canWrite && (
          <Button size="small" icon={<ThunderboltOutlined />} loading={applying} onClick={applyRules} data-testid="stages-apply-rules">
            {t('stages.applyRules')}
          </Button>
        )
      }
    >
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={p.stages}
        columns={[
          {
            key: 'name',
            title: t('stages.stage'),
            render: (_, s) => (
              <Space size={4}>
                {s.name}
                {s.rule && (
                  <Tag color="blue" bordered={false} data-testid="stages-auto-badge">
                    {t('stages.auto')}
                  </Tag>
                )}
              </Space>
            ),
          },
          { key: 'customers', title: t('stages.customers'), dataIndex: 'customers' },
          { key: 'entered', title: t('stages.entered'), render: (_, s) => median.get(s.id)?.entered ?? 0 },
          { key: 'median', title: t('stages.medianDays'), render: (_, s) => { const m = median.get(s.id)?.medianDays; return m === null || m === undefined ? '-' : m.toFixed(1); } },
          {
            key: 'dwell',
            title: t('stages.dwellDays'),
            render: (_, s) => (
              <InputNumber size="small" min={1} max={3650} defaultValue={s.dwellDays ?? undefined} disabled={!canWrite}
                onBlur={(e) => { const v = e.target.value ? Number(e.target.value) : null; if (v !== s.dwellDays) void run(() => profilesApi.updateStage(s.id, { dwellDays: v, remindHour: s.remindHour ?? 10 })); }} />
            ),
          },
          {
            key: 'actions',
            title: '',
            render: (_, s, i) => canWrite && (
              <Space>
                <Button size="small" onClick={() => setEditing(s)} data-testid="stages-edit-rule">
                  {t(s.rule ? 'stages.editRule' : 'stages.setRule')}
                </Button>
                <Button size="small" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, -1)} />
                <Button size="small" icon={<ArrowDownOutlined />} disabled={i === p.stages.length - 1} onClick={() => move(i, 1)} />
                <Button size="small" danger onClick={() => remove(s.id, s.customers)}>
                  {t('stages.delete')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {hasRules && (
        <div style={{ marginTop: 8 }}>
          <LastRuleRun pipelineId={p.id} version={String(runsVersion)} />
        </div>
      )}
      {canWrite && (
        <Space.Compact style={{ marginTop: 8 }}>
          <Input value={newStage} maxLength={40} placeholder={t('stages.newStage')} onChange={(e) => setNewStage(e.target.value)} />
          <Button icon={<PlusOutlined />} onClick={() => newStage.trim() && void run(async () => { await profilesApi.addStage(p.id, newStage.trim()); setNewStage(''); })}>
            {t('stages.add')}
          </Button>
        </Space.Compact>
      )}
      {runId && <ApplyRulesModal pipeline={p} runId={runId} onClose={() => setRunId(null)} onEnded={runEnded} />}
      {editing && (
        <StageRuleDrawer
          stage={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            onChanged();
          }}
        />
      )}
    </Card>
  );
}

/** Lifecycle pipelines: editable stages, customers per stage, funnel with median days, dwell-time reminders. */
export function StagesPage() {
  const t = useT();
  const me = useMe();
  const can = useCan();
  const { data, error, loading, reload } = useRequest((signal) => profilesApi.pipelines(signal), [me.corp.id]);
  const [name, setName] = useState('');
  const create = async () => {
    if (!name.trim()) return;
    try {
      await profilesApi.createPipeline(name.trim(), [t('stages.defaultNew'), t('stages.defaultFirst'), t('stages.defaultRepeat')]);
      setName('');
      reload();
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    }
  };
  return (
    <Flex vertical gap={16} data-testid="stages-page">
      <PageHeader
        title={t('menu.stages')}
        extra={
          can('stages.write') && <Space.Compact>
            <Input value={name} maxLength={40} placeholder={t('stages.pipelineName')} onChange={(e) => setName(e.target.value)} />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => void create()} data-testid="stages-add-pipeline">
              {t('stages.addPipeline')}
            </Button>
          </Space.Compact>
        }
      />
      <Typography.Text type="secondary">{t('stages.hint')}</Typography.Text>
      <LoadError error={error} onRetry={reload} />
      {!loading && data?.items.length === 0 && <Empty />}
      {data?.items.map((p) => <PipelineCard key={p.id} p={p} onChanged={reload} />)}
    </Flex>
  );
}
