// The flow's steps as a vertical line of cards with "add step" between them (and after the last). Removing a step
// that others lead to points them at the step that took its place; a new branch leads to the step after it.
import { SOP_STEP_KINDS, type SopStep, type SopStepKind } from '@siyu/contracts';
import { Flex, Select } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useT } from '../../i18n/use-t';
import type { FlowProblem } from './flow-problem';
import { defaultStep, newStepId } from './step-defaults';
import { StepCard } from './step-card';

function AddStep({ at, onAdd }: { at: number; onAdd: (kind: SopStepKind) => void }) {
  const t = useT();
  return (
    <Flex justify="center" style={{ borderLeft: '2px solid #d9d9d9', marginLeft: 24, padding: '8px 0' }}>
      <Select
        size="small"
        value={null}
        placeholder={<><PlusOutlined /> {t('sop.step.add')}</>}
        options={SOP_STEP_KINDS.map((k) => ({ value: k, label: t(`sop.kind.${k}`) }))}
        onChange={(kind: SopStepKind) => onAdd(kind)}
        style={{ width: 160 }}
        virtual={false}
        data-testid={`sop-add-step-${at}`}
      />
    </Flex>
  );
}

/** Points every reference to `from` at `to` (or drops it, when `to` is undefined: the next step in the list). */
function retarget(steps: SopStep[], from: string, to: string | undefined): SopStep[] {
  return steps.map((s) => {
    let next: SopStep = s.next === from ? { ...s, next: to } : s;
    if (next.kind === 'branch') {
      const fallback = to ?? steps.find((x) => x.id !== from && x.id !== s.id)?.id ?? s.id;
      next = { ...next, branches: next.branches.map((b) => (b.next === from ? { ...b, next: fallback } : b)), otherwise: next.otherwise === from ? to : next.otherwise };
    }
    if (next.kind === 'wait' && next.wait.type === 'event' && next.wait.timeoutNext === from) next = { ...next, wait: { ...next.wait, timeoutNext: to } };
    return next;
  });
}

export function StepList({ steps, onChange, problem }: { steps: SopStep[]; onChange: (steps: SopStep[]) => void; problem: FlowProblem | null }) {
  const add = (at: number, kind: SopStepKind) => {
    const id = newStepId(steps);
    const next = [...steps];
    if (kind === 'branch') {
      // A branch needs somewhere to go: the step after it, or a new end.
      let after = steps[at]?.id;
      if (!after) {
        after = newStepId([...steps, { id, kind: 'end' }]);
        next.splice(at, 0, { id: after, kind: 'end' });
      }
      const branch = defaultStep('branch', id);
      next.splice(at, 0, { ...branch, branches: branch.branches.map((b) => ({ ...b, next: after })) });
    } else {
      next.splice(at, 0, defaultStep(kind, id));
    }
    onChange(next);
  };
  const remove = (i: number) => {
    const gone = steps[i];
    const rest = steps.filter((_, j) => j !== i);
    onChange(retarget(rest, gone.id, steps[i + 1]?.id));
  };
  const move = (i: number, delta: -1 | 1) => {
    const next = [...steps];
    [next[i], next[i + delta]] = [next[i + delta], next[i]];
    onChange(next);
  };
  return (
    <Flex vertical data-testid="sop-steps">
      <AddStep at={0} onAdd={(k) => add(0, k)} />
      {steps.map((s, i) => (
        <Flex vertical key={s.id}>
          <StepCard step={s} index={i} steps={steps} problem={problem}
            onChange={(changed) => onChange(steps.map((x, j) => (j === i ? changed : x)))}
            onRemove={() => remove(i)} onMove={(d) => move(i, d)} />
          <AddStep at={i + 1} onAdd={(k) => add(i + 1, k)} />
        </Flex>
      ))}
    </Flex>
  );
}
