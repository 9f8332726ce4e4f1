import { afterEach, describe, expect, it } from 'vitest';
import { generatePopulation } from '../src/index';
import { setup, type Ctx } from './helpers';

let ctx: Ctx;
afterEach(() => ctx?.sb.close());

describe('population', () => {
  // How fast it generates is not a test's business (a timed test fails on a loaded machine, not on slow code).
  it('is deterministic at 50 staff / 10,000 customers / 200 groups', () => {
    const a = generatePopulation({ seed: 7, staff: 50, customers: 10_000, groups: 200, now: 1_750_000_000 });
    const b = generatePopulation({ seed: 7, staff: 50, customers: 10_000, groups: 200, now: 1_750_000_000 });
    expect(b).toEqual(a);
    expect(
      generatePopulation({ seed: 8, staff: 50, customers: 100, groups: 2, now: 1_750_000_000 }).customers[0],
    ).not.toEqual(a.customers[0]);
    expect(a.staff).toHaveLength(50);
    expect(a.customers).toHaveLength(10_000);
    expect(a.groups).toHaveLength(200);
    const perCustomer = new Map<string, number>();
    for (const f of a.follows) perCustomer.set(f.external_userid, (perCustomer.get(f.external_userid) ?? 0) + 1);
    expect(perCustomer.size).toBe(10_000);
    expect([...perCustomer.values()].filter((n) => n === 2).length).toBeGreaterThan(500);
    expect(a.customers.every((c) => /^wm[A-Za-z0-9]{30}$/.test(c.external_userid))).toBe(true);
    expect(a.groups.every((g) => g.chat_id.startsWith('wr') && g.members.length <= 200)).toBe(true);
    expect(a.tagGroups.map((g) => g.group_name)).toContain('客户等级');
  });

  it('loads into a corp: snapshot counts and batch/get_by_user covers every follow exactly once', async () => {
    ctx = await setup();
    const base = `/sandbox/corps/${ctx.corpId}`;
    const pop = await ctx.sim('POST', `${base}/population`, { seed: 3, staff: 50, customers: 10_000, groups: 200 });
    expect(pop.status).toBe(200);
    const snap = await ctx.sim('GET', `${base}/state`);
    const counts = snap.json.counts as Record<string, number>;
    expect(counts.staff).toBe(50);
    expect(counts.customers).toBe(10_000);
    expect(counts.follows).toBe(pop.json.follows);
    expect(counts.groups).toBe(200);
    expect(counts.tags).toBeGreaterThan(10);

    const users = (await ctx.api('externalcontact/get_follow_user_list')).follow_user as string[];
    expect(users).toHaveLength(50);
    const seen = new Set<string>();
    let cursor = '';
    let pages = 0;
    do {
      const res = await ctx.api('externalcontact/batch/get_by_user', { userid_list: users, cursor, limit: 100 });
      expect(res.errcode).toBe(0);
      for (const item of res.external_contact_list as {
        external_contact: { external_userid: string };
        follow_info: { userid: string };
      }[]) {
        const key = `${item.follow_info.userid}|${item.external_contact.external_userid}`;
        expect(seen.has(key)).toBe(false);
        seen.add(key);
      }
      cursor = res.next_cursor as string;
      pages++;
    } while (cursor);
    expect(seen.size).toBe(counts.follows);
    expect(pages).toBe(Math.ceil(counts.follows / 100));

    expect((await ctx.api('externalcontact/batch/get_by_user', { userid_list: users, limit: 101 })).errcode).toBe(
      40058,
    );
    const many = Array.from({ length: 101 }, (_, i) => `u${i}`);
    expect((await ctx.api('externalcontact/batch/get_by_user', { userid_list: many })).errcode).toBe(40058);

    const list = await ctx.api('externalcontact/groupchat/list', { limit: 1000 });
    expect((list.group_chat_list as unknown[]).length).toBe(200);
    expect((await ctx.api('externalcontact/groupchat/list', { limit: 1001 })).errcode).toBe(40058);
    const chatId = (list.group_chat_list as { chat_id: string }[])[0].chat_id;
    const g = await ctx.api('externalcontact/groupchat/get', { chat_id: chatId, need_name: 1 });
    expect((g.group_chat as { member_list: unknown[] }).member_list.length).toBeGreaterThan(1);
  });
});
