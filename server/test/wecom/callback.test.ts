import { buildEventXml, createCallbackCrypto } from '@siyu/wecom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCorp } from '../../src/db/tenancy';
import { until } from '../helpers/until';
import { AES_KEY, settle, startHarness, TOKEN, type Harness } from './harness';

let h: Harness;
const CORP = 'wwcallback0001';
const crypto = createCallbackCrypto({ token: TOKEN, encodingAESKey: AES_KEY, receiveId: CORP });

beforeAll(async () => {
  h = await startHarness(CORP);
});
afterAll(async () => h?.close());

function post(corpId: string, body: string, q: { msg_signature: string; timestamp: string; nonce: string }) {
  const qs = new URLSearchParams(q).toString();
  return fetch(`${h.url}/wecom/callback/${corpId}?${qs}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body });
}

function tagEvent(id: string, createTime = 1_700_000_000) {
  return buildEventXml({
    ToUserName: CORP,
    FromUserName: 'sys',
    CreateTime: createTime,
    MsgType: 'event',
    Event: 'change_external_tag',
    Id: id,
    TagType: 'tag',
    ChangeType: 'create',
  });
}

async function inboxRows() {
  return withCorp(h.app.ctx.db, CORP, (tx) =>
    tx.selectFrom('wecom_inbox').select(['id', 'identity', 'kind', 'processed_at', 'attempts', 'error']).where('corp_id', '=', CORP).orderBy('id').execute(),
  );
}

async function metric(outcome: string): Promise<number> {
  const text = await (await fetch(`${h.url}/metrics`)).text();
  const m = new RegExp(`^siyu_wecom_callbacks_total\\{outcome="${outcome}"\\} (\\d+)`, 'm').exec(text);
  return m ? Number(m[1]) : 0;
}

describe('callback endpoint', () => {
  it('rejects a forged signature with 403 and stores nothing', async () => {
    const enc = crypto.encryptEvent(tagEvent('forged'));
    const res = await post(CORP, enc.xml, { msg_signature: '0'.repeat(40), timestamp: enc.timestamp, nonce: enc.nonce });
    expect(res.status).toBe(403);
    expect(await inboxRows()).toEqual([]);
    expect(await metric('bad_signature')).toBe(1);
  });

  it('answers malformed XML with 400', async () => {
    const res = await post(CORP, '<xml><Encrypt>unterminated', { msg_signature: 'x', timestamp: '1', nonce: '1' });
    expect(res.status).toBe(400);
    const empty = await post(CORP, '<xml><Nothing/></xml>', { msg_signature: 'x', timestamp: '1', nonce: '1' });
    expect(empty.status).toBe(400);
    expect(await metric('bad_xml')).toBe(2);
  });

  it('answers a message encrypted with the wrong AES key with 400', async () => {
    const other = createCallbackCrypto({ token: TOKEN, encodingAESKey: 'Z'.repeat(42) + 'A', receiveId: CORP });
    const enc = other.encryptEvent(tagEvent('wrong-key'));
    const res = await post(CORP, enc.xml, { msg_signature: enc.msg_signature, timestamp: enc.timestamp, nonce: enc.nonce });
    expect(res.status).toBe(400);
    expect(await inboxRows()).toEqual([]);
  });

  it('answers 404 for an unknown corp and 413 for a body over 1 MiB', async () => {
    const enc = crypto.encryptEvent(tagEvent('unknown'));
    const unknown = await post('nosuchcorp', enc.xml, { msg_signature: enc.msg_signature, timestamp: enc.timestamp, nonce: enc.nonce });
    expect(unknown.status).toBe(404);
    const big = `<xml><Encrypt>${'A'.repeat(1024 * 1024 + 10)}</Encrypt></xml>`;
    const tooLarge = await post(CORP, big, { msg_signature: 'x', timestamp: '1', nonce: '1' });
    expect(tooLarge.status).toBe(413);
    expect(await metric('unknown_corp')).toBe(1);
    expect(await metric('too_large')).toBe(1);
  });

  it('verifies the URL with the official sample vector', async () => {
    await withCorp(h.app.ctx.db, 'wwsample', async (tx) => {
      await tx
        .insertInto('corps')
        .values({
          id: 'wwsample',
          name: 'Sample',
          wecom_corp_id: 'ww1436e0e65a779aee',
          contact_secret: null,
          agent_id: null,
          app_secret: null,
          callback_token: 'hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo',
          callback_aes_key: '6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt',
          api_base: null,
        })
        .execute();
    });
    const qs = new URLSearchParams({
      msg_signature: '012bc692d0a58dd4b10f8dfe5c4ac00ae211ebeb',
      timestamp: '1476416373',
      nonce: '47744683',
      echostr: 'fsi1xnbH4yQh0+PJxcOdhhK6TDXkjMyhEPA7xB2TGz6b+g7xyAbEkRxN/3cNXW9qdqjnoVzEtpbhnFyq6SVHyA==',
    });
    const res = await fetch(`${h.url}/wecom/callback/wwsample?${qs}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('1288432023552776189');
    qs.set('msg_signature', '1'.repeat(40));
    expect((await fetch(`${h.url}/wecom/callback/wwsample?${qs}`)).status).toBe(403);
  });

  it('stores and processes a duplicated delivery once', async () => {
    // The same encrypted event posted twice (as WeCom retries), plus the sandbox duplicating a real one.
    const enc = crypto.encryptEvent(tagEvent('dup-tag', 1_700_000_123));
    for (let i = 0; i < 2; i++) {
      const res = await post(CORP, enc.xml, { msg_signature: enc.msg_signature, timestamp: enc.timestamp, nonce: enc.nonce });
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('success');
    }
    await h.sb(`/sandbox/corps/${CORP}/population`, { seed: 3, staff: 2, customers: 0, groups: 0 });
    await h.sb('/sandbox/callback-faults', { corp_id: CORP, mode: 'duplicate', rate: 1 });
    const customer = await h.sb<{ external_userid: string }>(`/sandbox/corps/${CORP}/customers`, { name: '重复客户' });
    await h.sb(`/sandbox/corps/${CORP}/add-friend`, { external_userid: customer.external_userid, userid: 'staff001', state: 'ch_dup' });
    await settle(h);
    const log = await h.sb<{ callbacks: Array<{ duplicate_of: number | null; status: string }> }>(`/sandbox/callbacks?corp_id=${CORP}`);
    expect(log.callbacks.filter((c) => c.duplicate_of !== null && c.status === 'delivered').length).toBe(1);

    const rows = await inboxRows();
    expect(rows.map((r) => r.kind)).toEqual(['tag_create', 'add_external_contact']);
    for (const r of rows) {
      expect(r.processed_at).not.toBeNull();
      expect(r.attempts).toBe(1);
      expect(r.error).toBeNull();
    }
    expect(await metric('duplicate')).toBe(2);
    const follow = await until('the follow', () =>
      withCorp(h.app.ctx.db, CORP, (tx) =>
        tx
          .selectFrom('follows as f')
          .innerJoin('customers as c', (j) => j.onRef('c.corp_id', '=', 'f.corp_id').onRef('c.id', '=', 'f.customer_id'))
          .select(['f.staff_userid', 'f.state', 'c.name'])
          .where('c.external_userid', '=', customer.external_userid)
          .executeTakeFirst(),
      ),
    );
    expect(follow).toEqual({ staff_userid: 'staff001', state: 'ch_dup', name: '重复客户' });
    const text = await (await fetch(`${h.url}/metrics`)).text();
    expect(text).toMatch(/siyu_wecom_callback_duration_seconds_bucket\{le="0.05",outcome="stored"\}/);
  });
});
