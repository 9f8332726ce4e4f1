// The fuzzer's bad inputs and how they are placed into one operation's path, query and body. Each operation gets
// every structural mutation; bad strings are spread over the leaves by a seeded generator (NUL and a lone
// surrogate always), so a failing run reproduces from its printed seed and SECURITY_FUZZ_RUNS widens the net.
import type { JsonSchema, Operation } from './routes';
import { leaves, setAt, type Resolve } from './sample';

type Rng = () => number;

/** Text a person can send that Siyu must refuse or store safely — never a 5xx. */
export const BAD_STRINGS: readonly string[] = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\ufeff',
  ' \t\n ',
  '\u202egnp.exe\u200b\u200d',
  'x'.repeat(70_000),
  "' OR 1=1 --",
  '%_\\',
  '%',
  '<img src=x onerror=__xss=1>',
  '"><svg onload=__xss=1>',
  'javascript:alert(1)',
  '../../../etc/passwd',
  '{{7*7}}${7*7}',
  '😀\u{10ffff}',
  '-1',
  '1e400',
  '\\',
];

/** Raw path segments (already percent-encoded as a client would send them). */
export const BAD_SEGMENTS: readonly string[] = ['%00', 'a%00b', '%ff', '%ed%a0%80', '%', '..%2f..', '%2e%2e', 'x'.repeat(3000), '%20', '%22%3E%3Csvg%3E', '%27%20OR%201%3D1'];

export const HUGE_NUMBERS: readonly string[] = ['1e308', '-1e308', '9007199254740993', '1e400', '-0', '1.5', '99999999999999999999999999999'];

const DEEP = 5_000;
export const deepArray = (n = DEEP): string => `${'['.repeat(n)}${']'.repeat(n)}`;
export const deepObject = (n = DEEP): string => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
export const deepRule = (n = DEEP): string => `${'{"not":'.repeat(n)}{"kind":"owner","staffUserids":["staff_a"]}${'}'.repeat(n)}`;

export type Mutation = { label: string; url: string; payload?: string | Buffer; contentType?: string };

const RAW = '"__RAW_JSON__"';

function withRaw(body: unknown, path: Array<string | number>, raw: string): string {
  return JSON.stringify(setAt(body, path, '__RAW_JSON__')).replace(RAW, raw);
}

/** Percent-encodes like encodeURIComponent, but a lone surrogate becomes its WTF-8 bytes instead of a throw. */
export function pct(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (ch.length === 1 && c >= 0xd800 && c <= 0xdfff) out += `%ED%${(0x80 | ((c >> 6) & 0x3f)).toString(16).toUpperCase()}%${(0x80 | (c & 0x3f)).toString(16).toUpperCase()}`;
    else out += encodeURIComponent(ch);
  }
  return out;
}

function pick<T>(rng: Rng, items: readonly T[], n: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < n && pool.length) out.push(pool.splice(Math.floor(rng() * pool.length), 1)[0]);
  return out;
}

/** Bad strings for one place: NUL and a lone surrogate always, then `extra` more chosen by the seed. */
function stringsFor(rng: Rng, extra: number): string[] {
  return [BAD_STRINGS[0], BAD_STRINGS[2], ...pick(rng, BAD_STRINGS.filter((_s, i) => i !== 0 && i !== 2), extra)];
}

export function pathMutations(op: Operation, real: Record<string, string>, rng: Rng, extra: number): Mutation[] {
  const out: Mutation[] = [];
  const names = op.params.filter((p) => p.in === 'path').map((p) => p.name);
  for (const name of names) {
    const fill = (v: string) => op.url.replace(/:(\w+)/g, (_m, n: string) => (n === name ? v : encodeURIComponent(real[n])));
    for (const seg of [...BAD_SEGMENTS.slice(0, 4), ...pick(rng, BAD_SEGMENTS.slice(4), extra)]) out.push({ label: `path ${name}=${seg.slice(0, 40)}`, url: fill(seg) });
    for (const s of stringsFor(rng, extra)) out.push({ label: `path ${name}=${JSON.stringify(s.slice(0, 40))}`, url: fill(pct(s)) });
  }
  return out;
}

