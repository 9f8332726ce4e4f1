import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decrypt, getSignature } from '@wecom/crypto';
import { XMLParser } from 'fast-xml-parser';
import { afterEach, describe, expect, it } from 'vitest';
import { setup, staffAndCustomer, type Ctx } from './helpers';

const TOKEN = 'hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo';
const AES_KEY = '6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt';
const parser = new XMLParser({ parseTagValue: false });

interface Received {
  signatureOk: boolean;
  receiveId: string;
  outer: Record<string, string>;
  event: Record<string, unknown>;
  raw: string;
}

/** A tiny WeCom-callback receiver answering `status()` to each POST. */
async function receiver(status: () => number = () => 200, hang: () => boolean = () => false) {
  const got: Received[] = [];
  let posts = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      if (req.method === 'GET') {
        const q = new URL(req.url ?? '/', 'http://x').searchParams;
        const echostr = q.get('echostr') ?? '';
        const ok =
          getSignature(TOKEN, q.get('timestamp') ?? '', q.get('nonce') ?? '', echostr) === q.get('msg_signature');
        res.end(ok ? decrypt(AES_KEY, echostr).message : 'bad signature');
        return;
      }
      posts++;
      if (hang()) return; // never answers: the sandbox times out
      const url = new URL(req.url ?? '/', 'http://x');
      const outer = (parser.parse(body) as { xml: Record<string, string> }).xml;
      const sig = getSignature(
        TOKEN,
        url.searchParams.get('timestamp') ?? '',
        url.searchParams.get('nonce') ?? '',
        outer.Encrypt,
      );
      const { message, id } = decrypt(AES_KEY, outer.Encrypt);
      got.push({
        signatureOk: sig === url.searchParams.get('msg_signature'),
        receiveId: id,
        outer,
        event: (parser.parse(message) as { xml: Record<string, unknown> }).xml,
        raw: message,
      });
      res.statusCode = status();
      res.end(res.statusCode === 200 ? 'success' : 'error');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/wecom/callback`;
  return { url, got, posts: () => posts, close: () => new Promise<void>((r) => server.close(() => r())) };
}

let ctx: Ctx;
let rx: Awaited<ReturnType<typeof receiver>> | undefined;
afterEach(async () => {
  await ctx?.sb.close();
  await rx?.close();
  rx = undefined;
});

async function withCallback(status?: () => number, hang?: () => boolean) {
  rx = await receiver(status, hang);
  ctx = await setup({ callbackRetryDelayMs: 20, reorderWindowMs: 300, callbackTimeoutMs: 200 });
  await ctx.sim('PUT', `/sandbox/corps/${ctx.corpId}/callback`, {
    url: rx.url,
    token: TOKEN,
    encoding_aes_key: AES_KEY,
  });
  return rx;
}

async function newCustomers(n: number, base: string): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < n; i++)
    out.push((await ctx.sim('POST', `${base}/customers`, { name: `客户${i}` })).json.external_userid as string);
  return out;
}

describe('callbacks', () => {
  it('scan-contact-way sends an encrypted add_external_contact with State and WelcomeCode', async () => {
    const r = await withCallback();
    const { base, ext, configId } = await staffAndCustomer(ctx);
    const scan = await ctx.sim('POST', `${base}/scan-contact-way`, { external_userid: ext, config_id: configId });
    await ctx.sb.flushCallbacks();
    expect(r.got).toHaveLength(1);
    const [m] = r.got;
    expect(m.signatureOk).toBe(true);
    expect(m.receiveId).toBe(ctx.corpId);
    expect(m.outer.ToUserName).toBe(ctx.corpId);
    expect(m.event).toMatchObject({
      ToUserName: ctx.corpId,
      FromUserName: 'sys',
      MsgType: 'event',
      Event: 'change_external_contact',
      ChangeType: 'add_external_contact',
      UserID: 'zhangsan',
      ExternalUserID: ext,
      State: 'ch_poster_01',
      WelcomeCode: scan.json.welcome_code,
    });
    expect(m.raw).toContain('<ChangeType><![CDATA[add_external_contact]]></ChangeType>');
    expect(Number(m.event.CreateTime)).toBeGreaterThan(1_600_000_000);
    const log = ctx.sb.state.callbackLog;
    expect(log[0]).toMatchObject({ status: 'delivered', attempts: 1 });

    // The other event kinds.
    await ctx.sim('POST', `${base}/edit-customer`, { external_userid: ext, remark: '老客' });
    await ctx.sim('POST', `${base}/customer-deletes-staff`, { external_userid: ext, userid: 'zhangsan' });
    const g = await ctx.sim('POST', `${base}/groups`, { owner: 'lisi', name: '群' });
    const chatId = (g.json.group as { chat_id: string }).chat_id;
    await ctx.sim('POST', `${base}/join-group`, { external_userid: ext, chat_id: chatId });
    await ctx.sim('POST', `${base}/leave-group`, { external_userid: ext, chat_id: chatId });
    await ctx.sim('POST', `${base}/staff-tag-change`, {
      action: 'create',
      tag_type: 'tag_group',
      name: '兴趣',
      tags: ['护肤'],
    });
    await ctx.sb.flushCallbacks();
    const kinds = r.got.map((x) => `${x.event.Event}/${x.event.ChangeType}/${x.event.UpdateDetail ?? ''}`);
    expect(kinds).toEqual([
      'change_external_contact/add_external_contact/',
      'change_external_contact/edit_external_contact/',
      'change_external_contact/del_follow_user/',
      'change_external_chat/create/',
      'change_external_chat/update/add_member',
      'change_external_chat/update/del_member',
      'change_external_tag/create/',
    ]);
    const add = r.got[4].event;
    expect(add).toMatchObject({ ChatId: chatId, JoinScene: '0', MemChangeCnt: '1', MemChangeList: { Item: ext } });
    expect(add.LastMemVer).not.toBe(add.CurMemVer);
    expect(r.got[5].event).toMatchObject({ QuitScene: '0' });
    expect(r.got[6].event).toMatchObject({ TagType: 'tag_group' });
    expect(String(r.got[6].event.Id)).toMatch(/^et/);

    // API changes trigger no callback.
    await ctx.api('externalcontact/add_corp_tag', { group_name: '等级', tag: [{ name: 'A' }] });
    await ctx.sb.flushCallbacks();
    expect(r.got).toHaveLength(7);
  });

  it('PUT callback with verify runs the echostr URL check', async () => {
    await withCallback();
    const res = await ctx.sim('PUT', `/sandbox/corps/${ctx.corpId}/callback`, {
      url: rx?.url,
      token: TOKEN,
      encoding_aes_key: AES_KEY,
      verify: true,
    });
    expect(res.json.verification).toEqual({ ok: true, detail: 'echostr matched' });
    const bad = await ctx.sim('PUT', `/sandbox/corps/${ctx.corpId}/callback`, {
      url: rx?.url,
      token: TOKEN,
      encoding_aes_key: 'short',
    });
    expect(bad.status).toBe(400);
  });

  it('a receiver answering 500 is tried 3 times in all, then logged as failed', async () => {
    const r = await withCallback(() => 500);
    const { base, ext } = await staffAndCustomer(ctx);
    await ctx.sim('POST', `${base}/add-friend`, { external_userid: ext, userid: 'zhangsan' });
    await ctx.sb.flushCallbacks();
    expect(r.posts()).toBe(3);
    expect(ctx.sb.state.callbackLog[0]).toMatchObject({ status: 'failed', attempts: 3, http_status: 500 });
  });

  it('a receiver failing once is retried and delivered', async () => {
    let n = 0;
    const r = await withCallback(() => (++n === 1 ? 503 : 200));
    const { base, ext } = await staffAndCustomer(ctx);
    await ctx.sim('POST', `${base}/add-friend`, { external_userid: ext, userid: 'zhangsan' });
    await ctx.sb.flushCallbacks();
    expect(r.posts()).toBe(2);
    expect(ctx.sb.state.callbackLog[0]).toMatchObject({ status: 'delivered', attempts: 2 });
  });

  it('a receiver that times out is retried', async () => {
    let n = 0;
    const r = await withCallback(undefined, () => ++n <= 2);
    const { base, ext } = await staffAndCustomer(ctx);
    await ctx.sim('POST', `${base}/add-friend`, { external_userid: ext, userid: 'zhangsan' });
    await ctx.sb.flushCallbacks();
    expect(r.posts()).toBe(3);
    expect(ctx.sb.state.callbackLog[0]).toMatchObject({ status: 'delivered', attempts: 3 });
  });

  it('drop mode loses events; clearing it restores delivery', async () => {
    const r = await withCallback();
    const { base } = await staffAndCustomer(ctx);
    const [a, b] = await newCustomers(2, base);
    await ctx.sim('POST', '/sandbox/callback-faults', { mode: 'drop' });
    await ctx.sim('POST', `${base}/add-friend`, { external_userid: a, userid: 'zhangsan' });
    await ctx.sb.flushCallbacks();
    expect(r.got).toHaveLength(0);
    expect(ctx.sb.state.callbackLog[0].status).toBe('dropped');
    await ctx.sim('DELETE', '/sandbox/callback-faults');
    await ctx.sim('POST', `${base}/add-friend`, { external_userid: b, userid: 'zhangsan' });
    await ctx.sb.flushCallbacks();
    expect(r.got.map((x) => x.event.ExternalUserID)).toEqual([b]);
  });

  it('duplicate mode delivers the identical event twice', async () => {
    const r = await withCallback();
    const { base, ext } = await staffAndCustomer(ctx);
    await ctx.sim('POST', '/sandbox/callback-faults', { mode: 'duplicate', corp_id: ctx.corpId });
    await ctx.sim('POST', `${base}/add-friend`, { external_userid: ext, userid: 'zhangsan' });
    await ctx.sb.flushCallbacks();
    expect(r.got).toHaveLength(2);
    expect(r.got[0].raw).toBe(r.got[1].raw);
    expect(ctx.sb.state.callbackLog[1].duplicate_of).toBe(ctx.sb.state.callbackLog[0].id);
  });

  it('reorder mode swaps an event with the one after it', async () => {
    const r = await withCallback();
    const { base } = await staffAndCustomer(ctx);
    const [a, b, c, d] = await newCustomers(4, base);
    await ctx.sim('POST', '/sandbox/callback-faults', { mode: 'reorder' });
    for (const ext of [a, b, c, d])
      await ctx.sim('POST', `${base}/add-friend`, { external_userid: ext, userid: 'zhangsan' });
    await ctx.sb.flushCallbacks();
    expect(r.got.map((x) => x.event.ExternalUserID)).toEqual([b, a, d, c]);
    expect(ctx.sb.state.callbackLog.every((e) => e.status === 'delivered')).toBe(true);
  });

  it('delay mode holds delivery back by delay_ms; order is kept per corp', async () => {
    const r = await withCallback();
    const { base } = await staffAndCustomer(ctx);
    const [a, b] = await newCustomers(2, base);
    await ctx.sim('POST', '/sandbox/callback-faults', { mode: 'delay', delay_ms: 150 });
    const t0 = Date.now();
    await ctx.sim('POST', `${base}/add-friend`, { external_userid: a, userid: 'zhangsan' });
    await ctx.sim('POST', `${base}/add-friend`, { external_userid: b, userid: 'zhangsan' });
    await ctx.sb.flushCallbacks();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    expect(r.got.map((x) => x.event.ExternalUserID)).toEqual([a, b]);
  });

  it('transfer_fail and a seeded drop rate are deterministic', async () => {
    const run = async () => {
      const r = await withCallback();
      const { base } = await staffAndCustomer(ctx);
      const exts = await newCustomers(10, base);
      await ctx.sim('POST', '/sandbox/seed', { seed: 99 });
      await ctx.sim('POST', '/sandbox/callback-faults', { mode: 'drop', rate: 0.5 });
      for (const ext of exts) await ctx.sim('POST', `${base}/add-friend`, { external_userid: ext, userid: 'zhangsan' });
      await ctx.sb.flushCallbacks();
      const delivered = r.got.map((x) => exts.indexOf(String(x.event.ExternalUserID)));
      await ctx.sb.close();
      await r.close();
      rx = undefined;
      return delivered;
    };
    const first = await run();
    expect(first.length).toBeGreaterThan(0);
    expect(first.length).toBeLessThan(10);
    expect(await run()).toEqual(first);

    const r = await withCallback();
    const { base, ext } = await staffAndCustomer(ctx);
    await ctx.sim('POST', `${base}/add-friend`, { external_userid: ext, userid: 'zhangsan' });
    const t = await ctx.api('externalcontact/transfer_customer', {
      handover_userid: 'zhangsan',
      takeover_userid: 'lisi',
      external_userid: [ext],
    });
    expect(t.customer).toEqual([{ external_userid: ext, errcode: 0 }]);
    await ctx.sim('POST', `${base}/transfers/complete`, { status: 3 });
    await ctx.sb.flushCallbacks();
    expect(r.got[1].event).toMatchObject({
      ChangeType: 'transfer_fail',
      FailReason: 'customer_refused',
      UserID: 'lisi',
    });
    const res = await ctx.api('externalcontact/transfer_result', {
      handover_userid: 'zhangsan',
      takeover_userid: 'lisi',
    });
    expect(res.customer).toEqual([{ external_userid: ext, status: 3 }]);
  });
});
