// Results per push occurrence and group: when, which group and owner (names), how, WeCom's result and why not.
import type { GroupSopRun } from '@siyu/contracts';
import { Table, Tag } from 'antd';
import { useLocale, useT } from '../../i18n/use-t';
import { RunStateTag } from './plan-status';
import { shanghaiTime } from './schedule-text';

export function RunTable({ runs, loading }: { runs: GroupSopRun[]; loading: boolean }) {
  const t = useT();
  const { locale } = useLocale();
  return (
    <Table<GroupSopRun>
      size="small"
      data-testid="group-sop-runs"
      rowKey={(r) => `${r.pushId}|${r.occurrenceAt}|${r.chatId}`}
      loading={loading}
      dataSource={runs}
      pagination={{ pageSize: 50 }}
      columns={[
        { key: 'at', title: t('groupSop.run.occurrence'), render: (_: unknown, r) => shanghaiTime(r.occurrenceAt, locale) },
        { key: 'group', title: t('groupSop.run.group'), dataIndex: 'groupName' },
        { key: 'owner', title: t('groupSop.run.owner'), dataIndex: 'ownerName' },
        { key: 'action', title: t('groupSop.run.action'), render: (_: unknown, r) => <Tag>{t(`groupSop.actionShort.${r.action}`)}</Tag> },
        { key: 'state', title: t('groupSop.run.state'), render: (_: unknown, r) => <RunStateTag state={r.state} /> },
        { key: 'sentAt', title: t('groupSop.run.sentAt'), render: (_: unknown, r) => (r.sentAt ? shanghaiTime(r.sentAt, locale) : '-') },
        { key: 'error', title: t('groupSop.run.error'), render: (_: unknown, r) => r.error ?? '' },
      ]}
    />
  );
}
