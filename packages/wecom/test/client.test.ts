import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWecomClient, RateLimiter, TokenStore, WecomError, type WecomClientOptions } from '../src/index';
import { CORP_ID, SECRET, startFakeWecom, type FakeWecom, type JsonBody } from './fake-wecom';

let fake: FakeWecom;
let slept: number[];

beforeEach(async () => {
  fake = await startFakeWecom();
  slept = [];
});
afterEach(async () => {
  await fake.close();
});

function client(opts: Partial<WecomClientOptions> = {}) {
  return createWecomClient({
    corpId: CORP_ID,
    secret: SECRET,
    baseUrl: fake.baseUrl,
    tokenStore: new TokenStore(),
    sleep: async (ms) => void slept.push(ms),
    ...opts,
  });
}

/** Serves `items` with an opaque offset cursor, like WeCom's cursor APIs. */
function page<T>(items: T[], cursor: unknown, limit: number): { slice: T[]; next_cursor: string } {
  const start = typeof cursor === 'string' && cursor ? Number(cursor.slice(2)) : 0;
  const end = start + limit;
  return { slice: items.slice(start, end), next_cursor: end < items.length ? `c:${end}` : '' };
}

describe('access token', () => {
  it('fetches once for concurrent callers (single-flight) and reuses it', async () => {
    fake.tokenDelayMs = 50;
    fake.on('externalcontact/get_follow_user_list', () => ({ follow_user: ['zhangsan', 'lisi'] }));
    const c = client();
    const results = await Promise.all(Array.from({ length: 10 }, () => c.getFollowUserList()));
    expect(results.every((r) => r.follow_user.join() === 'zhangsan,lisi')).toBe(true);
    await c.getFollowUserList();
    expect(fake.calls('gettoken')).toHaveLength(1);
    const used = new Set(fake.calls('externalcontact/get_follow_user_list').map((r) => r.query.access_token));
    expect([...used]).toEqual(['tok-1']);
  });

  it('shares the token between clients of the same corp and secret', async () => {
    fake.on('externalcontact/get_follow_user_list', () => ({ follow_user: [] }));
    const store = new TokenStore();
    await client({ tokenStore: store }).getFollowUserList();
    await client({ tokenStore: store }).getFollowUserList();
    expect(fake.calls('gettoken')).toHaveLength(1);
  });

  it('refreshes before expires_in runs out', async () => {
    let now = 1_000_000;
    fake.on('externalcontact/get_follow_user_list', () => ({ follow_user: [] }));
    const c = client({ tokenStore: new TokenStore(() => now), now: () => now });
    await c.getFollowUserList();
    now += 7000 * 1000; // within 5 minutes of 7200 s
    await c.getFollowUserList();
    expect(fake.calls('gettoken')).toHaveLength(2);
  });

  it.each([42001, 40014] as const)('on %i drops the token, refetches and retries once', async (code) => {
    fake.on('externalcontact/list', (r) => ({ external_userid: [`of-${r.query.userid}`] }));
    const c = client();
    await c.listExternalContacts('zhangsan');
    fake.revokeTokens(code);
    const res = await c.listExternalContacts('zhangsan');
    expect(res.external_userid).toEqual(['of-zhangsan']);
    expect(fake.calls('gettoken')).toHaveLength(2);
    expect(fake.calls('externalcontact/list').map((r) => r.query.access_token)).toEqual(['tok-1', 'tok-1', 'tok-2']);
  });

  it('throws when the token is rejected twice in a row', async () => {
    fake.on('externalcontact/list', () => ({ external_userid: [] }));
    fake.script('externalcontact/list', { errcode: 42001, errmsg: 'expired' }, { errcode: 42001, errmsg: 'expired' });
    const err = await client()
      .listExternalContacts('zhangsan')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WecomError);
    expect((err as WecomError).errcode).toBe(42001);
    expect(fake.calls('externalcontact/list')).toHaveLength(2);
  });

  it('throws WecomError for a bad secret without retrying', async () => {
    const err = await client({ secret: 'wrong' })
      .getFollowUserList()
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'WecomError', errcode: 40001, api: 'gettoken' });
    expect(fake.calls('gettoken')).toHaveLength(1);
  });
});

