// How a step is named to the operator: "3. name", or "3. <kind>" when it has none; never its internal id.
import type { SopStep } from '@siyu/contracts';
import type { Translate } from '../../i18n/messages';

export function stepLabel(step: Pick<SopStep, 'kind' | 'name'>, index: number, t: Translate): string {
  return `${index + 1}. ${step.name?.trim() || t(`sop.kind.${step.kind}`)}`;
}

/** The label of the step with this id in `steps`, or null when no step has it. */
export function stepLabelById(steps: readonly SopStep[], id: string | null, t: Translate): string | null {
  if (id === null) return null;
  const i = steps.findIndex((s) => s.id === id);
  return i < 0 ? null : stepLabel(steps[i], i, t);
}
