// The editor's calendar preview: the next pushes of every push in the plan, in time order and Beijing time, computed
// by the same function the server uses to decide when a push is due.
import { upcomingGroupSopOccurrences } from '@siyu/contracts';
import { Card, Empty, List, Tag } from 'antd';
import { useMemo } from 'react';
import { useLocale, useT } from '../../i18n/use-t';
import type { PushDraft } from './push-form';
import { shanghaiTime } from './schedule-text';

const SHOWN = 10;

export function CalendarPreview({ pushes }: { pushes: PushDraft[] }) {
  const t = useT();
  const { locale } = useLocale();
  const items = useMemo(() => {
    const now = new Date();
    return pushes
      .flatMap((p, i) => upcomingGroupSopOccurrences(p.schedule, now, SHOWN).map((at) => ({ at, i, p })))
      .sort((a, b) => a.at.getTime() - b.at.getTime() || a.i - b.i)
      .slice(0, SHOWN);
  }, [pushes]);
  return (
    <Card size="small" title={t('groupSop.preview.title')} data-testid="group-sop-calendar">
      {items.length === 0 ? (
        <Empty description={t('groupSop.preview.empty')} />
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(x) => (
            <List.Item data-testid="group-sop-calendar-item">
              <span style={{ fontVariantNumeric: 'tabular-nums' }}>{shanghaiTime(x.at, locale)}</span>
              <Tag>{t('groupSop.editor.push', { n: x.i + 1 })}</Tag>
              <Tag color={x.p.action === 'group_message' ? 'blue' : 'cyan'}>{t(`groupSop.actionShort.${x.p.action}`)}</Tag>
              <span style={{ flex: 1, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{x.p.content.text}</span>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