describe('retries', () => {
  beforeEach(() => {
    fake.on('externalcontact/get_follow_user_list', () => ({ follow_user: ['zhangsan'] }));
  });

  it('retries -1 with exponential backoff', async () => {
    fake.script(
      'externalcontact/get_follow_user_list',
      { errcode: -1, errmsg: 'system busy' },
      { errcode: -1, errmsg: 'system busy' },
    );
    const res = await client().getFollowUserList();
    expect(res.follow_user).toEqual(['zhangsan']);
    expect(slept).toEqual([200, 400]);
  });

  it('gives up on -1 after 3 retries', async () => {
    const busy = { errcode: -1, errmsg: 'system busy' };
    fake.script('externalcontact/get_follow_user_list', busy, busy, busy, busy);
    const err = await client()
      .getFollowUserList()
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ errcode: -1, api: 'externalcontact/get_follow_user_list' });
    expect(slept).toEqual([200, 400, 800]);
    expect(fake.calls('externalcontact/get_follow_user_list')).toHaveLength(4);
  });

  it('gives up on a call WeCom does not answer within timeoutMs, as a -1 (transport failure), and retries it', async () => {
    let hung = 0;
    fake.on('externalcontact/get_follow_user_list', () => {
      hung++;
      return new Promise<JsonBody>(() => undefined);
    });
    const started = Date.now();
    const err = await client({ timeoutMs: 300 })
      .getFollowUserList()
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ errcode: -1, api: 'externalcontact/get_follow_user_list' });
    expect(String((err as Error).message)).toMatch(/transport failure/);
    expect(hung).toBe(4);
    expect(slept).toEqual([200, 400, 800]);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('treats HTTP 5xx and non-JSON as transient', async () => {
    fake.script(
      'externalcontact/get_follow_user_list',
      { httpStatus: 502, text: 'bad gateway' },
      { httpStatus: 200, text: '<html>' },
    );
    const res = await client().getFollowUserList();
    expect(res.follow_user).toEqual(['zhangsan']);
    expect(slept).toEqual([200, 400]);
  });

  it('backs off on 45009 and retries', async () => {
    fake.script(
      'externalcontact/get_follow_user_list',
      { errcode: 45009, errmsg: 'freq out of limit' },
      { errcode: 45009, errmsg: 'freq' },
    );
    const res = await client({ retry: { frequencyDelayMs: 1000 } }).getFollowUserList();
    expect(res.follow_user).toEqual(['zhangsan']);
    expect(slept).toEqual([1000, 2000]);
  });

  it('throws 45009 after the bounded retries', async () => {
    const freq = { errcode: 45009, errmsg: 'freq out of limit' };
    fake.script('externalcontact/get_follow_user_list', freq, freq, freq, freq);
    const err = await client()
      .getFollowUserList()
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ errcode: 45009 });
    expect(slept).toEqual([10_000, 20_000, 40_000]);
  });

  it('backs off on 45033 with the concurrency delay', async () => {
    fake.script('externalcontact/get_follow_user_list', { errcode: 45033, errmsg: 'api concurrent out of limit' });
    await client().getFollowUserList();
    expect(slept).toEqual([1000]);
  });

  it.each([48009, 84061, 60020, 81017])('throws %i at once', async (code) => {
    fake.script('externalcontact/get_follow_user_list', { errcode: code, errmsg: 'nope' });
    const err = await client()
      .getFollowUserList()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WecomError);
    expect(err).toMatchObject({ errcode: code, errmsg: 'nope', api: 'externalcontact/get_follow_user_list' });
    expect(slept).toEqual([]);
    expect(fake.calls('externalcontact/get_follow_user_list')).toHaveLength(1);
  });
});

describe('requests', () => {
  it('sends WeCom field names in query and body', async () => {
    fake.on('externalcontact/get', (r) => ({
      external_contact: { external_userid: r.query.external_userid, name: '李四', type: 1 },
      follow_user: [{ userid: 'zhangsan', createtime: 1700000000, state: 'ch_1', tags: [] }],
      next_cursor: '',
    }));
    fake.on('user/list', (r) => ({
      userlist: [{ userid: 'zhangsan', name: '张三', department: [Number(r.query.department_id)], status: 1 }],
    }));
    fake.on('externalcontact/mark_tag', () => ({}));
    fake.on('message/send', () => ({ invaliduser: '' }));
    fake.on('auth/getuserinfo', () => ({ UserId: 'zhangsan', DeviceId: '' }));
    const c = client();
    const got = await c.getExternalContact('wmABC');
    expect(got.external_contact.external_userid).toBe('wmABC');
    expect(got.follow_user[0].state).toBe('ch_1');
    const users = await c.listUsers(1);
    expect(users.userlist[0]).toMatchObject({ userid: 'zhangsan', department: [1] });
    expect(fake.calls('user/list')[0].query).toMatchObject({ department_id: '1', fetch_child: '1' });
    await c.markTag({ userid: 'zhangsan', external_userid: 'wmABC', add_tag: ['et1'] });
    expect(fake.calls('externalcontact/mark_tag')[0]).toMatchObject({
      method: 'POST',
      body: { userid: 'zhangsan', external_userid: 'wmABC', add_tag: ['et1'] },
    });
    await c.sendAppMessage({ touser: 'zhangsan', msgtype: 'text', agentid: 1000002, text: { content: 'hi' } });
    expect(fake.calls('message/send')[0].body).toMatchObject({ msgtype: 'text', agentid: 1000002 });
    const who = await c.getUserInfoByCode('CODE');
    expect(who.UserId).toBe('zhangsan');
    expect(fake.calls('auth/getuserinfo')[0].query.code).toBe('CODE');
  });

  it('caches jsapi tickets per kind and signs', async () => {
    fake.on('get_jsapi_ticket', () => ({ ticket: 'corp-ticket', expires_in: 7200 }));
    fake.on('ticket/get', (r) => ({ ticket: `${r.query.type}-ticket`, expires_in: 7200 }));
    const c = client();
    const a = await c.signJsApi('https://x.test/sidebar', 'corp', { nonceStr: 'n', timestamp: 1 });
    await c.signJsApi('https://x.test/sidebar', 'corp');
    expect(await c.jsapiTicket('agent')).toBe('agent_config-ticket');
    expect(fake.calls('get_jsapi_ticket')).toHaveLength(1);
    expect(fake.calls('ticket/get')).toHaveLength(1);
    expect(a).toMatchObject({ timestamp: 1, nonceStr: 'n' });
    expect(a.signature).toMatch(/^[0-9a-f]{40}$/);
  });
});

