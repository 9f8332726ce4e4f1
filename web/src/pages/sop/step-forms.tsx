// One form per step kind, in a table typed over every kind of the contracts: a kind missing here does not compile.
// Waits and branches have files of their own; the actions' forms are here: content to send (text and materials
// from the library), tags to add and remove, the stage to move to, points, a follow-up task, a webhook, the end.
import type { SopContent, SopStep, SopStepKind } from '@siyu/contracts';
import { Flex, Form, Input, InputNumber, Select, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../../i18n/use-t';
import { MaterialPicker } from '../materials/material-picker';
import { BranchForm } from './branch-form';
import type { FlowProblem } from './flow-problem';
import { useSopNames, withUnknown } from './sop-names';
import type { StepOf } from './step-defaults';
import { WaitForm } from './wait-form';

export type StepFormProps<K extends SopStepKind> = { step: StepOf<K>; onChange: (s: StepOf<K>) => void; steps: readonly SopStep[]; problem: FlowProblem | null };
type StepFormTable = { [K in SopStepKind]: (props: StepFormProps<K>) => ReactNode };

function ContentForm({ content, onChange, hint }: { content: SopContent; onChange: (c: SopContent) => void; hint: string }) {
  const t = useT();
  return (
    <Form layout="vertical">
      <Typography.Paragraph type="secondary">{hint}</Typography.Paragraph>
      <Form.Item label={t('sop.content.text')}>
        <Input.TextArea rows={3} maxLength={2000} showCount value={content.text} data-testid="sop-content-text" onChange={(e) => onChange({ ...content, text: e.target.value })} />
      </Form.Item>
      <Form.Item label={t('sop.content.materials')}>
        <MaterialPicker value={content.materialIds ?? []} max={9} testId="sop-content-materials"
          onChange={(ids) => onChange(ids.length ? { ...content, materialIds: ids } : { text: content.text })} />
      </Form.Item>
    </Form>
  );
}

function TagForm({ step, onChange }: StepFormProps<'tag'>) {
  const t = useT();
  const names = useSopNames();
  const unknown = (id: string) => t('rule.pick.unknown', { id });
  const picker = (key: 'add' | 'remove') => (
    <Form.Item label={t(`sop.tag.${key}`)}>
      <Select mode="multiple" allowClear showSearch optionFilterProp="label" style={{ width: '100%' }} data-testid={`sop-tag-${key}`}
        options={withUnknown(names.tagOptions, step[key], unknown)} value={step[key]} onChange={(ids: string[]) => onChange({ ...step, [key]: ids })} />
    </Form.Item>
  );
  return (
    <Form layout="vertical">
      {picker('add')}
      {picker('remove')}
    </Form>
  );
}

function StageForm({ step, onChange }: StepFormProps<'stage'>) {
  const t = useT();
  const names = useSopNames();
  const pipeline = names.pipelines.find((p) => p.id === step.pipelineId);
  const unknown = (id: string) => t('rule.pick.unknown', { id });
  return (
    <Flex gap={8} data-testid="sop-stage">
      <Select style={{ width: 200 }} placeholder={t('sop.stage.pipeline')} value={step.pipelineId || undefined}
        options={withUnknown(names.pipelines.map((p) => ({ value: p.id, label: p.name })), [step.pipelineId], unknown)}
        onChange={(pipelineId: string) => onChange({ ...step, pipelineId, stageId: '' })} />
      <Select style={{ width: 200 }} placeholder={t('sop.stage.stage')} disabled={!step.pipelineId} value={step.stageId || undefined}
        options={withUnknown((pipeline?.stages ?? []).map((s) => ({ value: s.id, label: s.name })), [step.stageId], unknown)}
        onChange={(stageId: string) => onChange({ ...step, stageId })} />
    </Flex>
  );
}

function PointsForm({ step, onChange }: StepFormProps<'points'>) {
  const t = useT();
  return (
    <Flex gap={8}>
      <InputNumber min={1} max={100_000} value={step.delta} addonBefore={t('sop.points.delta')} onChange={(v) => onChange({ ...step, delta: v ?? 0 })} />
      <Input maxLength={64} value={step.reason} placeholder={t('sop.points.reason')} style={{ width: 240 }} onChange={(e) => onChange({ ...step, reason: e.target.value })} />
    </Flex>
  );
}

function TaskForm({ step, onChange }: StepFormProps<'task'>) {
  const t = useT();
  return (
    <Flex gap={8}>
      <Input maxLength={120} value={step.title} placeholder={t('sop.task.title')} style={{ width: 320 }} data-testid="sop-task-title" onChange={(e) => onChange({ ...step, title: e.target.value })} />
      <InputNumber min={0} max={365} value={step.dueDays} addonBefore={t('sop.task.due')} addonAfter={t('sop.entry.days')} onChange={(v) => onChange({ ...step, dueDays: v ?? 0 })} />
    </Flex>
  );
}

function WebhookForm({ step, onChange }: StepFormProps<'webhook'>) {
  const t = useT();
  return (
    <Form layout="vertical">
      <Form.Item label={t('sop.webhook.url')} extra={t('sop.webhook.help')}>
        <Input maxLength={500} value={step.url} onChange={(e) => onChange({ ...step, url: e.target.value })} />
      </Form.Item>
    </Form>
  );
}

export const STEP_FORMS: StepFormTable = {
  wait: ({ step, onChange, steps }) => <WaitForm step={step} onChange={onChange} steps={steps} />,
  branch: BranchForm,
  remind: function RemindForm({ step, onChange }) {
    const t = useT();
    return <ContentForm content={step.content} onChange={(content) => onChange({ ...step, content })} hint={t('sop.remind.hint')} />;
  },
  message: function MessageForm({ step, onChange }) {
    const t = useT();
    return <ContentForm content={step.content} onChange={(content) => onChange({ ...step, content })} hint={t('sop.message.hint')} />;
  },
  tag: TagForm,
  stage: StageForm,
  points: PointsForm,
  task: TaskForm,
  webhook: WebhookForm,
  end: function EndForm() {
    const t = useT();
    return <Typography.Text type="secondary">{t('sop.end.hint')}</Typography.Text>;
  },
};
