import { afterEach, describe, expect, it } from 'vitest';
import { setup, type Ctx } from './helpers';

let ctx: Ctx;
afterEach(() => ctx?.sb.close());

describe('access token', () => {
  it('gettoken rejects a bad corpid (40013) and a bad secret (40001)', async () => {
    ctx = await setup();
    const get = async (q: string) =>
      (await (await fetch(`${ctx.sb.url}/cgi-bin/gettoken?${q}`)).json()) as Record<string, unknown>;
    expect((await get('corpid=wwnope&corpsecret=x')).errcode).toBe(40013);
    expect((await get(`corpid=${ctx.corpId}&corpsecret=wrong`)).errcode).toBe(40001);
    expect((await get('corpsecret=x')).errcode).toBe(41002);
    const ok = await get(`corpid=${ctx.corpId}&corpsecret=${ctx.secret}`);
    expect(ok).toMatchObject({ errcode: 0, errmsg: 'ok', expires_in: 7200 });
    expect(ok.access_token).toBe(ctx.token);
  });

  it('missing → 41001, invalid → 40014, expired → 42001 (early expiry and the 7200 s clock)', async () => {
    let now = Date.UTC(2025, 5, 1);
    ctx = await setup({ now: () => now });
    const res = await fetch(`${ctx.sb.url}/cgi-bin/externalcontact/get_follow_user_list`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { errcode: number }).errcode).toBe(41001);
    expect(
      (
        (await (await fetch(`${ctx.sb.url}/cgi-bin/user/list?access_token=nope&department_id=1`)).json()) as {
          errcode: number;
        }
      ).errcode,
    ).toBe(40014);
    expect((await ctx.api('externalcontact/get_follow_user_list')).errcode).toBe(0);
    await ctx.sim('POST', '/sandbox/tokens/expire', { corp_id: ctx.corpId });
    expect((await ctx.api('externalcontact/get_follow_user_list')).errcode).toBe(42001);

    const fresh = (await (
      await fetch(`${ctx.sb.url}/cgi-bin/gettoken?corpid=${ctx.corpId}&corpsecret=${ctx.secret}`)
    ).json()) as { access_token: string };
    expect(fresh.access_token).not.toBe(ctx.token);
    ctx.token = fresh.access_token;
    now += 7199_000;
    expect((await ctx.api('externalcontact/get_follow_user_list')).errcode).toBe(0);
    now += 2_000;
    expect((await ctx.api('externalcontact/get_follow_user_list')).errcode).toBe(42001);
  });
});

