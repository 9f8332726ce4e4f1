// The one place that decides what text Siyu accepts from a person (console, API, public pages, signed hooks):
// no NUL, no lone UTF-16 surrogate, JSON bodies at most MAX_BODY_DEPTH deep — checked on the params, query and
// body of every route before its schema runs (400 invalid_text / nesting_too_deep) — and `Name()` for fields that
// are a name: trimmed of whitespace, BOM and zero-width characters, and not empty once trimmed (400
// invalid_request). Text that WeCom sends us is not checked here: it is not ours to refuse.
import { Type, type TString } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { DomainError } from './errors';

/** Deep enough for every real body (a segment rule of MAX_RULE_DEPTH groups is ~28), shallow enough for any validator. */
export const MAX_BODY_DEPTH = 40;

/** Characters that are blank to a reader: whitespace (JS `\s` includes the BOM), zero-width space/joiners, word joiner. */
const BLANK = '\\s\\u180E\\u200B-\\u200D\\u2060';
const EDGES = new RegExp(`^[${BLANK}]+|[${BLANK}]+$`, 'gu');

export type TextProblem = { code: 'invalid_text' | 'nesting_too_deep'; path: string };

/** Trims what a reader cannot see from both ends of a name. */
export function trimName(value: string): string {
  return value.replace(EDGES, '');
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function badString(value: string): boolean {
  return value.includes('\u0000') || LONE_SURROGATE.test(value);
}

/** The first NUL, lone surrogate (in a value or a key) or over-deep nesting in a parsed value; null when it is clean. */
export function findTextProblem(value: unknown, maxDepth = MAX_BODY_DEPTH): TextProblem | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (typeof item.value === 'string') {
      if (badString(item.value)) return { code: 'invalid_text', path: item.path || '/' };
      continue;
    }
    if (typeof item.value !== 'object' || item.value === null || Buffer.isBuffer(item.value)) continue;
    if (item.depth >= maxDepth) return { code: 'nesting_too_deep', path: item.path || '/' };
    for (const [key, child] of Object.entries(item.value)) {
      if (badString(key)) return { code: 'invalid_text', path: item.path || '/' };
      stack.push({ value: child, path: `${item.path}/${key}`, depth: item.depth + 1 });
    }
  }
  return null;
}

/**
 * A name typed by a person (tag, group, code, segment…): `Type.String` that is trimmed by the validator
 * (`x-trim`, see validation.ts) and must contain a visible character, so " ", "\uFEFF" or "\u200B" is a 400.
 */
export function Name(options: { maxLength?: number; description?: string } = {}): TString {
  return Type.String({
    minLength: 1,
    maxLength: options.maxLength ?? 100,
    pattern: `[^${BLANK}]`,
    'x-trim': true,
    ...(options.description ? { description: options.description } : {}),
  });
}

// Raw bodies (the WeCom callback's XML, uploaded spreadsheets) are strings or buffers: their readers judge them.
export function registerTextChecks(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    const parts = { params: request.params, querystring: request.query, body: typeof request.body === 'object' ? request.body : null };
    for (const [part, value] of Object.entries(parts)) {
      const problem = findTextProblem(value);
      // statusCode too: scopes with their own error handler (the WeCom callback) answer it as a 400.
      if (problem) throw Object.assign(new DomainError(problem.code, `${part}${problem.path}`), { statusCode: 400 });
    }
  });
}
