import { useEffect, useMemo, useState } from 'react';
import { Button, Card, Col, Descriptions, Empty, Flex, Input, Row, Select, Skeleton, Space, Tag, Timeline, Typography, message } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { profilesApi, type CustomerProfile, type TimelineItem } from '../../api/profiles';
import { useRequest } from '../../api/use-request';
import { useCan } from '../../auth/use-can';
import { LoadError } from '../../components/load-error';
import { PageHeader } from '../../components/page-header';
import { useFormatDate } from '../../i18n/use-format-date';
import { useT } from '../../i18n/use-t';
import { AdjustPointsButton } from './adjust-points-button';
import { CustomerAvatar } from './customer-avatar';
import { CustomFieldValues } from './custom-field-values';
import { genderLabel } from './customer-labels';
import { FollowList } from './follow-list';
import { eventLabel, sourceLabel } from '../../components/event-label';
import { segmentsApi } from '../../api/segments';
import { timelineDetail, type TimelineNames } from './timeline-detail';
import { attributionLabel } from '../../components/attribution-label';
import type { CustomerFollow } from '../../api/customers';

/** Staff, channel, source and stage names for the timeline's rows; a list that fails to load leaves its ids unnamed. */
function useTimelineNames(follows: CustomerFollow[] | undefined): TimelineNames {
  const t = useT();
  const options = useRequest((signal) => segmentsApi.ruleOptions(signal).catch(() => null), []);
  const pipelines = useRequest((signal) => profilesApi.pipelines(signal).catch(() => ({ items: [] })), []);
  return useMemo(
    () => ({
      staff: new Map((options.data?.staff ?? []).map((s) => [s.userid, s.name])),
      channels: new Map((options.data?.channels ?? []).map((c) => [c.state, c.name])),
      sources: new Map((follows ?? []).filter((f) => f.state && f.attribution?.name).map((f) => [f.state!, attributionLabel(t, f.attribution)])),
      pipelines: new Map(
        (pipelines.data?.items ?? []).map((p) => [p.id, { name: p.name, stages: new Map(p.stages.map((s) => [s.id, s.name])) }]),
      ),
    }),
    [options.data, pipelines.data, follows, t],
  );
}

// How often an open profile looks for new timeline rows (an order from the shop shows within this).
const TIMELINE_POLL_MS = 1500;

