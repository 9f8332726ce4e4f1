import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Type } from '@sinclair/typebox';
import { withCorp } from '../../src/db/tenancy';
import { Name } from '../../src/http/text';
import { validatorCompiler } from '../../src/http/validation';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { adminOf } from './platform-helpers';

// Finding 6 of issue 9 (NUL, lone surrogates, deep nesting and blank names answered 500/502) and the LIKE part of
// finding 10 (`GET /api/staff?q=%` matched everyone).
let app: TestApp;
let cookie: string;
const CORP = 'text_corp';

beforeAll(async () => {
  app = await startTestApp();
  cookie = (await adminOf(app, CORP)).cookie;
});
afterAll(async () => app?.cleanup());

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
function send(method: Method, url: string, payload?: string, extra: Record<string, string> = {}) {
  const headers: Record<string, string> = { cookie, ...extra };
  if (payload !== undefined && !extra['content-type']) headers['content-type'] = 'application/json';
  return app.app.inject({ method, url, payload, headers });
}

async function corpName(): Promise<string> {
  return (await send('GET', '/api/corp')).json().name;
}

// Written as text: JSON.stringify itself recurses.
function nested(depth: number): string {
  return '{"not":'.repeat(depth) + '{"kind":"attribute","field":"name","op":"eq","value":"x"}' + '}'.repeat(depth);
}

describe('NUL and lone surrogates are a 400 invalid_text, never a 500', () => {
  it('refuses them in JSON bodies and changes nothing', async () => {
    const before = await corpName();
    for (const payload of ['{"name":"a\\u0000b"}', '{"name":"\\ud800"}', '{"name":"x\\udc00y"}', '{"name":"ok","\\u0000":1}']) {
      const res = await send('PATCH', '/api/corp', payload);
      expect(res.statusCode, payload).toBe(400);
      expect(res.json().code, payload).toBe('invalid_text');
    }
    expect(await corpName()).toBe(before);
    const emoji = await send('PATCH', '/api/corp', JSON.stringify({ name: 'Corp 😀' }));
    expect(emoji.statusCode).toBe(200);
  });

  it('refuses them in query strings and path params, on /api and on public and machine routes', async () => {
    const cases: [Method, string, string?, Record<string, string>?][] = [
      ['GET', '/api/customers?q=%00'],
      ['GET', '/api/staff?q=a%00b'],
      ['POST', '/hooks/events/%00', '{"events":[{}]}', { 'x-siyu-signature': 'sha256=00' }],
      ['GET', '/wecom/callback/%00?msg_signature=a&timestamp=1&nonce=n&echostr=e'],
      ['POST', '/wecom/callback/%00?msg_signature=a&timestamp=1&nonce=n', '<xml></xml>', { 'content-type': 'text/xml' }],
      ['GET', '/p/fission/%00'],
      ['GET', '/s/%00/x'],
    ];
    for (const [method, url, payload, headers] of cases) {
      const res = await send(method, url, payload, headers);
      expect(res.statusCode, `${method} ${url}`).toBe(400);
      if (!url.startsWith('/wecom/')) expect(res.json().code, url).toBe('invalid_text');
    }
  });
});

describe('deeply nested bodies are a 400, checked before any schema', () => {
  it('answers rules nested 5,000 deep on pipelines and stages with nesting_too_deep and writes nothing', async () => {
    const created = await send('POST', '/api/pipelines', JSON.stringify({ name: 'P', stages: [{ name: 'S1' }] }));
    expect(created.statusCode).toBe(201);
    const list = async () => (await send('GET', '/api/pipelines')).json().items as { id: string; stages: { id: string; rule: unknown }[] }[];
    const [pipeline] = await list();
    const stageId = pipeline.stages[0].id;
    const deep = nested(5000);
    const cases: [Method, string, string][] = [
      ['POST', '/api/pipelines', `{"name":"Deep","stages":[{"name":"S","rule":${deep}}]}`],
      ['POST', `/api/pipelines/${pipeline.id}/stages`, `{"name":"S2","rule":${deep}}`],
      ['PATCH', `/api/stages/${stageId}`, `{"rule":${deep}}`],
      ['POST', '/api/segments/preview', `{"rule":${deep}}`],
    ];
    for (const [method, url, body] of cases) {
      const res = await send(method, url, body);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().code, url).toBe('nesting_too_deep');
    }
    const after = await list();
    expect(after).toHaveLength(1);
    expect(after[0].stages).toHaveLength(1);
    expect(after[0].stages[0].rule ?? null).toBeNull();
  });

  it('still takes a rule at the deepest level the rule language allows', async () => {
    const res = await send('POST', '/api/segments/preview', `{"rule":${nested(11)}}`);
    expect(res.statusCode).toBe(200);
  });
});

describe('names are trimmed and never blank', () => {
  it('answers whitespace-, BOM- and zero-width-only tag and group names with 400 before calling WeCom', async () => {
    const cases: [Method, string, unknown][] = [
      ['POST', '/api/tags', { tags: [' '] }],
      ['POST', '/api/tags', { tags: ['\uFEFF'] }],
      ['POST', '/api/tags', { groupName: '\u200B\u3000', tags: ['ok'] }],
      ['PATCH', '/api/tags/et_tag', { name: ' \t\uFEFF ' }],
      ['POST', '/api/group-codes', { name: '\uFEFF \u2060', chatIds: ['wrchat1'] }],
    ];
    for (const [method, url, body] of cases) {
      const res = await send(method, url, JSON.stringify(body));
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().code).toBe('invalid_request');
    }
  });

  it('trims what a reader cannot see from both ends of a Name', () => {
    const validate = validatorCompiler({ schema: Type.Object({ name: Name(), list: Type.Array(Name()) }), httpPart: 'body', method: 'POST', url: '/' });
    const data = { name: '\uFEFF 新客 \u200B', list: [' a b '] };
    expect(validate(data)).toBe(true);
    expect(data).toEqual({ name: '新客', list: ['a b'] });
  });
});

describe('search terms are matched literally', () => {
  it('GET /api/staff?q=% or _ matches only names that contain them', async () => {
    await withCorp(app.ctx.db, CORP, (tx) =>
      tx
        .insertInto('staff')
        .values(['张伟', '李娜', '100%达人'].map((name, i) => ({ corp_id: CORP, userid: `s${i}`, name, mobile: null, is_follow_user: true })))
        .execute(),
    );
    const names = async (q: string) => ((await send('GET', `/api/staff?q=${encodeURIComponent(q)}`)).json().items as { name: string }[]).map((s) => s.name);
    expect(await names('%')).toEqual(['100%达人']);
    expect(await names('_')).toEqual([]);
    expect(await names('\\')).toEqual([]);
    expect(await names('张')).toEqual(['张伟']);
  });
});
