// The step each kind starts as when the operator adds it, one entry per kind of the contracts (a kind added there is
// a type error here until the editor knows it), and fresh step ids that no step of the flow uses yet.
import type { SopStep, SopStepKind } from '@siyu/contracts';

export type StepOf<K extends SopStepKind> = Extract<SopStep, { kind: K }>;

const DEFAULT_STEP: { [K in SopStepKind]: (id: string) => StepOf<K> } = {
  wait: (id) => ({ id, kind: 'wait', wait: { type: 'duration', minutes: 1440 } }),
  branch: (id) => ({ id, kind: 'branch', branches: [{ name: 'A', rule: { all: [] }, next: id }] }),
  remind: (id) => ({ id, kind: 'remind', content: { text: '' } }),
  message: (id) => ({ id, kind: 'message', content: { text: '' } }),
  tag: (id) => ({ id, kind: 'tag', add: [], remove: [] }),
  stage: (id) => ({ id, kind: 'stage', pipelineId: '', stageId: '' }),
  points: (id) => ({ id, kind: 'points', delta: 10, reason: '' }),
  task: (id) => ({ id, kind: 'task', title: '', dueDays: 1 }),
  webhook: (id) => ({ id, kind: 'webhook', url: 'https://' }),
  end: (id) => ({ id, kind: 'end' }),
};

export function defaultStep<K extends SopStepKind>(kind: K, id: string): StepOf<K> {
  return DEFAULT_STEP[kind](id);
}

/** `s1`, `s2`, … : the first that no step uses. */
export function newStepId(steps: readonly SopStep[]): string {
  const used = new Set(steps.map((s) => s.id));
  for (let n = steps.length + 1; ; n++) if (!used.has(`s${n}`)) return `s${n}`;
}

/** Applies a patch to a step; keys patched to undefined are dropped (the server refuses unknown keys). */
export function patchStep<S extends SopStep>(step: S, patch: Partial<S>): S {
  const next: S = { ...step, ...patch };
  const rec = next as Record<string, unknown>;
  for (const k of Object.keys(rec)) if (rec[k] === undefined) delete rec[k];
  return next;
}