function ProfileTimeline({ id, follows, onNews }: { id: string; follows?: CustomerFollow[]; onNews: () => void }) {
  const t = useT();
  const formatDate = useFormatDate();
  const [types, setTypes] = useState<string[]>([]);
  const [more, setMore] = useState<TimelineItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const { data, error, reload } = useRequest(
    (signal) =>
      profilesApi.timeline(id, { types: types.join(',') || undefined }, signal).then((r) => {
        setMore([]);
        setCursor(r.nextCursor);
        return r;
      }),
    [id, types.join(',')],
  );
  const items = [...(data?.items ?? []), ...more];
  const names = useTimelineNames(follows);
  // New rows (an order, a link opened, a stage moved) appear while the profile is open; the figures follow them.
  const newest = data?.items[0]?.id ?? null;
  useEffect(() => {
    if (!data) return;
    let stopped = false;
    const timer = setInterval(() => {
      if (document.hidden) return;
      profilesApi
        .timeline(id, { types: types.join(',') || undefined })
        .then((r) => {
          if (!stopped && (r.items[0]?.id ?? null) !== newest) {
            reload();
            onNews();
          }
        })
        .catch(() => undefined);
    }, TIMELINE_POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [id, newest, data, types, reload, onNews]);
  const loadMore = async () => {
    if (!cursor) return;
    const r = await profilesApi.timeline(id, { types: types.join(',') || undefined, cursor });
    setMore((m) => [...m, ...r.items]);
    setCursor(r.nextCursor);
  };
  return (
    <Card title={t('profile.timeline')} size="small" data-testid="profile-timeline"
      extra={<Select mode="multiple" allowClear style={{ minWidth: 240 }} placeholder={t('profile.timelineFilter')} value={types} onChange={setTypes}
        options={(data?.types ?? []).map((v) => ({ value: v, label: eventLabel(t, v) }))} optionFilterProp="label" data-testid="timeline-filter" />}>
      <LoadError error={error} onRetry={reload} />
      {items.length === 0 ? (
        <Empty />
      ) : (
        <Timeline
          items={items.map((i) => ({
            key: i.id,
            children: (
              <Space direction="vertical" size={0} data-testid="timeline-item">
                <Space>
                  <Tag color={i.type === 'order' ? 'gold' : 'blue'}>{eventLabel(t, i.type)}</Tag>
                  <Typography.Text type="secondary">{formatDate(i.occurredAt)}</Typography.Text>
                  <Typography.Text type="secondary">{sourceLabel(t, i.source)}</Typography.Text>
                </Space>
                <Typography.Text>{timelineDetail(t, i, names)}</Typography.Text>
              </Space>
            ),
          }))}
        />
      )}
      {cursor && <Button onClick={() => void loadMore()}>{t('profile.loadMore')}</Button>}
    </Card>
  );
}

/** The customer's own phone, then the numbers staff noted on current follows (remark_mobiles), each once; masked by the server. */
function profilePhones(p: CustomerProfile): string[] {
  const noted = p.follows.filter((f) => !f.deletedAt).flatMap((f) => f.remarkMobiles);
  return [...new Set([p.attributes.phone, ...noted].filter((x): x is string => !!x))];
}

function Overview({ p, onChanged }: { p: CustomerProfile; onChanged: () => void }) {
  const t = useT();
  const can = useCan();
  const formatDate = useFormatDate();
  const [note, setNote] = useState('');
  const addNote = async () => {
    if (!note.trim()) return;
    await profilesApi.addNote(p.id, note.trim());
    setNote('');
    message.success(t('profile.saved'));
    onChanged();
  };
  return (
    <Flex vertical gap={16}>
      <Card size="small" title={t('profile.attributes')}>
        <Descriptions column={2} size="small">
          <Descriptions.Item label={t('customer.name')} span={2}>
            <CustomerAvatar name={p.attributes.name} avatar={p.attributes.avatar} size={40} />
          </Descriptions.Item>
          <Descriptions.Item label={t('customer.gender')}>{genderLabel(t, p.attributes.gender)}</Descriptions.Item>
          <Descriptions.Item label={t('customer.phone')}>
            <span data-testid="profile-phones">{profilePhones(p).join('、') || '-'}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('customer.addedAt')}>{formatDate(p.attributes.createdAt)}</Descriptions.Item>
          <Descriptions.Item label={t('profile.identities')}>
            {/* Which identities are linked, in words; a phone or member number is shown, a WeCom/WeChat id only on hover. */}
            {p.identities.map((i) => (
              <Tag key={`${i.kind}:${i.value}`} title={i.kind === 'phone' || i.kind === 'member_id' ? undefined : i.value}>
                {i.kind === 'phone' || i.kind === 'member_id' ? `${t(`profile.identity.${i.kind}`)} ${i.value}` : t(`profile.identity.${i.kind}`)}
              </Tag>
            ))}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <CustomFieldValues p={p} onSaved={onChanged} />
      <Card size="small" title={t('profile.tagsAndStages')}>
        <Space wrap>
          {p.tags.length === 0 ? <Typography.Text type="secondary">{t('profile.noTags')}</Typography.Text> : p.tags.map((tag) => <Tag key={tag.tagId} color="green">{tag.name ?? tag.tagId}</Tag>)}
        </Space>
        <Descriptions column={1} size="small" style={{ marginTop: 12 }}>
          {p.stages.map((s) => (
            <Descriptions.Item key={s.pipelineId} label={s.pipelineName}>
              {s.stageName ?? '-'}
              {s.enteredAt ? ` · ${formatDate(s.enteredAt)}` : ''}
            </Descriptions.Item>
          ))}
        </Descriptions>
      </Card>
      <Card size="small" title={t('profile.value')} extra={<AdjustPointsButton customerId={p.id} onDone={onChanged} />}>
        <Descriptions column={2} size="small">
          <Descriptions.Item label={t('profile.rfmClass')}>{p.rfm ? t(`rfm.${p.rfm.class}` as never) : '-'}</Descriptions.Item>
          <Descriptions.Item label="R / F / M">{p.rfm ? `${p.rfm.r} / ${p.rfm.f} / ${p.rfm.m}` : '-'}</Descriptions.Item>
          <Descriptions.Item label={t('profile.orders')}>{p.rfm ? `${p.rfm.orderCount} · ¥${p.rfm.amount}` : '0'}</Descriptions.Item>
          <Descriptions.Item label={t('profile.lastOrder')}>{p.rfm?.lastOrderAt ? formatDate(p.rfm.lastOrderAt) : '-'}</Descriptions.Item>
          <Descriptions.Item label={t('profile.points')}>
            <span data-testid="profile-points">{p.membership.points}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('profile.level')}>
            {p.membership.levelName ? `Lv${p.membership.level} ${p.membership.levelName}` : '-'}
            {p.membership.nextLevel ? ` (${p.membership.growth}/${p.membership.nextLevel.minGrowth})` : ''}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={t('profile.notes')}>
        {can('customers.write') && (
          <Space.Compact style={{ width: '100%' }}>
            <Input value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('profile.notePlaceholder')} maxLength={5000} />
            <Button type="primary" onClick={() => void addNote()}>
              {t('profile.addNote')}
            </Button>
          </Space.Compact>
        )}
        {p.notes.map((n) => (
          <div key={n.id} style={{ marginTop: 8 }}>
            <Typography.Text type="secondary">{`${formatDate(n.createdAt)} ${n.authorName ?? ''}`}</Typography.Text>
            <div>{n.content}</div>
          </div>
        ))}
      </Card>
      <Card size="small" title={t('customer.follows', { n: p.follows.length })}>
        <FollowList follows={p.follows} />
      </Card>
      <Card size="small" title={t('profile.groups')}>
        {p.groups.length === 0 ? '-' : p.groups.map((g) => <Tag key={g.chatId}>{g.name || g.chatId}</Tag>)}
      </Card>
    </Flex>
  );
}

