// Sends one request of a walker and judges the answer the same way everywhere: no 5xx, no answer slower than 5 s,
// every 4xx a {code, message} envelope; and keeps the counts and the failures so a run ends with one readable list.
import type { World } from './world';

export type Probe = {
  label: string;
  method: string;
  url: string;
  headers?: Record<string, string>;
  payload?: string | Buffer;
};

export type Answer = { status: number; body: string; ms: number; json: Record<string, unknown> | null };

export const SLOW_MS = 5_000;

/** Protocol endpoints whose error answers are fixed by WeCom (plain text), not by the API envelope. */
const PLAIN_TEXT_ERRORS = /^\/wecom\/callback\//;

export class Recorder {
  requests = 0;
  serverErrors = 0;
  slowest = 0;
  failures: string[] = [];

  fail(message: string): void {
    this.failures.push(message);
  }

  summary(name: string, seed?: number): string {
    return `[security] ${name}: ${this.requests} requests, ${this.serverErrors} answered ≥ 500, slowest ${this.slowest} ms, ${this.failures.length} failures${seed === undefined ? '' : `, seed ${seed}`}`;
  }
}

function parse(body: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(body);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function short(s: string, n = 160): string {
  let clean = '';
  for (let i = 0; i < s.length && clean.length <= n; i++) {
    const c = s.charCodeAt(i);
    clean += c < 0x20 || c === 0x7f || (c >= 0xd800 && c <= 0xdfff) ? `\\u${c.toString(16).padStart(4, '0')}` : s[i];
  }
  return clean.length > n ? `${clean.slice(0, n)}…(${s.length})` : clean;
}

export async function send(world: World, rec: Recorder, p: Probe): Promise<Answer> {
  const started = performance.now();
  const res = await world.app.app.inject({ method: p.method as 'GET', url: p.url, headers: p.headers, payload: p.payload });
  const ms = Math.round(performance.now() - started);
  rec.requests++;
  rec.slowest = Math.max(rec.slowest, ms);
  const answer: Answer = { status: res.statusCode, body: res.body, ms, json: parse(res.body) };
  const what = `${p.label} → ${res.statusCode} ${short(res.body)}`;
  if (res.statusCode >= 500) {
    rec.serverErrors++;
    rec.fail(`5xx: ${what}`);
  }
  if (ms > SLOW_MS) rec.fail(`slow (${ms} ms): ${p.label}`);
  if (res.statusCode >= 400 && res.statusCode < 500 && !PLAIN_TEXT_ERRORS.test(p.url)) {
    if (typeof answer.json?.code !== 'string' || typeof answer.json?.message !== 'string') rec.fail(`4xx without {code, message}: ${what}`);
  }
  return answer;
}
