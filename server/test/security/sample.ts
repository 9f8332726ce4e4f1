// A valid body for an OpenAPI schema, aimed at a seeded corp: enums, $refs and the API's patterns are honoured and
// fields that name a record (tagIds, staffUserids, channelId, …) get that corp's real ids, so a mutated body reaches
// the service and the database instead of stopping at the schema.
import type { JsonSchema } from './routes';
import type { SeededCorp } from './world';

const PATTERNS: Array<[string, string]> = [
  ['^[a-z][a-z0-9_]*$', 'sec_field'],
  ['^#[0-9a-fA-F]{6}$', '#ffe7ba'],
  ['^([01][0-9]|2[0-3]):[0-5][0-9]$', '09:30'],
  ['^https?://', 'https://example.com/x'],
  ['^(https?://.+)?$', 'https://example.com'],
  ['^[0-9]*$', '1000002'],
  ['^([A-Za-z0-9+/]{43})?$', 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG'],
];

const FIELD_KINDS: Array<[RegExp, string]> = [
  [/^(tagIds|add|remove|tagId)$/, 'tag'],
  [/(staffUserids|backupUserids|userids|userid|staffUserid|ownerUserid)$/i, 'staffUserid'],
  [/^channelId$/, 'channel'],
  [/^groupCodeId$/, 'groupCode'],
  [/^stageIds?$/, 'stage'],
  [/^pipelineId$/, 'pipeline'],
  [/^(externalUserid|externalUserids)$/, 'externalUserid'],
  [/^chatIds?$/, 'chatId'],
  [/^(customerIds?|ids)$/, 'customer'],
  [/^segmentIds?$/, 'segment'],
  [/^groupId$/, 'channelGroup'],
  [/^batchId$/, 'leadBatch'],
  [/^campaignId$/, 'campaign'],
  [/^(storeCodeId)$/, 'storeCode'],
  [/^(storeId)$/, 'store'],
  [/^(noteId)$/, 'note'],
  [/^(fieldId)$/, 'customField'],
  [/^(corpId)$/, 'corpId'],
];

export type Resolve = (s: JsonSchema) => JsonSchema;

export function realId(field: string, corp: SeededCorp): string | undefined {
  for (const [re, kind] of FIELD_KINDS) if (re.test(field)) return kind === 'corpId' ? corp.corpId : corp.ids[kind]?.[0];
  return undefined;
}

export function sampleBody(schema: JsonSchema, resolve: Resolve, corp: SeededCorp, field = '', depth = 0): unknown {
  const s = resolve(schema);
  if (depth > 8) return null;
  if (s.const !== undefined) return s.const;
  if (s.enum && s.enum.length) return s.enum.find((v) => v !== null) ?? s.enum[0];
  const alt = s.anyOf ?? s.oneOf;
  if (alt) return sampleBody(alt.find((x) => !resolve(x).enum?.includes(null)) ?? alt[0], resolve, corp, field, depth + 1);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  if (field === 'rule' && !type) return { kind: 'owner', staffUserids: ['staff_a'] };
  switch (type) {
    case 'string': {
      const id = realId(field, corp);
      if (id) return id;
      if (s.format === 'email') return `sec-${field || 'x'}@example.com`;
      if (s.format === 'uuid') return corp.ids.customer?.[0] ?? '00000000-0000-4000-8000-000000000000';
      if (s.format === 'date-time') return new Date(Date.now() + 3_600_000).toISOString();
      if (s.format === 'date') return '2026-01-01';
      const p = s.pattern && PATTERNS.find(([k]) => k === s.pattern);
      if (p) return p[1];
      return 'sec'.padEnd(Math.max(s.minLength ?? 1, 3), 'x').slice(0, Math.max(s.maxLength ?? 40, s.minLength ?? 1));
    }
    case 'integer':
    case 'number':
      return s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
    case 'boolean':
      return false;
    case 'null':
      return null;
    case 'array': {
      const id = realId(field, corp);
      const n = Math.max(s.minItems ?? 0, id ? 1 : 0);
      return Array.from({ length: n }, () => id ?? sampleBody(s.items ?? {}, resolve, corp, field.replace(/s$/, ''), depth + 1));
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(s.properties ?? {})) out[k] = sampleBody(v, resolve, corp, k, depth + 1);
      return out;
    }
    default:
      return s.properties ? sampleBody({ ...s, type: 'object' }, resolve, corp, field, depth) : null;
  }
}

/** Every leaf of a JSON value, by path. */
export function leaves(value: unknown, path: Array<string | number> = []): Array<{ path: Array<string | number>; value: unknown }> {
  if (Array.isArray(value)) return value.length ? value.flatMap((v, i) => leaves(v, [...path, i])) : [{ path, value }];
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    return entries.length ? entries.flatMap(([k, v]) => leaves(v, [...path, k])) : [{ path, value }];
  }
  return [{ path, value }];
}

/** A copy of `root` with the value at `path` replaced. */
export function setAt(root: unknown, path: Array<string | number>, value: unknown): unknown {
  if (!path.length) return value;
  const copy: unknown = Array.isArray(root) ? [...root] : { ...(root as Record<string, unknown>) };
  const [head, ...rest] = path;
  (copy as Record<string | number, unknown>)[head] = setAt((root as Record<string | number, unknown>)[head], rest, value);
  return copy;
}