/** The full customer profile: everything known about one person, and the timeline of what they did. */
export function CustomerProfilePage({ id }: { id: string }) {
  const t = useT();
  const navigate = useNavigate();
  const { data, error, loading, reload } = useRequest((signal) => profilesApi.profile(id, signal), [id]);
  // The timeline mounts right after this page's own request went out (a child's effects run before its parent's), so
  // the profile is asked for first: on one database connection the answers come back in the order asked.
  const [profileAsked, setProfileAsked] = useState(false);
  useEffect(() => setProfileAsked(true), []);
  return (
    <Flex vertical gap={16} data-testid="customer-profile-page">
      <PageHeader
        title={data?.attributes.name || t('customers.profile')}
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/customers')}>
            {t('profile.back')}
          </Button>
        }
      />
      <LoadError error={error} onRetry={reload} />
      {/* The timeline (with its names) loads beside the profile from the first render, not after it: one round
          trip instead of two, and no wait for the overview's render before the timeline is asked for. */}
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          {data ? <Overview p={data} onChanged={reload} /> : loading && <Skeleton active />}
        </Col>
        <Col xs={24} lg={12}>
          {profileAsked && !error && <ProfileTimeline id={id} follows={data?.follows} onNews={reload} />}
        </Col>
      </Row>
    </Flex>
  );
}
