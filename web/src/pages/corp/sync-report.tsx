// A sync run's report as a readable table in the operator's language: what changed in Siyu (新增客户 300, …), what
// was read from WeCom, the features WeCom refused (with its error code) and interruptions; a figure the console has
// no name for shows under its recorded key rather than being hidden.
import { Flex, Table, Typography } from 'antd';
import type { MessageKey } from '../../i18n/messages';
import { useT } from '../../i18n/use-t';

const CHANGE_KEYS: Record<string, MessageKey> = {
  departments: 'sync.count.departments',
  staffInserted: 'sync.count.staffInserted',
  staffUpdated: 'sync.count.staffUpdated',
  staffResigned: 'sync.count.staffResigned',
  tagGroupsInserted: 'sync.count.tagGroupsInserted',
  tagGroupsUpdated: 'sync.count.tagGroupsUpdated',
  tagGroupsDeleted: 'sync.count.tagGroupsDeleted',
  tagsInserted: 'sync.count.tagsInserted',
  tagsUpdated: 'sync.count.tagsUpdated',
  tagsDeleted: 'sync.count.tagsDeleted',
  followsStripped: 'sync.count.followsStripped',
  customersInserted: 'sync.count.customersInserted',
  customersUpdated: 'sync.count.customersUpdated',
  followsInserted: 'sync.count.followsInserted',
  followsUpdated: 'sync.count.followsUpdated',
  followsDeleted: 'sync.count.followsDeleted',
  groupsInserted: 'sync.count.groupsInserted',
  groupsUpdated: 'sync.count.groupsUpdated',
  groupsDismissed: 'sync.count.groupsDismissed',
  groupMembersAdded: 'sync.count.groupMembersAdded',
  groupMembersUpdated: 'sync.count.groupMembersUpdated',
  groupMembersRemoved: 'sync.count.groupMembersRemoved',
};

const SEEN_KEYS: Record<string, MessageKey> = {
  departments: 'sync.seen.departments',
  staff: 'sync.seen.staff',
  tags: 'sync.seen.tags',
  follows: 'sync.seen.follows',
  groups: 'sync.seen.groups',
  groupMembers: 'sync.seen.groupMembers',
};

type Line = { key: string; label: string; value: number };
type Warning = { feature?: string; errcode?: number; api?: string; message?: string };
type Interruption = { at?: string; phase?: string; error?: string };

const numbers = (v: unknown): Record<string, number> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).filter((e): e is [string, number] => typeof e[1] === 'number')) : {};

export function SyncReport({ report }: { report: Record<string, unknown> }) {
  const t = useT();
  const lines = (group: 'count' | 'seen', figures: Record<string, number>, names: Record<string, MessageKey>): Line[] =>
    Object.entries(figures).map(([k, value]) => ({ key: `${group}.${k}`, label: names[k] ? t(names[k]) : k, value }));
  const changes = lines('count', numbers(report.counts), CHANGE_KEYS);
  const seen = lines('seen', numbers(report.seen), SEEN_KEYS);
  const warnings = Array.isArray(report.warnings) ? (report.warnings as Warning[]) : [];
  const interruptions = Array.isArray(report.interruptions) ? (report.interruptions as Interruption[]) : [];
  if (!changes.length && !seen.length && !warnings.length && !interruptions.length) return null;
  const table = (title: string, rows: Line[], testId: string) =>
    rows.length > 0 && (
      <Table<Line>
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={rows}
        data-testid={testId}
        title={() => <Typography.Text strong>{title}</Typography.Text>}
        columns={[
          { title: t('sync.col.item'), dataIndex: 'label' },
          { title: t('sync.col.count'), dataIndex: 'value', align: 'right', width: 100 },
        ]}
      />
    );
  return (
    <Flex vertical gap={8} style={{ fontSize: 12 }} data-testid="sync-report">
      <Flex gap={16} wrap align="start">
        <div style={{ flex: '1 1 260px' }}>{table(t('sync.changes'), changes, 'sync-report-changes')}</div>
        <div style={{ flex: '1 1 260px' }}>{table(t('sync.seen'), seen, 'sync-report-seen')}</div>
      </Flex>
      {warnings.map((w, i) => (
        <Typography.Text key={`w${i}`} type="warning">
          {t('sync.warning', { feature: w.feature ?? w.api ?? '', errcode: w.errcode ?? '', message: w.message ?? '' })}
        </Typography.Text>
      ))}
      {interruptions.map((x, i) => (
        <Typography.Text key={`i${i}`} type="secondary">
          {t('sync.interrupted', { phase: x.phase ?? '', error: x.error ?? '' })}
        </Typography.Text>
      ))}
    </Flex>
  );
}
