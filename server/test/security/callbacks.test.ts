// WeCom's push endpoint under attack: forged signatures, bad timestamps, malformed and oversized XML, a message for
// another receiver, unknown corps, %00 in the path, replays — each a 4xx (a replay a 200 "duplicate") and nothing
// stored; and fast-check properties: the callback crypto and the XML → typed event parser throw nothing but a
// WecomCallbackError on any string.
import { buildEventXml, createCallbackCrypto, parseEvent, WecomCallbackError } from '@siyu/wecom';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCorpWithRoles, startTestApp, type TestApp } from '../helpers/test-app';

const CORP = 'wwcallbacksec01';
const TOKEN = 'siyuCallbackSec42';
const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const SEED = Number(process.env.SECURITY_FUZZ_SEED ?? 20_261_201);
const RUNS = 300 * Math.max(1, Number(process.env.SECURITY_FUZZ_RUNS ?? 1));

let app: TestApp;
const crypto = createCallbackCrypto({ token: TOKEN, encodingAESKey: AES_KEY, receiveId: CORP });
const stranger = createCallbackCrypto({ token: TOKEN, encodingAESKey: AES_KEY, receiveId: 'wwsomeoneelse' });

beforeAll(async () => {
  app = await startTestApp();
  const roles = await createCorpWithRoles(app, CORP);
  const res = await app.app.inject({
    method: 'PUT',
    url: '/api/wecom/connection',
    headers: { cookie: roles.admin.cookie },
    payload: { corpId: CORP, contactSecret: 'secret-for-callback-tests', callbackToken: TOKEN, callbackAesKey: AES_KEY },
  });
  expect(res.statusCode, res.body).toBe(200);
}, 300_000);
afterAll(async () => app?.cleanup());

async function inboxCount(): Promise<number> {
  const { rows } = await app.ctx.database.ownerSql('select count(*)::int as n from wecom_inbox');
  return (rows[0] as { n: number }).n;
}

const eventXml = (externalUserId: string) =>
  buildEventXml({
    ToUserName: CORP,
    FromUserName: 'sys',
    CreateTime: Math.floor(Date.now() / 1000),
    MsgType: 'event',
    Event: 'change_external_contact',
    ChangeType: 'edit_external_contact',
    UserID: 'staff_a',
    ExternalUserID: externalUserId,
  });

function post(url: string, body: string | Buffer, contentType = 'text/xml') {
  return app.app.inject({ method: 'POST', url, payload: body, headers: { 'content-type': contentType } });
}

const q = (p: { msg_signature: string; timestamp: string; nonce: string }) =>
  `msg_signature=${encodeURIComponent(p.msg_signature)}&timestamp=${encodeURIComponent(p.timestamp)}&nonce=${encodeURIComponent(p.nonce)}`;

