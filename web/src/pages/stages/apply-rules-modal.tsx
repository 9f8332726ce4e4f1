import { useEffect } from 'react';
import { Alert, Flex, Modal, Progress, Typography } from 'antd';
import type { Pipeline } from '../../api/profiles';
import { useT } from '../../i18n/use-t';
import { runEnded, useStageRuleRun } from './use-stage-rule-run';

/** Follows one application of a pipeline's rules: a progress bar by stage, then the customers moved per stage. */
export function ApplyRulesModal({ pipeline, runId, onClose, onEnded }: { pipeline: Pipeline; runId: string; onClose: () => void; onEnded: () => void }) {
  const t = useT();
  const run = useStageRuleRun(runId);
  const ended = runEnded(run);
  useEffect(() => {
    if (ended) onEnded();
  }, [ended, onEnded]);
  const names = new Map(pipeline.stages.map((s) => [s.id, s.name]));
  const percent = run && run.total > 0 ? Math.round((run.done / run.total) * 100) : 0;
  return (
    <Modal open title={t('stages.applyRules')} onCancel={onClose} onOk={onClose} cancelButtonProps={{ style: { display: 'none' } }} okText={t('stages.close')}>
      <Flex vertical gap={8} data-testid="stages-apply-run">
        <Progress percent={run?.status === 'done' ? 100 : percent} status={run?.status === 'failed' ? 'exception' : ended ? 'success' : 'active'} />
        <Typography.Text data-testid="stages-apply-moved">{t('stages.applied', { n: run?.moved ?? 0 })}</Typography.Text>
        {run?.status === 'failed' && <Alert type="error" showIcon message={t('stages.applyFailed')} description={run.error} />}
        {ended && (
          <div data-testid="stages-apply-result">
            {run?.stages.map((r) => (
              <div key={r.stageId}>{t('stages.appliedStage', { stage: names.get(r.stageId) ?? r.stageId, n: r.moved })}</div>
            ))}
          </div>
        )}
      </Flex>
    </Modal>
  );
}
