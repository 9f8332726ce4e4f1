// A broadcast's status as a coloured tag, in the user's language.
import type { BroadcastStatus } from '@siyu/contracts';
import { Tag } from 'antd';
import { useT } from '../../i18n/use-t';

const COLORS: Record<BroadcastStatus, string> = {
  scheduled: 'blue',
  sending: 'processing',
  sent: 'gold',
  completed: 'green',
  cancelled: 'default',
  failed: 'red',
};

export function BroadcastStatusTag({ status }: { status: BroadcastStatus }) {
  const t = useT();
  return (
    <Tag color={COLORS[status]} data-testid="broadcast-status">
      {t(`broadcasts.status.${status}`)}
    </Tag>
  );
}

export const percent = (x: number) => `${(x * 100).toFixed(1)}%`;