export function queryMutations(op: Operation, base: string, rng: Rng, extra: number): Mutation[] {
  const out: Mutation[] = [];
  const params = op.params.filter((p) => p.in === 'query');
  const q = (k: string, v: string) => `${base}${base.includes('?') ? '&' : '?'}${k}=${v}`;
  out.push({ label: 'query unknown=1', url: q('unknownField', '1') });
  out.push({ label: 'query %00 key', url: q('%00', '%00') });
  for (const p of params) {
    for (const s of stringsFor(rng, extra)) out.push({ label: `query ${p.name}=${JSON.stringify(s.slice(0, 40))}`, url: q(p.name, pct(s)) });
    out.push({ label: `query ${p.name}=%00`, url: q(p.name, '%00') });
    for (const n of pick(rng, HUGE_NUMBERS, 1 + extra)) out.push({ label: `query ${p.name}=${n}`, url: q(p.name, n) });
    out.push({ label: `query ${p.name} twice`, url: `${q(p.name, '1')}&${p.name}=2` });
  }
  return out;
}

export function bodyMutations(op: Operation, url: string, base: unknown, resolve: Resolve, rng: Rng, extra: number): Mutation[] {
  const out: Mutation[] = [];
  const add = (label: string, payload: string | Buffer, contentType = 'application/json') => out.push({ label: `body ${label}`, url, payload, contentType });
  add('malformed JSON', '{"a": ');
  add('array', '[1,2,3]');
  add('string', '"x"');
  add('null', 'null');
  add('deep array ×5000', deepArray());
  add('deep object ×5000', deepObject());
  add('invalid UTF-8', Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xff, 0xfe, 0xc0, 0x80]), Buffer.from('"}')]));
  add('NUL byte in raw JSON', '{"name":"a\u0000b"}');
  if (base && typeof base === 'object' && !Array.isArray(base)) {
    add('unknown field', JSON.stringify({ ...base, unexpectedField: 'x' }));
    add('__proto__ field', `{"__proto__":{"polluted":1},${JSON.stringify(base).slice(1)}`.replace(',}', '}'));
  }
  for (const leaf of leaves(base).slice(0, 16)) {
    const where = leaf.path.join('.') || '(root)';
    add(`${where} wrong type`, JSON.stringify(setAt(base, leaf.path, typeof leaf.value === 'string' ? 12345 : 'not-a-value')));
    add(`${where} null`, JSON.stringify(setAt(base, leaf.path, null)));
    add(`${where} deep ×5000`, withRaw(base, leaf.path, leaf.path[leaf.path.length - 1] === 'rule' ? deepRule() : deepArray()));
    if (typeof leaf.value === 'number') for (const n of pick(rng, HUGE_NUMBERS, 2 + extra)) add(`${where}=${n}`, withRaw(base, leaf.path, n));
    if (typeof leaf.value === 'string' || Array.isArray(leaf.value)) {
      for (const s of stringsFor(rng, extra)) add(`${where}=${JSON.stringify(s.slice(0, 40))}`, JSON.stringify(setAt(base, leaf.path, s)));
    }
    const parent = leaf.path.slice(0, -1);
    if (parent.length && typeof leaf.path[leaf.path.length - 1] === 'string') {
      add(`${where} sibling unknown field`, JSON.stringify(setAt(base, [...parent, 'unexpectedField'], 'x')));
    }
  }
  // Rules are recursive: nest the whole rule 5,000 deep too.
  const ruleLeaf = leaves(base).find((l) => l.path.includes('rule'));
  if (ruleLeaf) {
    const at = ruleLeaf.path.slice(0, ruleLeaf.path.indexOf('rule') + 1);
    add(`${at.join('.')} nested rule ×5000`, withRaw(base, at, deepRule()));
  }
  return out;
}

/** Raw uploads (CSV/XLSX routes without a JSON schema) and the callback endpoints get byte bodies. */
export function rawBodyMutations(url: string, rng: Rng, extra: number): Mutation[] {
  const out: Mutation[] = [];
  const add = (label: string, payload: string | Buffer, contentType: string) => out.push({ label: `raw ${label}`, url, payload, contentType });
  add('csv NUL', 'phone,name\n13800000000,a\u0000b\n', 'text/csv');
  add('csv surrogate', 'phone,name\n13800000000,\ud800\n', 'text/csv');
  add('xml garbage', '<xml><Encrypt><![CDATA[', 'text/xml');
  add('xml deep', `${'<a>'.repeat(5000)}${'</a>'.repeat(5000)}`, 'text/xml');
  add('xml entity bomb', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><xml><Encrypt>&b;</Encrypt></xml>', 'text/xml');
  add('binary', Buffer.from(Array.from({ length: 256 }, (_v, i) => i)), 'application/octet-stream');
  for (const s of pick(rng, BAD_STRINGS, 1 + extra)) add(`text ${JSON.stringify(s.slice(0, 30))}`, s, 'text/plain');
  return out;
}

export const schemaOf = (op: Operation): JsonSchema | null => op.body;
