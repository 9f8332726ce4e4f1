// Where a rule the server refused went wrong: its 400 invalid_rule carries "<JSON path>: <reason>" as the detail.
import { ApiError } from '../../api/client';

export type RuleProblem = { path: string; reason: string };

export function ruleProblemOf(err: unknown): RuleProblem | null {
  if (!(err instanceof ApiError) || err.code !== 'invalid_rule' || !err.detail) return null;
  const m = /^(\/\S*): ([\s\S]+)$/.exec(err.detail);
  if (!m) return null;
  return { path: m[1] === '/' ? '' : m[1], reason: m[2] };
}

/** Whether the problem is at `path` or below it. */
export function problemWithin(problem: RuleProblem | null | undefined, path: string): boolean {
  return !!problem && (problem.path === path || problem.path.startsWith(`${path}/`));
}