describe('pagination', () => {
  it('iterateFollowUsersCustomers chunks userids by 100 and follows next_cursor', async () => {
    const staff = Array.from({ length: 150 }, (_, i) => `u${i}`);
    fake.on('externalcontact/batch/get_by_user', (r) => {
      const body = r.body as { userid_list: string[]; cursor?: string; limit: number };
      const all = body.userid_list.flatMap((u) =>
        [0, 1].map((k) => ({
          external_contact: { external_userid: `wm-${u}-${k}`, name: 'c', type: 1 },
          follow_info: { userid: u, createtime: 1, tag_id: [] },
        })),
      );
      const p = page(all, body.cursor, body.limit);
      return { external_contact_list: p.slice, next_cursor: p.next_cursor };
    });
    const seen: string[] = [];
    for await (const item of client().iterateFollowUsersCustomers(staff))
      seen.push(item.external_contact.external_userid);
    expect(seen).toHaveLength(300);
    expect(new Set(seen).size).toBe(300);
    const reqs = fake.calls('externalcontact/batch/get_by_user');
    for (const r of reqs) {
      const b = r.body as { userid_list: string[]; limit: number };
      expect(b.userid_list.length).toBeLessThanOrEqual(100);
      expect(b.limit).toBeLessThanOrEqual(100);
    }
    // first 100 staff have 200 follows (2 pages), the last 50 have 100 (1 page)
    expect(reqs.map((r) => (r.body as { userid_list: string[] }).userid_list.length)).toEqual([100, 100, 50]);
    expect(reqs.map((r) => (r.body as JsonBody).cursor ?? '')).toEqual(['', 'c:100', '']);
  });

  it('iterateGroupChats pages by 1000', async () => {
    const chats = Array.from({ length: 2500 }, (_, i) => ({ chat_id: `wr${i}`, status: 0 }));
    fake.on('externalcontact/groupchat/list', (r) => {
      const b = r.body as { cursor?: string; limit: number };
      const p = page(chats, b.cursor, b.limit);
      return { group_chat_list: p.slice, next_cursor: p.next_cursor };
    });
    let n = 0;
    for await (const chat of client().iterateGroupChats({ status_filter: 0 })) {
      expect(chat.chat_id).toBe(`wr${n}`);
      n++;
    }
    expect(n).toBe(2500);
    expect(fake.calls('externalcontact/groupchat/list').map((r) => (r.body as JsonBody).limit)).toEqual([
      1000, 1000, 1000,
    ]);
  });

  it('iterateContactWays, iterateGroupMsgTask, iterateGroupMsgSendResult page through', async () => {
    const ways = Array.from({ length: 1500 }, (_, i) => ({ config_id: `cfg${i}` }));
    const tasks = Array.from({ length: 1001 }, (_, i) => ({ userid: `u${i}`, status: 2, send_time: 1 }));
    const sends = Array.from({ length: 5 }, (_, i) => ({ external_userid: `wm${i}`, userid: 'u1', status: 1 }));
    fake.on('externalcontact/list_contact_way', (r) => {
      const b = r.body as { cursor?: string; limit: number };
      const p = page(ways, b.cursor, b.limit);
      return { contact_way: p.slice, next_cursor: p.next_cursor };
    });
    fake.on('externalcontact/get_groupmsg_task', (r) => {
      const b = r.body as { cursor?: string; limit: number };
      const p = page(tasks, b.cursor, b.limit);
      return { task_list: p.slice, next_cursor: p.next_cursor };
    });
    fake.on('externalcontact/get_groupmsg_send_result', (r) => {
      const b = r.body as { cursor?: string; limit: number };
      const p = page(sends, b.cursor, 2);
      return { send_list: p.slice, next_cursor: p.next_cursor };
    });
    const c = client();
    const collect = async <T>(it: AsyncIterable<T>) => {
      const out: T[] = [];
      for await (const x of it) out.push(x);
      return out;
    };
    expect(await collect(c.iterateContactWays({ start_time: 1 }))).toHaveLength(1500);
    expect(await collect(c.iterateGroupMsgTask({ msgid: 'msg1' }))).toHaveLength(1001);
    expect(await collect(c.iterateGroupMsgSendResult({ msgid: 'msg1', userid: 'u1' }))).toHaveLength(5);
    expect(fake.calls('externalcontact/get_groupmsg_send_result')).toHaveLength(3);
    expect(fake.calls('externalcontact/get_groupmsg_task')[0].body).toMatchObject({ msgid: 'msg1', limit: 1000 });
  });

  it('iterateUnassigned stops at is_last', async () => {
    fake.on('externalcontact/get_unassigned_list', (r) => {
      const b = r.body as { cursor?: string };
      return b.cursor
        ? {
            info: [{ handover_userid: 'a', external_userid: 'wm2', dimission_time: 1 }],
            is_last: true,
            next_cursor: 'junk',
          }
        : {
            info: [{ handover_userid: 'a', external_userid: 'wm1', dimission_time: 1 }],
            is_last: false,
            next_cursor: 'next',
          };
    });
    const ids: string[] = [];
    for await (const u of client().iterateUnassigned()) ids.push(u.external_userid);
    expect(ids).toEqual(['wm1', 'wm2']);
  });

  it('refuses a repeated cursor instead of looping forever', async () => {
    fake.on('externalcontact/list_contact_way', () => ({ contact_way: [{ config_id: 'x' }], next_cursor: 'same' }));
    const run = async () => {
      for await (const _ of client().iterateContactWays()) void _;
    };
    await expect(run()).rejects.toThrow(/repeated/);
  });
});

