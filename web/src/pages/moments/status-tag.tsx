// A moment's status as a coloured tag.
import type { MomentStatus } from '@siyu/contracts';
import { Tag } from 'antd';
import { useT } from '../../i18n/use-t';

const COLOR: Record<MomentStatus, string> = { queued: 'default', creating: 'processing', created: 'green', failed: 'red', canceled: 'default' };

export function StatusTag({ status }: { status: MomentStatus }) {
  const t = useT();
  return (
    <Tag color={COLOR[status]} data-testid="moment-status">
      {t(`moments.status.${status}`)}
    </Tag>
  );
}
