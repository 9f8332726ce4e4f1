import { Typography } from 'antd';
import { profilesApi } from '../../api/profiles';
import { useRequest } from '../../api/use-request';
import { useT } from '../../i18n/use-t';
import { useFormatDate } from '../../i18n/use-format-date';

/** When the pipeline's rules were last applied to everyone (by hand or by the schedule), and how many moved. */
export function LastRuleRun({ pipelineId, version }: { pipelineId: string; version: string }) {
  const t = useT();
  const fmt = useFormatDate();
  const { data } = useRequest((signal) => profilesApi.ruleRuns(pipelineId, signal), [pipelineId, version]);
  const last = data?.items.find((r) => r.status === 'done' || r.status === 'failed');
  if (!last) return null;
  return (
    <Typography.Text type={last.status === 'failed' ? 'danger' : 'secondary'} data-testid="stages-last-run">
      {t(last.status === 'failed' ? 'stages.lastRunFailed' : 'stages.lastRun', {
        at: fmt(last.finishedAt ?? last.createdAt),
        by: t(last.trigger === 'schedule' ? 'stages.bySchedule' : 'stages.byHand'),
        n: last.moved,
      })}
    </Typography.Text>
  );
}
