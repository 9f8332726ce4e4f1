// A plan's status and a run's result as coloured tags, in the user's language.
import type { GroupSopRunState, GroupSopStatus } from '@siyu/contracts';
import { Tag } from 'antd';
import { useT } from '../../i18n/use-t';

const STATUS_COLORS: Record<GroupSopStatus, string> = { active: 'green', paused: 'gold', archived: 'default' };
const STATE_COLORS: Record<GroupSopRunState, string> = {
  pending: 'blue',
  claimed: 'processing',
  created: 'gold',
  sent: 'green',
  not_delivered: 'orange',
  received_other: 'orange',
  refused: 'red',
  reminded: 'cyan',
  failed: 'red',
  missed: 'default',
};

export function PlanStatusTag({ status }: { status: GroupSopStatus }) {
  const t = useT();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="group-sop-status">
      {t(`groupSop.status.${status}`)}
    </Tag>
  );
}

export function RunStateTag({ state }: { state: GroupSopRunState }) {
  const t = useT();
  return (
    <Tag color={STATE_COLORS[state]} data-testid="group-sop-run-state">
      {t(`groupSop.state.${state}`)}
    </Tag>
  );
}
