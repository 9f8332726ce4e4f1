// When a customer leaves the flow early — the goal (an event such as an order, or a rule), or no longer meeting the
// entry condition — and the share held out to measure the flow's lift.
import type { Rule, SopExit, SopFlowInput } from '@siyu/contracts';
import { Button, Flex, Form, InputNumber, Switch } from 'antd';
import { useT } from '../../i18n/use-t';
import { RuleEditor } from '../segments/rule-editor';
import { EventFilterForm, EventPicker } from './event-filter-form';
import type { FlowProblem } from './flow-problem';
import { useSopNames } from './sop-names';

const EMPTY_RULE: Rule = { all: [] };

function setExit(exit: SopExit, p: Partial<SopExit>): SopExit {
  const next: SopExit = { ...exit, ...p };
  const rec = next as Record<string, unknown>;
  for (const k of Object.keys(rec)) if (rec[k] === undefined) delete rec[k];
  return next;
}

export function ExitForm({ draft, onChange, problem }: { draft: SopFlowInput; onChange: (patch: Partial<SopFlowInput>) => void; problem: FlowProblem | null }) {
  const t = useT();
  const names = useSopNames();
  const exit = draft.exit;
  const set = (p: Partial<SopExit>) => onChange({ exit: setExit(exit, p) });
  const here = problem?.area === 'exit';
  return (
    <Form layout="vertical" data-testid="sop-exit">
      <Form.Item label={t('sop.exit.goalEvent')} validateStatus={here && !problem?.rule ? 'error' : undefined} help={here && !problem?.rule ? problem?.message : undefined}>
        <Flex gap={8} wrap>
          <EventPicker allowClear value={exit.goalEvent} onChange={(goalEvent) => set({ goalEvent, goalFilter: undefined })} testId="sop-goal-event" />
          {exit.goalEvent && <EventFilterForm event={exit.goalEvent} filter={exit.goalFilter} onChange={(goalFilter) => set({ goalFilter })} />}
        </Flex>
      </Form.Item>
      <Form.Item label={t('sop.exit.goalRule')}>
        {exit.goalRule ? (
          <Flex vertical gap={4}>
            <RuleEditor rule={exit.goalRule} onChange={(goalRule) => set({ goalRule })} segments={names.segments} problem={here ? problem?.rule : null} />
            <Button size="small" type="link" style={{ alignSelf: 'flex-start' }} onClick={() => set({ goalRule: undefined })}>{t('sop.exit.removeGoalRule')}</Button>
          </Flex>
        ) : (
          <Button size="small" onClick={() => set({ goalRule: EMPTY_RULE })}>{t('sop.exit.addGoalRule')}</Button>
        )}
      </Form.Item>
      <Form.Item label={t('sop.exit.leaveWhenConditionFails')}>
        <Switch checked={exit.leaveWhenConditionFails} onChange={(leaveWhenConditionFails) => set({ leaveWhenConditionFails })} />
      </Form.Item>
      <Form.Item label={t('sop.holdout')} extra={t('sop.holdoutHelp')}>
        <InputNumber min={0} max={50} value={draft.holdoutPercent} addonAfter="%" onChange={(v) => onChange({ holdoutPercent: v ?? 0 })} data-testid="sop-holdout" />
      </Form.Item>
    </Form>
  );
}
