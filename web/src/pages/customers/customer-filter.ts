import type { Rule } from '../../api/segments';

/**
 * The list's filter as one rule: the search box (part of the name or phone, A–Z in any case, or the exact
 * external_userid) and the optional rule filter.
 */
export function listFilter(q: string, rule: Rule | null): Rule {
  const parts: Rule[] = [];
  const text = q.trim();
  if (text) {
    parts.push({
      any: [
        { kind: 'attribute', field: 'name', op: 'contains', value: text },
        { kind: 'attribute', field: 'phone', op: 'contains', value: text },
        { kind: 'attribute', field: 'external_userid', op: 'eq', value: text },
      ],
    });
  }
  if (rule) parts.push(rule);
  return { all: parts };
}
