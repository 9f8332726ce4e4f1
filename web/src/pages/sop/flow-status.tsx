// A flow's status (and an enrollment's) as a coloured tag, in the user's language.
import type { SopEnrollmentStatus, SopFlowStatus } from '@siyu/contracts';
import { Tag } from 'antd';
import { useT } from '../../i18n/use-t';

const FLOW_COLORS: Record<SopFlowStatus, string> = { draft: 'default', active: 'green', paused: 'orange', archived: 'default' };
const ENROLLMENT_COLORS: Record<SopEnrollmentStatus, string> = {
  active: 'processing',
  done: 'green',
  goal: 'gold',
  exited: 'default',
  removed: 'red',
  held_out: 'purple',
};

export function FlowStatusTag({ status }: { status: SopFlowStatus }) {
  const t = useT();
  return (
    <Tag color={FLOW_COLORS[status]} data-testid="sop-flow-status">
      {t(`sop.status.${status}`)}
    </Tag>
  );
}

export function EnrollmentStatusTag({ status }: { status: SopEnrollmentStatus }) {
  const t = useT();
  return <Tag color={ENROLLMENT_COLORS[status]}>{t(`sop.enrollment.${status}`)}</Tag>;
}
