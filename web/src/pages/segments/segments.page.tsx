import { useEffect, useMemo, useState } from 'react';
import { App, Button, Drawer, Flex, Input, Popconfirm, Radio, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { DownloadOutlined, LoadingOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/client';
import { LIST_COLUMNS } from '../../api/customers';
import { segmentsApi, type Preview, type Rule, type Segment } from '../../api/segments';
import { useRequest } from '../../api/use-request';
import { useMe } from '../../auth/session-context';
import { useCan } from '../../auth/use-can';
import { LoadError } from '../../components/load-error';
import { PageHeader } from '../../components/page-header';
import { useFormatDate } from '../../i18n/use-format-date';
import { useT } from '../../i18n/use-t';
import { RuleEditor } from './rule-editor';
import { ruleProblemOf, type RuleProblem } from './rule-problem';

// Every list column but the two identifiers operators rarely want in a sheet.
const EXPORT_COLUMNS = LIST_COLUMNS.filter((c) => c !== 'gender' && c !== 'externalUserid');

/** Live count of a rule, debounced while the operator edits. */
type LivePreview = { preview: Preview | null; error: string | null; problem: RuleProblem | null; loading: boolean };
function useLivePreview(rule: Rule | null): LivePreview {
  const [state, setState] = useState<LivePreview>({ preview: null, error: null, problem: null, loading: false });
  const key = JSON.stringify(rule);
  useEffect(() => {
    if (!rule) return;
    let stale = false;
    setState((s) => ({ ...s, loading: true }));
    const timer = setTimeout(() => {
      segmentsApi
        .preview(rule)
        .then((preview) => !stale && setState({ preview, error: null, problem: null, loading: false }))
        .catch(
          (err: unknown) =>
            !stale &&
            setState({
              preview: null,
              error: err instanceof ApiError ? err.message : String(err),
              problem: ruleProblemOf(err),
              loading: false,
            }),
        );
    }, 400);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [key]);
  return state;
}

type Editing = { id: string | null; name: string; kind: Segment['kind']; tagId: string; rule: Rule };
/** A segment just saved: its count is the live preview's until the refresh job has counted it. */
type Pending = { id: string; count: number | null; savedAt: string };

function SegmentEditor({
  editing,
  segments,
  onClose,
  onSaved,
}: {
  editing: Editing;
  segments: Segment[];
  onClose: () => void;
  onSaved: (saved: Pending) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [draft, setDraft] = useState(editing);
  const [saving, setSaving] = useState(false);
  // Where the server refused the rule on save; cleared by the next edit.
  const [saveProblem, setSaveProblem] = useState<RuleProblem | null>(null);
  const live = useLivePreview(draft.rule);
  const refs = segments.filter((s) => s.id !== draft.id).map((s) => ({ value: s.id, label: s.name }));
  const tagNames = useRequest((signal) => (draft.id ? Promise.resolve(null) : segmentsApi.ruleOptions(signal)), [draft.id]);
  const save = async () => {
    setSaving(true);
    try {
      const saved = draft.id
        ? await segmentsApi.update(draft.id, { name: draft.name, rule: draft.rule })
        : await segmentsApi.create({
          name: draft.name,
          rule: draft.rule,
          kind: draft.kind,
          ...(draft.kind === 'dynamic_tag' ? { tagId: draft.tagId } : {}),
        });
      message.success(t('segments.saved'));
      onSaved({ id: saved.id, count: live.preview?.count ?? null, savedAt: saved.updatedAt });
    } catch (err) {
      setSaveProblem(ruleProblemOf(err));
      message.error(err instanceof Error ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Drawer
      open
      width={880}
      title={draft.id ? t('segments.edit') : t('segments.new')}
      onClose={onClose}
      extra={
        <Space>
          <Button
            icon={<DownloadOutlined />}
            onClick={() =>
              segmentsApi.exportXlsx(draft.rule, EXPORT_COLUMNS).catch((e: Error) => message.error(e.message))
            }
          >
            {t('segments.export')}
          </Button>
          <Button type="primary" loading={saving} disabled={!draft.name} onClick={save} data-testid="segments-save">
            {t('segments.save')}
          </Button>
        </Space>
      }
      data-testid="segments-editor"
    >
      <Flex vertical gap={16}>
        <Space wrap>
          <Input
            value={draft.name}
            onChange={(e) => setDraft({ ...draft, name: e.target.value })}
            placeholder={t('segments.name')}
            style={{ width: 320 }}
            data-testid="segments-name"
          />
          {!draft.id && (
            <Radio.Group
              value={draft.kind}
              onChange={(e) => setDraft({ ...draft, kind: e.target.value as Segment['kind'] })}
            >
              <Radio.Button value="segment">{t('segments.kindSegment')}</Radio.Button>
              <Radio.Button value="dynamic_tag">{t('segments.kindDynamicTag')}</Radio.Button>
            </Radio.Group>
          )}
          {!draft.id && draft.kind === 'dynamic_tag' && (
            <Select
              showSearch
              value={draft.tagId || undefined}
              onChange={(tagId: string) => setDraft({ ...draft, tagId })}
              options={(tagNames.data?.tags ?? []).map((tag) => ({ value: tag.id, label: `${tag.groupName} / ${tag.name}` }))}
              optionFilterProp="label"
              placeholder={t('segments.tagId')}
              style={{ width: 260 }}
              data-testid="segments-dynamic-tag"
            />
          )}
        </Space>
        <Flex gap={24} align="center" data-testid="segments-live-count">
          <Statistic
            title={t('segments.liveCount')}
            value={live.preview?.count ?? '-'}
            loading={live.loading && !live.preview}
          />
          <Typography.Text type="secondary">
            {(live.preview?.sample ?? [])
              .slice(0, 8)
              .map((c) => c.name)
              .filter(Boolean)
              .join('、')}
          </Typography.Text>
        </Flex>
        {live.error && <Typography.Text type="danger">{live.error}</Typography.Text>}
        <RuleEditor
          rule={draft.rule}
          onChange={(rule) => {
            setSaveProblem(null);
            setDraft({ ...draft, rule });
          }}
          segments={refs}
          problem={saveProblem ?? live.problem}
        />
      </Flex>
    </Drawer>
  );
}

function MembersDrawer({ segment, onClose }: { segment: Segment; onClose: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const formatDate = useFormatDate();
  const [page, setPage] = useState(1);
  const { data, loading, error, reload } = useRequest(
    (signal) => segmentsApi.members(segment.id, page, 20, signal),
    [segment.id, page],
  );
  return (
    <Drawer
      open
      width={640}
      title={`${segment.name} · ${t('segments.members')}`}
      onClose={onClose}
      data-testid="segments-members"
    >
      <LoadError error={error} onRetry={reload} />
      <Table
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        columns={[
          {
            key: 'name',
            title: t('customer.name'),
            render: (_, m) => (
              <a onClick={() => navigate(`/customers/${m.id}`)} data-testid="segment-member">
                {m.name || t('segments.openProfile')}
              </a>
            ),
          },
          { key: 'since', title: t('segments.since'), dataIndex: 'since', render: (v: string) => formatDate(v) },
        ]}
        onRow={(m) => ({ onClick: () => navigate(`/customers/${m.id}`), style: { cursor: 'pointer' } })}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
      />
    </Drawer>
  );
}

export function SegmentsPage() {
  const t = useT();
  const me = useMe();
  const formatDate = useFormatDate();
  const { message } = App.useApp();
  const { data, error, loading, reload } = useRequest((signal) => segmentsApi.list(signal), [me.corp.id]);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [members, setMembers] = useState<Segment | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const canEdit = useCan()('segments.write');
  const items = useMemo(() => data?.items ?? [], [data]);
  // A saved segment shows the preview's count at once; the list is read again until the refresh job has counted it.
  const counted = (s: Segment, p: Pending) => s.id === p.id && !!s.refreshedAt && s.refreshedAt >= p.savedAt;
  const waiting = pending && !items.some((s) => counted(s, pending)) ? pending : null;
  useEffect(() => {
    if (!waiting) return;
    const timer = setTimeout(reload, 1000);
    return () => clearTimeout(timer);
  }, [waiting, data, reload]);

  return (
    <Flex vertical gap={16} data-testid="segments-page">
      <PageHeader
        title={t('menu.segments')}
        extra={
          <>
            {canEdit && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setEditing({ id: null, name: '', kind: 'segment', tagId: '', rule: { all: [] } })}
                data-testid="segments-new"
              >
                {t('segments.new')}
              </Button>
            )}
            <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('common.refresh')} />
          </>
        }
      />
      <LoadError error={error} onRetry={reload} />
      <Table<Segment>
        rowKey="id"
        loading={loading}
        dataSource={items}
        data-testid="segments-table"
        pagination={false}
        columns={[
          { key: 'name', title: t('segments.name'), render: (_, s) => <a onClick={() => setMembers(s)}>{s.name}</a> },
          {
            key: 'kind',
            title: t('segments.kind'),
            render: (_, s) =>
              s.kind === 'dynamic_tag' ? (
                <Tag color="purple">{t('segments.kindDynamicTag')}</Tag>
              ) : (
                <Tag>{t('segments.kindSegment')}</Tag>
              ),
          },
          {
            key: 'count',
            title: t('segments.memberCount'),
            align: 'right',
            render: (_, s) =>
              waiting?.id === s.id ? (
                <span data-testid="segment-count" title={t('segments.counting')}>
                  {waiting.count ?? '-'} <LoadingOutlined />
                </span>
              ) : (
                <span data-testid="segment-count">{s.memberCount}</span>
              ),
          },
          {
            key: 'refreshedAt',
            title: t('segments.refreshedAt'),
            dataIndex: 'refreshedAt',
            render: (v: string | null) => (v ? formatDate(v) : '-'),
          },
          {
            key: 'actions',
            title: '',
            render: (_, s) => (
              <Space>
                <Button size="small" onClick={() => setMembers(s)}>
                  {t('segments.members')}
                </Button>
                <Button
                  size="small"
                  icon={<DownloadOutlined />}
                  onClick={() =>
                    segmentsApi.exportXlsx(s.rule, EXPORT_COLUMNS).catch((e: Error) => message.error(e.message))
                  }
                >
                  {t('segments.export')}
                </Button>
                {canEdit && (
                  <>
                    <Button
                      size="small"
                      onClick={() =>
                        setEditing({ id: s.id, name: s.name, kind: s.kind, tagId: s.tagId ?? '', rule: s.rule })
                      }
                    >
                      {t('segments.edit')}
                    </Button>
                    <Button
                      size="small"
                      onClick={() => segmentsApi.refresh(s.id).then(() => message.success(t('segments.refreshQueued')))}
                    >
                      {t('segments.refresh')}
                    </Button>
                    <Popconfirm
                      title={t('segments.confirmDelete')}
                      onConfirm={() =>
                        segmentsApi
                          .remove(s.id)
                          .then(reload)
                          .catch((e: Error) => message.error(e.message))
                      }
                    >
                      <Button size="small" danger>
                        {t('segments.delete')}
                      </Button>
                    </Popconfirm>
                  </>
                )}
              </Space>
            ),
          },
        ]}
      />
      {editing && (
        <SegmentEditor
          editing={editing}
          segments={items}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            setPending(saved);
            reload();
          }}
        />
      )}
      {members && <MembersDrawer segment={members} onClose={() => setMembers(null)} />}
    </Flex>
  );
}
