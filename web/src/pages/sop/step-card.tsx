// One step of the flow as a card: its number, kind and name, its kind's form, where it goes next (by step name),
// move up / down / remove, and the server's message when it refused the flow at this step.
import type { SopStep, SopStepKind } from '@siyu/contracts';
import { Alert, Button, Card, Flex, Input, Space, Tag } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useT } from '../../i18n/use-t';
import type { FlowProblem } from './flow-problem';
import { patchStep } from './step-defaults';
import { STEP_FORMS } from './step-forms';
import { StepPicker } from './step-picker';

const KIND_COLORS: Record<SopStepKind, string> = {
  wait: 'blue',
  branch: 'purple',
  remind: 'gold',
  message: 'green',
  tag: 'cyan',
  stage: 'geekblue',
  points: 'magenta',
  task: 'orange',
  webhook: 'volcano',
  end: 'default',
};

function StepForm({ step, onChange, steps, problem }: { step: SopStep; onChange: (s: SopStep) => void; steps: readonly SopStep[]; problem: FlowProblem | null }) {
  // The table is typed kind by kind; here the kind is known only at run time.
  const Form = STEP_FORMS[step.kind] as unknown as (p: { step: SopStep; onChange: (s: SopStep) => void; steps: readonly SopStep[]; problem: FlowProblem | null }) => ReactNode;
  return <Form step={step} onChange={onChange} steps={steps} problem={problem} />;
}

export function StepCard({
  step,
  index,
  steps,
  onChange,
  onRemove,
  onMove,
  problem,
}: {
  step: SopStep;
  index: number;
  steps: readonly SopStep[];
  onChange: (s: SopStep) => void;
  onRemove: () => void;
  onMove: (delta: -1 | 1) => void;
  problem: FlowProblem | null;
}) {
  const t = useT();
  const mine = problem?.stepId === step.id ? problem : null;
  return (
    <Card
      size="small"
      data-testid={`sop-step-${index}`}
      style={mine ? { borderColor: '#ff4d4f' } : undefined}
      title={
        <Flex gap={8} align="center">
          <span>{index + 1}.</span>
          <Tag color={KIND_COLORS[step.kind]}>{t(`sop.kind.${step.kind}`)}</Tag>
          <Input size="small" value={step.name ?? ''} maxLength={64} placeholder={t('sop.step.name')} style={{ width: 240 }} data-testid="sop-step-name"
            onChange={(e) => onChange(patchStep(step, { name: e.target.value || undefined }))} />
        </Flex>
      }
      extra={
        <Space size={0}>
          <Button size="small" type="text" icon={<ArrowUpOutlined />} disabled={index === 0} onClick={() => onMove(-1)} aria-label={t('sop.step.up')} />
          <Button size="small" type="text" icon={<ArrowDownOutlined />} disabled={index === steps.length - 1} onClick={() => onMove(1)} aria-label={t('sop.step.down')} />
          <Button size="small" type="text" danger icon={<DeleteOutlined />} disabled={steps.length === 1} onClick={onRemove} aria-label={t('sop.step.remove')} data-testid="sop-step-remove" />
        </Space>
      }
    >
      <Flex vertical gap={8}>
        {mine && <Alert type="error" showIcon message={mine.message} data-testid="sop-step-problem" />}
        <StepForm step={step} onChange={onChange} steps={steps} problem={mine} />
        {step.kind !== 'end' && step.kind !== 'branch' && (
          <Flex gap={8} align="center">
            <span>{t(step.kind === 'wait' && step.wait.type === 'event' ? 'sop.step.thenOnEvent' : 'sop.step.then')}</span>
            <StepPicker steps={steps} exclude={step.id} value={step.next} emptyLabel={t('sop.step.nextInList')} onChange={(next) => onChange(patchStep(step, { next }))} testId="sop-step-next" />
          </Flex>
        )}
      </Flex>
    </Card>
  );
}