describe('rate limiting', () => {
  it('holds calls beyond the per-minute budget', async () => {
    let now = 0;
    const waits: number[] = [];
    fake.on('externalcontact/get_follow_user_list', () => ({ follow_user: [] }));
    const c = client({
      now: () => now,
      sleep: async (ms) => {
        waits.push(ms);
        now += ms;
      },
      limits: { perApi: { 'externalcontact/get_follow_user_list': { perMinute: 2 } } },
    });
    await c.getFollowUserList();
    await c.getFollowUserList();
    expect(waits).toEqual([]);
    await c.getFollowUserList();
    expect(waits).toEqual([30_000]);
  });

  it('caps concurrent calls per API (5 for groupchat/statistic by default)', async () => {
    fake.on('externalcontact/groupchat/statistic', async () => {
      await new Promise((r) => setTimeout(r, 30));
      return { total: 0, next_offset: 0, items: [] };
    });
    fake.on('externalcontact/groupchat/get', async (r) => {
      await new Promise((res) => setTimeout(res, 30));
      return {
        group_chat: { chat_id: (r.body as JsonBody).chat_id, name: '', owner: 'u', create_time: 1, member_list: [] },
      };
    });
    const c = client({ limits: { perApi: { 'externalcontact/groupchat/get': { concurrency: 2 } } } });
    await Promise.all(
      Array.from({ length: 12 }, () =>
        c.getGroupChatStatistic({ day_begin_time: 1, owner_filter: { userid_list: ['u'] } }),
      ),
    );
    await Promise.all(Array.from({ length: 6 }, (_, i) => c.getGroupChat(`wr${i}`)));
    expect(fake.maxInFlight('externalcontact/groupchat/statistic')).toBe(5);
    expect(fake.maxInFlight('externalcontact/groupchat/get')).toBe(2);
  });

  it('a shared RateLimiter spans clients', async () => {
    const limiter = new RateLimiter({ default: { concurrency: 1 } });
    fake.on('externalcontact/list', async () => {
      await new Promise((r) => setTimeout(r, 20));
      return { external_userid: [] };
    });
    const a = client({ rateLimiter: limiter });
    const b = client({ rateLimiter: limiter });
    await Promise.all([a.listExternalContacts('x'), b.listExternalContacts('y'), a.listExternalContacts('z')]);
    expect(fake.maxInFlight('externalcontact/list')).toBe(1);
  });
});
