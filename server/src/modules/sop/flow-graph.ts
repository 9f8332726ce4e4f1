// A flow's steps as a graph: where each step leads, and the checks that make a flow safe to run (every target
// exists, ids are unique, and no loop runs without a wait — a loop of instant steps would never stop).
import type { SopStep } from '@siyu/contracts';

export const END = 'end';

/** The step after `step` when it does not branch: its `next`, else the following one in the list (null: done). */
export function nextOf(steps: readonly SopStep[], stepId: string): string | null {
  const i = steps.findIndex((s) => s.id === stepId);
  if (i < 0) return null;
  const explicit = steps[i].next;
  if (explicit) return explicit === END ? null : explicit;
  return steps[i + 1]?.id ?? null;
}

/** Every step a step can lead to. */
export function targetsOf(steps: readonly SopStep[], step: SopStep): string[] {
  const out = new Set<string>();
  const n = nextOf(steps, step.id);
  if (step.kind === 'branch') {
    for (const b of step.branches) out.add(b.next);
    out.add(step.otherwise ?? n ?? END);
  } else if (step.kind !== 'end' && n) out.add(n);
  if (step.kind === 'wait' && step.wait.type === 'event' && step.wait.timeoutNext) out.add(step.wait.timeoutNext);
  out.delete(END);
  return [...out];
}

/** The first problem of a flow's steps, in words naming the step; null when it can run. */
export function stepsProblem(steps: readonly SopStep[]): string | null {
  const ids = new Set<string>();
  for (const s of steps) {
    if (s.id === END) return `step id "${END}" is reserved`;
    if (ids.has(s.id)) return `two steps have the id "${s.id}"`;
    ids.add(s.id);
  }
  for (const s of steps) {
    const named = [s.next, ...(s.kind === 'branch' ? [...s.branches.map((b) => b.next), s.otherwise] : []), ...(s.kind === 'wait' && s.wait.type === 'event' ? [s.wait.timeoutNext] : [])];
    const missing = named.find((t) => t && t !== END && !ids.has(t));
    if (missing) return `step "${s.name ?? s.id}" leads to "${missing}", which is not a step`;
    if (s.kind === 'tag' && s.add.length === 0 && s.remove.length === 0) return `step "${s.name ?? s.id}" adds and removes no tag`;
  }
  // A cycle through instant steps only (no wait on it) would run forever in one sweep.
  const instant = new Map(steps.filter((s) => s.kind !== 'wait').map((s) => [s.id, targetsOf(steps, s).filter((t) => steps.find((x) => x.id === t)?.kind !== 'wait')]));
  const state = new Map<string, 'open' | 'done'>();
  const visit = (id: string): string | null => {
    if (state.get(id) === 'done') return null;
    if (state.get(id) === 'open') return id;
    state.set(id, 'open');
    for (const t of instant.get(id) ?? []) {
      const loop = visit(t);
      if (loop) return loop;
    }
    state.set(id, 'done');
    return null;
  };
  for (const id of instant.keys()) {
    const loop = visit(id);
    if (loop) return `step "${steps.find((s) => s.id === loop)?.name ?? loop}" is on a loop without a wait`;
  }
  return null;
}
