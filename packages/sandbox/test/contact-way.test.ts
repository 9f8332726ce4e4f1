import { afterEach, describe, expect, it } from 'vitest';
import { setup, staffAndCustomer, type Ctx } from './helpers';

let ctx: Ctx;
afterEach(() => ctx?.sb.close());

describe('contact ways and welcome messages', () => {
  it('rejects state and remark over 30 characters', async () => {
    ctx = await setup();
    await staffAndCustomer(ctx);
    const long = 'x'.repeat(31);
    const r1 = await ctx.api('externalcontact/add_contact_way', { type: 1, scene: 2, user: ['zhangsan'], state: long });
    expect(r1.errcode).toBe(40058);
    expect(r1.errmsg).toMatch(/state/);
    const r2 = await ctx.api('externalcontact/add_contact_way', {
      type: 1,
      scene: 2,
      user: ['zhangsan'],
      remark: long,
    });
    expect(r2.errcode).toBe(40058);
    const ok = await ctx.api('externalcontact/add_contact_way', {
      type: 1,
      scene: 2,
      user: ['zhangsan'],
      state: 'x'.repeat(30),
    });
    expect(ok.errcode).toBe(0);
    expect(ok.qr_code).toMatch(new RegExp(`^${ctx.sb.url}/sandbox/qr/`));
    const png = await fetch(ok.qr_code as string);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect((await png.arrayBuffer()).byteLength).toBeGreaterThan(100);
    const got = await ctx.api('externalcontact/get_contact_way', { config_id: ok.config_id as string });
    expect(got.contact_way).toMatchObject({
      type: 1,
      scene: 2,
      state: 'x'.repeat(30),
      user: ['zhangsan'],
      skip_verify: true,
    });
    expect((await ctx.api('externalcontact/list_contact_way', { limit: 100 })).contact_way).toHaveLength(2);
  });

  it('scan creates a follow with the code state; welcome_code is single-use and expires after 20 s', async () => {
    let now = Date.UTC(2025, 5, 1);
    ctx = await setup({ now: () => now });
    const { base, ext, configId } = await staffAndCustomer(ctx);
    const scan = await ctx.sim('POST', `${base}/scan-contact-way`, { external_userid: ext, config_id: configId });
    expect(scan.status).toBe(200);
    expect(scan.json).toMatchObject({ userid: 'zhangsan', state: 'ch_poster_01', pending: false });
    const got = await ctx.api('externalcontact/get', undefined, { external_userid: ext });
    expect(got.follow_user).toMatchObject([
      { userid: 'zhangsan', state: 'ch_poster_01', add_way: 1, oper_userid: ext },
    ]);
    const code = scan.json.welcome_code as string;
    const msg = { welcome_code: code, text: { content: '欢迎！' } };
    expect(
      (await ctx.api('externalcontact/send_welcome_msg', { ...msg, text: { content: '字'.repeat(1334) } })).errcode,
    ).toBe(45002);
    expect(
      (await ctx.api('externalcontact/send_welcome_msg', { ...msg, attachments: Array(10).fill({ msgtype: 'link' }) }))
        .errcode,
    ).toBe(40058);
    expect((await ctx.api('externalcontact/send_welcome_msg', msg)).errcode).toBe(0);
    expect((await ctx.api('externalcontact/send_welcome_msg', msg)).errcode).toBe(41051);

    // Second scan: round-robin to lisi; wait 20 s → too late.
    const c2 = await ctx.sim('POST', `${base}/customers`, { name: '李雷' });
    const scan2 = await ctx.sim('POST', `${base}/scan-contact-way`, {
      external_userid: c2.json.external_userid,
      config_id: configId,
    });
    expect(scan2.json.userid).toBe('lisi');
    now += 20_001;
    const late = await ctx.api('externalcontact/send_welcome_msg', {
      welcome_code: scan2.json.welcome_code,
      text: { content: 'hi' },
    });
    expect(late.errcode).toBe(41051);
    expect(late.errmsg).toMatch(/welcome msg too late/);
  });

  it('skip_verify=false waits for the staff member to accept', async () => {
    ctx = await setup();
    const { base, ext, configId } = await staffAndCustomer(ctx, { type: 1, user: ['zhangsan'], skip_verify: false });
    const scan = await ctx.sim('POST', `${base}/scan-contact-way`, { external_userid: ext, config_id: configId });
    expect(scan.json).toMatchObject({ pending: true, userid: 'zhangsan' });
    expect((await ctx.api('externalcontact/get', undefined, { external_userid: ext })).errcode).toBe(84061);
    const acc = await ctx.sim('POST', `${base}/accept-friend`, { external_userid: ext, userid: 'zhangsan' });
    expect(acc.status).toBe(200);
    expect((await ctx.api('externalcontact/get', undefined, { external_userid: ext })).errcode).toBe(0);
  });

  it('join codes spawn the next group when one reaches 200 members', async () => {
    ctx = await setup();
    const { base } = await staffAndCustomer(ctx);
    const g = await ctx.sim('POST', `${base}/groups`, { owner: 'zhangsan', name: '福利群1' });
    const chatId = (g.json.group as { chat_id: string }).chat_id;
    const way = await ctx.api('externalcontact/groupchat/add_join_way', {
      scene: 2,
      chat_id_list: [chatId],
      room_base_name: '福利群',
      room_base_id: 2,
      state: 'gc_1',
    });
    expect(way.errcode).toBe(0);
    const tooMany = await ctx.api('externalcontact/groupchat/add_join_way', {
      scene: 2,
      chat_id_list: Array(6).fill(chatId),
      room_base_name: 'x',
    });
    expect(tooMany.errcode).toBe(40058);
    let last: Record<string, unknown> = {};
    for (let i = 0; i < 200; i++) {
      const c = await ctx.sim('POST', `${base}/customers`, { name: `客户${i}` });
      last = (
        await ctx.sim('POST', `${base}/join-group`, {
          external_userid: c.json.external_userid,
          config_id: way.config_id,
        })
      ).json;
    }
    expect(last.created).toBe(true);
    expect(last.name).toBe('福利群2');
    const jw = await ctx.api('externalcontact/groupchat/get_join_way', { config_id: way.config_id as string });
    expect((jw.join_way as { chat_id_list: string[] }).chat_id_list).toHaveLength(2);
    const first = await ctx.api('externalcontact/groupchat/get', { chat_id: chatId });
    expect((first.group_chat as { member_list: unknown[] }).member_list).toHaveLength(200);
  });
});