describe('WeCom callback endpoint', () => {
  it('refuses forged, stale, malformed, oversized, misaddressed and unknown-corp callbacks with a 4xx and stores nothing', async () => {
    const good = crypto.encryptEvent(eventXml('wm_forged'));
    const base = `/wecom/callback/${CORP}`;
    const badTs = (ts: string) => {
      const enc = crypto.encryptEvent(eventXml('wm_ts'), ts, '123');
      return post(`${base}?${q(enc)}`, enc.xml);
    };
    const other = stranger.encryptEvent(eventXml('wm_other'));
    const cases: Array<[string, () => ReturnType<typeof post>]> = [
      ['a forged signature', () => post(`${base}?${q({ ...good, msg_signature: 'f'.repeat(40) })}`, good.xml)],
      ['a signature over another nonce', () => post(`${base}?${q({ ...good, nonce: `${good.nonce}1` })}`, good.xml)],
      ['no signature', () => post(base, good.xml)],
      ['a non-numeric timestamp', () => badTs('yesterday')],
      ['a timestamp with NUL', () => badTs('1\u00002')],
      ['malformed XML', () => post(`${base}?${q(good)}`, '<xml><Encrypt><![CDATA[')],
      ['XML without Encrypt', () => post(`${base}?${q(good)}`, '<xml><ToUserName>x</ToUserName></xml>')],
      ['an entity bomb', () => post(`${base}?${q(good)}`, '<!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]><xml><Encrypt>&b;</Encrypt></xml>')],
      ['XML 5,000 deep', () => post(`${base}?${q(good)}`, `<xml>${'<a>'.repeat(5000)}${'</a>'.repeat(5000)}</xml>`)],
      ['an oversized body', () => post(`${base}?${q(good)}`, `<xml><Encrypt>${'A'.repeat(2 * 1024 * 1024)}</Encrypt></xml>`)],
      ['ciphertext that is not base64', () => post(`${base}?${q(good)}`, good.xml.replace(good.encrypt, `${good.encrypt.slice(0, -4)}!!!!`))],
      ['a message for another receiver', () => post(`${base}?${q(other)}`, other.xml)],
      ['an unknown corp', () => post(`/wecom/callback/wwnobody?${q(good)}`, good.xml)],
      ['%00 in the path', () => post(`/wecom/callback/%00?${q(good)}`, good.xml)],
      ['a%00b in the path', () => post(`/wecom/callback/a%00b?${q(good)}`, good.xml)],
      ['a lone surrogate in the path', () => post(`/wecom/callback/%ED%A0%80?${q(good)}`, good.xml)],
      ['a JSON body', () => post(`${base}?${q(good)}`, '{"Encrypt":"x"}', 'application/json')],
      ['a URL check with a forged echostr', () => app.app.inject({ method: 'GET', url: `${base}?${q(good)}&echostr=${encodeURIComponent(good.encrypt)}x` })],
      ['a URL check without echostr', () => app.app.inject({ method: 'GET', url: `${base}?${q(good)}` })],
    ];
    const before = await inboxCount();
    const failures: string[] = [];
    for (const [what, run] of cases) {
      const res = await run();
      if (res.statusCode < 400 || res.statusCode >= 500) failures.push(`${what} → ${res.statusCode} ${res.body.slice(0, 120)}`);
    }
    expect(failures).toEqual([]);
    expect(await inboxCount()).toBe(before);
  });

  it('stores a genuine callback once and answers its replay as a duplicate', async () => {
    const before = await inboxCount();
    const msg = crypto.encryptEvent(eventXml('wm_replayed'));
    const first = await post(`/wecom/callback/${CORP}?${q(msg)}`, msg.xml);
    expect(first.statusCode, first.body).toBe(200);
    const again = await post(`/wecom/callback/${CORP}?${q(msg)}`, msg.xml);
    expect(again.statusCode).toBe(200);
    expect(await inboxCount()).toBe(before + 1);
  });
});

describe('callback parser properties (fast-check)', () => {
  const typed = (fn: () => unknown) => {
    try {
      fn();
    } catch (err) {
      if (!(err instanceof WecomCallbackError)) throw err;
    }
  };
  const text = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.constantFrom('\u0000', '\ud800', ']]>', '<![CDATA[', '&amp;', '<xml>'));

  it('parseEvent turns any string into a typed event or a WecomCallbackError', () => {
    fc.assert(
      fc.property(text, (s) => typed(() => parseEvent(s))),
      { seed: SEED, numRuns: RUNS },
    );
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('Event', 'ChangeType', 'UserID', 'ExternalUserID', 'CreateTime', 'TagType', 'Id', 'ChatId', 'UpdateDetail', 'JoinScene', 'MemChangeCnt', 'State', 'x'), text), (fields) =>
        typed(() => parseEvent(`<xml>${Object.entries(fields).map(([k, v]) => `<${k}><![CDATA[${v}]]></${k}>`).join('')}</xml>`)),
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('decryptBody refuses any forged body or parameters with a WecomCallbackError, and opens what it sealed', () => {
    fc.assert(
      fc.property(text, text, text, text, (body, sig, ts, nonce) => typed(() => crypto.decryptBody(body, { msg_signature: sig, timestamp: ts, nonce }))),
      { seed: SEED, numRuns: RUNS },
    );
    fc.assert(
      fc.property(fc.base64String(), text, (enc, nonce) => typed(() => crypto.decryptBody(`<xml><Encrypt><![CDATA[${enc}]]></Encrypt></xml>`, { msg_signature: crypto.sign('1', nonce, enc), timestamp: '1', nonce }))),
      { seed: SEED, numRuns: RUNS },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (inner) => {
        const m = crypto.encryptEvent(inner);
        expect(crypto.decryptBody(m.xml, m)).toBe(inner);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    fc.assert(
      fc.property(text, (s) => typed(() => crypto.verifyUrl({ msg_signature: crypto.sign('1', '2', s), timestamp: '1', nonce: '2', echostr: s }))),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
