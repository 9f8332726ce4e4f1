// Where a flow the server refused went wrong, so the editor shows the message at that step (or at the entry, the
// condition or the exit). The 400's detail names a place: a JSON path into the flow ("/steps/2/branches/0/rule/all/1:
// unknown tag", or the validator's "body/steps/2/wait/minutes must be >= 1"), or a step by its name or id in quotes
// ('step "day3_check" is on a loop without a wait').
import type { SopStep } from '@siyu/contracts';
import { ApiError } from '../../api/client';
import type { RuleProblem } from '../segments/rule-problem';

export type FlowProblem = {
  message: string;
  /** The step the problem is at, when the server named one. */
  stepId: string | null;
  /** Where in the flow outside the steps, when not at a step. */
  area: 'entry' | 'condition' | 'exit' | null;
  /** A problem inside a rule (a branch's, the condition, the goal rule), for the rule editor to show at its leaf. */
  branch: number | null;
  rule: RuleProblem | null;
};

function ruleProblem(rest: string | undefined, reason: string): RuleProblem | null {
  return rest === undefined ? null : { path: rest, reason };
}

export function flowProblemOf(err: unknown, steps: readonly SopStep[]): FlowProblem | null {
  if (!(err instanceof ApiError) || err.status !== 400) return null;
  const detail = err.detail ?? '';
  const sep = /^(\S+?):? (.+)$/s.exec(detail);
  const reason = sep && sep[1].includes('/') ? sep[2] : detail;
  const message = reason ? `${err.message}：${reason}` : err.message;
  const base: FlowProblem = { message, stepId: null, area: null, branch: null, rule: null };
  const at = /\/steps\/(\d+)(?:\/branches\/(\d+)(?:\/rule(\/\S*)?)?)?/.exec(detail);
  if (at) {
    const step = steps[Number(at[1])];
    const branch = at[2] === undefined ? null : Number(at[2]);
    return { ...base, stepId: step?.id ?? null, branch, rule: branch === null ? null : ruleProblem(at[3] ?? '', reason) };
  }
  const cond = /\/condition(\/\S*)?/.exec(detail);
  if (cond) return { ...base, area: 'condition', rule: ruleProblem(cond[1] ?? '', reason) };
  const goal = /\/exit\/goalRule(\/\S*)?/.exec(detail);
  if (goal) return { ...base, area: 'exit', rule: ruleProblem(goal[1] ?? '', reason) };
  if (/\/exit\b/.test(detail)) return { ...base, area: 'exit' };
  if (/\/entry\b/.test(detail)) return { ...base, area: 'entry' };
  // A step named in quotes by its name or id ('step "第 1 天：自我介绍" has no text'), else the first id mentioned.
  for (const [, quoted] of detail.matchAll(/"([^"]+)"/g)) {
    const step = steps.find((s) => s.id === quoted) ?? steps.find((s) => s.name === quoted);
    if (step) return { ...base, stepId: step.id };
  }
  let first: { id: string; pos: number } | null = null;
  for (const s of steps) {
    const pos = detail.search(new RegExp(`(^|[^A-Za-z0-9_-])${s.id.replace(/[-]/g, '\\-')}($|[^A-Za-z0-9_-])`));
    if (pos >= 0 && (!first || pos < first.pos)) first = { id: s.id, pos };
  }
  return { ...base, stepId: first?.id ?? null };
}
