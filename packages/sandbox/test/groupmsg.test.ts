import { afterEach, describe, expect, it } from 'vitest';
import { setup, type Ctx } from './helpers';

let ctx: Ctx;
afterEach(() => ctx?.sb.close());

const text = { content: '双十一会员专享' };

describe('mass messages', () => {
  it('rejects 10,001 recipients and 2,001 groups; group needs a sender', async () => {
    ctx = await setup();
    const ids = Array.from({ length: 10_001 }, (_, i) => `wm${String(i).padStart(30, '0')}`);
    expect(
      (await ctx.api('externalcontact/add_msg_template', { chat_type: 'single', external_userid: ids, text })).errcode,
    ).toBe(40058);
    const ok = await ctx.api('externalcontact/add_msg_template', {
      chat_type: 'single',
      external_userid: ids.slice(1),
      text,
    });
    expect(ok.errcode).toBe(0);
    expect((ok.fail_list as string[]).length).toBe(10_000);
    const chats = Array.from({ length: 2001 }, (_, i) => `wr${i}`);
    expect(
      (await ctx.api('externalcontact/add_msg_template', { chat_type: 'group', chat_id_list: chats, text })).errcode,
    ).toBe(40058);
    await ctx.sim('POST', `/sandbox/corps/${ctx.corpId}/staff`, { userid: 'zhangsan', name: '张三' });
    expect(
      (
        await ctx.api('externalcontact/add_msg_template', {
          chat_type: 'group',
          chat_id_list: chats,
          sender: 'zhangsan',
          text,
        })
      ).errcode,
    ).toBe(40058);
    expect(
      (await ctx.api('externalcontact/add_msg_template', { chat_type: 'group', chat_id_list: ['wr1'], text })).errcode,
    ).toBe(40058);
    expect((await ctx.api('externalcontact/add_msg_template', { text: { content: 'x'.repeat(4001) } })).errcode).toBe(
      45002,
    );
  });

  it('caps each customer at as many messages per month as the month has days', async () => {
    const now = Date.UTC(2025, 1, 10); // February 2025: 28 days
    ctx = await setup({ now: () => now });
    const base = `/sandbox/corps/${ctx.corpId}`;
    await ctx.sim('POST', `${base}/staff`, { userid: 'zhangsan', name: '张三' });
    const a = (await ctx.sim('POST', `${base}/customers`, { name: 'A' })).json.external_userid as string;
    const b = (await ctx.sim('POST', `${base}/customers`, { name: 'B' })).json.external_userid as string;
    const stranger = (await ctx.sim('POST', `${base}/customers`, { name: 'C' })).json.external_userid as string;
    await ctx.sim('POST', `${base}/add-friend`, { external_userid: a, userid: 'zhangsan' });
    await ctx.sim('POST', `${base}/add-friend`, { external_userid: b, userid: 'zhangsan' });

    for (let i = 0; i < 27; i++) {
      const m = await ctx.api('externalcontact/add_msg_template', { external_userid: [a], sender: 'zhangsan', text });
      expect(m.fail_list).toEqual([]);
      await ctx.sim('POST', `${base}/groupmsg/${m.msgid}/send`, { userid: 'zhangsan' });
    }
    // Two tasks pending while A is at 27: the first send reaches 28, the second finds A over the cap (status 3).
    const m1 = await ctx.api('externalcontact/add_msg_template', {
      external_userid: [a, b, stranger],
      sender: 'zhangsan',
      text,
    });
    expect(m1.fail_list).toEqual([stranger]);
    const m2 = await ctx.api('externalcontact/add_msg_template', { external_userid: [a, b], sender: 'zhangsan', text });
    const task = await ctx.api('externalcontact/get_groupmsg_task', { msgid: m1.msgid });
    expect(task.task_list).toEqual([{ userid: 'zhangsan', status: 0 }]);
    await ctx.sim('POST', `${base}/customer-deletes-staff`, { external_userid: b, userid: 'zhangsan' });
    const s1 = await ctx.sim('POST', `${base}/groupmsg/${m1.msgid}/send`, { userid: 'zhangsan' });
    expect(s1.json).toMatchObject({ sent: 1, not_friend: 1, over_cap: 0 });
    await ctx.sim('POST', `${base}/groupmsg/${m2.msgid}/send`, { userid: 'zhangsan' });
    const r2 = await ctx.api('externalcontact/get_groupmsg_send_result', { msgid: m2.msgid, userid: 'zhangsan' });
    const byExt = Object.fromEntries(
      (r2.send_list as { external_userid: string; status: number }[]).map((r) => [r.external_userid, r.status]),
    );
    expect(byExt).toEqual({ [a]: 3, [b]: 2 });
    const t2 = await ctx.api('externalcontact/get_groupmsg_task', { msgid: m2.msgid });
    expect((t2.task_list as { status: number }[])[0].status).toBe(2);
    // A new message now lists A in fail_list.
    const m3 = await ctx.api('externalcontact/add_msg_template', { external_userid: [a], sender: 'zhangsan', text });
    expect(m3.fail_list).toEqual([a]);
    const list = await ctx.api('externalcontact/get_groupmsg_list_v2', {
      chat_type: 'single',
      start_time: Math.floor(now / 1000) - 3600,
      end_time: Math.floor(now / 1000) + 3600,
      limit: 100,
    });
    expect((list.group_msg_list as unknown[]).length).toBe(30);
  });

  it('cancel answers 41063 while dispatching', async () => {
    let now = Date.UTC(2025, 5, 1);
    ctx = await setup({ now: () => now });
    const base = `/sandbox/corps/${ctx.corpId}`;
    await ctx.sim('POST', `${base}/staff`, { userid: 'zhangsan', name: '张三' });
    const a = (await ctx.sim('POST', `${base}/customers`, { name: 'A' })).json.external_userid as string;
    await ctx.sim('POST', `${base}/add-friend`, { external_userid: a, userid: 'zhangsan' });
    const m = await ctx.api('externalcontact/add_msg_template', { external_userid: [a], text });
    await ctx.sim('POST', `${base}/groupmsg/${m.msgid}/send`, { userid: 'zhangsan', dispatch_ms: 5000 });
    expect((await ctx.api('externalcontact/cancel_groupmsg_send', { msgid: m.msgid })).errcode).toBe(41063);
    now += 5001;
    expect((await ctx.api('externalcontact/cancel_groupmsg_send', { msgid: m.msgid })).errcode).toBe(0);
  });
});
