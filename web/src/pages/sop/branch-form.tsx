// A branch step's form: up to five branches, each a name, a rule (the segment rule editor) and the step it leads to
// (picked by step name), checked in order; and where a customer who matches none goes.
import type { SopStep } from '@siyu/contracts';
import { Button, Card, Flex, Form, Input } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useT } from '../../i18n/use-t';
import { RuleEditor } from '../segments/rule-editor';
import type { FlowProblem } from './flow-problem';
import { patchStep, type StepOf } from './step-defaults';
import { StepPicker } from './step-picker';
import { useSopNames } from './sop-names';

type Branch = StepOf<'branch'>['branches'][number];

export function BranchForm({ step, onChange, steps, problem }: { step: StepOf<'branch'>; onChange: (s: StepOf<'branch'>) => void; steps: readonly SopStep[]; problem: FlowProblem | null }) {
  const t = useT();
  const names = useSopNames();
  const setBranch = (i: number, patch: Partial<Branch>) => onChange({ ...step, branches: step.branches.map((b, j) => (j === i ? { ...b, ...patch } : b)) });
  const fallback = steps.find((s) => s.id !== step.id)?.id ?? step.id;
  return (
    <Flex vertical gap={8} data-testid="sop-branches">
      {step.branches.map((b, i) => (
        <Card key={i} size="small" data-testid={`sop-branch-${i}`}
          title={<Input value={b.name} maxLength={64} style={{ width: 220 }} placeholder={t('sop.branch.name')} onChange={(e) => setBranch(i, { name: e.target.value })} data-testid="sop-branch-name" />}
          extra={step.branches.length > 1 && (
            <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('sop.branch.remove')}
              onClick={() => onChange({ ...step, branches: step.branches.filter((_, j) => j !== i) })} />
          )}>
          <Flex vertical gap={8}>
            <RuleEditor rule={b.rule} onChange={(rule) => setBranch(i, { rule })} segments={names.segments} problem={problem?.branch === i ? problem.rule : null} />
            <Flex gap={8} align="center">
              <span>{t('sop.branch.goTo')}</span>
              <StepPicker steps={steps} exclude={step.id} value={b.next} onChange={(next) => next && setBranch(i, { next })} testId="sop-branch-next" />
            </Flex>
          </Flex>
        </Card>
      ))}
      {step.branches.length < 5 && (
        <Button size="small" icon={<PlusOutlined />} style={{ alignSelf: 'flex-start' }} data-testid="sop-branch-add"
          onClick={() => onChange({ ...step, branches: [...step.branches, { name: String.fromCharCode(65 + step.branches.length), rule: { all: [] }, next: fallback }] })}>
          {t('sop.branch.add')}
        </Button>
      )}
      <Form.Item label={t('sop.branch.otherwise')} style={{ marginBottom: 0 }}>
        <StepPicker steps={steps} exclude={step.id} value={step.otherwise} emptyLabel={t('sop.step.nextInList')} onChange={(otherwise) => onChange(patchStep(step, { otherwise }))} />
      </Form.Item>
    </Flex>
  );
}