describe('errors and faults', () => {
  it('unknown path → 404 JSON; bad JSON → 47001; bad sandbox input → 4xx {code, message}', async () => {
    ctx = await setup();
    const r = await fetch(`${ctx.sb.url}/cgi-bin/externalcontact/nope?access_token=${ctx.token}`);
    expect(r.status).toBe(404);
    expect(await r.json()).toMatchObject({ errcode: 404 });
    const bad = await fetch(`${ctx.sb.url}/cgi-bin/externalcontact/remark?access_token=${ctx.token}`, {
      method: 'POST',
      body: '{x',
    });
    expect(((await bad.json()) as { errcode: number }).errcode).toBe(47001);
    const sb = await ctx.sim('POST', `/sandbox/corps/${ctx.corpId}/customers`, { gender: 1 });
    expect(sb.status).toBe(400);
    expect(sb.json).toMatchObject({ code: 'bad_request' });
    expect((await ctx.sim('GET', '/sandbox/corps/wwnope/state')).status).toBe(404);
  });

  it('an injected errcode is returned `times` times, then clears', async () => {
    ctx = await setup();
    const f = await ctx.sim('POST', '/sandbox/faults', {
      api: 'externalcontact/get_follow_user_list',
      errcode: 48009,
      times: 2,
    });
    expect(f.status).toBe(201);
    expect((await ctx.api('externalcontact/get_follow_user_list')).errcode).toBe(48009);
    expect((await ctx.api('department/list')).errcode).toBe(0);
    expect((await ctx.api('externalcontact/get_follow_user_list')).errcode).toBe(48009);
    expect((await ctx.api('externalcontact/get_follow_user_list')).errcode).toBe(0);

    await ctx.sim('POST', '/sandbox/faults', { corp_id: ctx.corpId, api: '*', errcode: 45009 });
    expect((await ctx.api('department/list')).errcode).toBe(45009);
    expect((await ctx.api('externalcontact/get_follow_user_list')).errcode).toBe(45009);
    await ctx.sim('DELETE', '/sandbox/faults');
    expect((await ctx.api('department/list')).errcode).toBe(0);
  });

  it('a seeded rate is deterministic', async () => {
    ctx = await setup();
    const run = async () => {
      await ctx.sim('POST', '/sandbox/seed', { seed: 42 });
      await ctx.sim('POST', '/sandbox/faults', { api: 'department/list', errcode: -1, rate: 0.5 });
      const codes: number[] = [];
      for (let i = 0; i < 20; i++) codes.push((await ctx.api('department/list')).errcode as number);
      await ctx.sim('DELETE', '/sandbox/faults');
      return codes;
    };
    const a = await run();
    expect(a).toContain(-1);
    expect(a).toContain(0);
    expect(await run()).toEqual(a);
  });

  it('app messages are logged for tests; tags round-trip; mark_tag needs a relation (84061)', async () => {
    ctx = await setup();
    const base = `/sandbox/corps/${ctx.corpId}`;
    await ctx.sim('POST', `${base}/staff`, { userid: 'zhangsan', name: '张三' });
    const cust = await ctx.sim('POST', `${base}/customers`, { name: '客户A' });
    const ext = cust.json.external_userid as string;
    const sent = await ctx.api('message/send', {
      touser: 'zhangsan',
      msgtype: 'text',
      agentid: 1000002,
      text: { content: '提醒' },
    });
    expect(sent.errcode).toBe(0);
    const added = await ctx.api('externalcontact/add_corp_tag', {
      group_name: '客户等级',
      tag: [{ name: 'VIP' }, { name: '普通' }],
    });
    expect(added.errcode).toBe(0);
    const tagId = (added.tag_group as { tag: { id: string }[] }).tag[0].id;
    expect(tagId.startsWith('et')).toBe(true);
    expect(
      (await ctx.api('externalcontact/add_corp_tag', { group_name: '客户等级', tag: [{ name: 'VIP' }] })).errcode,
    ).toBe(40071);
    expect(
      (await ctx.api('externalcontact/mark_tag', { userid: 'zhangsan', external_userid: ext, add_tag: [tagId] }))
        .errcode,
    ).toBe(84061);
    await ctx.sim('POST', `${base}/add-friend`, { userid: 'zhangsan', external_userid: ext });
    expect(
      (await ctx.api('externalcontact/mark_tag', { userid: 'zhangsan', external_userid: ext, add_tag: [tagId] }))
        .errcode,
    ).toBe(0);
    const got = await ctx.api('externalcontact/get', undefined, { external_userid: ext });
    expect((got.follow_user as { tags: { tag_id: string; group_name: string }[] }[])[0].tags[0]).toMatchObject({
      tag_id: tagId,
      group_name: '客户等级',
    });
    expect(
      (
        await ctx.api('externalcontact/remark', {
          userid: 'zhangsan',
          external_userid: ext,
          remark: '一二三四五六七八九十一二三四五六七八九十一',
        })
      ).errcode,
    ).toBe(40058);
    const snap = await ctx.sim('GET', `${base}/state`);
    expect((snap.json.app_messages as unknown[]).length).toBe(1);
    // API changes trigger no callback; the simulated add-friend does.
    expect((snap.json.counts as { callbacks: number }).callbacks).toBe(1);
  });
});
