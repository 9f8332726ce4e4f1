// Shared set-up for the WeCom end-to-end tests: a sandbox, a Siyu server listening on a real port,
// one corp connected to the sandbox with callbacks pushed to the server.
import { startSandbox, type Sandbox } from '@siyu/sandbox';
import { sql } from 'kysely';
import { expect } from 'vitest';
import { withCorp } from '../../src/db/tenancy';
import { createCorpWithRoles, startTestApp, type Session, type TestApp, type TestAppOptions } from '../helpers/test-app';
import { until } from '../helpers/until';

export const TOKEN = 'siyuCallbackToken42';
export const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
export const SECRET = 'contact-secret-for-tests-0123456789abcdefgh';

export type Harness = {
  app: TestApp;
  url: string;
  sandbox: Sandbox;
  corpId: string;
  admin: Session;
  sb<T = Record<string, unknown>>(path: string, body?: unknown, method?: string): Promise<T>;
  api<T = Record<string, unknown>>(method: string, url: string, payload?: unknown): Promise<{ status: number; body: T }>;
  close(): Promise<void>;
};

export async function startHarness(corpId: string, opts: TestAppOptions & { sandbox?: Sandbox } = {}): Promise<Harness> {
  const sandbox = opts.sandbox ?? (await startSandbox({ seed: 7, callbackRetryDelayMs: 50, reorderWindowMs: 200 }));
  const app = await startTestApp(opts);
  const url = await app.app.listen({ port: 0, host: '127.0.0.1' });
  const roles = await createCorpWithRoles(app, corpId);
  const sb = async <T>(path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST'): Promise<T> => {
    const res = await fetch(`${sandbox.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json()) as T;
    if (res.status >= 400) throw new Error(`sandbox ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const api = async <T>(method: string, u: string, payload?: unknown) => {
    const res = await app.app.inject({ method: method as 'GET', url: u, headers: { cookie: roles.admin.cookie }, payload: payload as object });
    return { status: res.statusCode, body: res.json() as T };
  };
  if (!sandbox.state.corps.has(corpId)) {
    await sb('/sandbox/corps', {
      corp_id: corpId,
      name: `Sandbox ${corpId}`,
      contact_secret: SECRET,
      callback: { url: `${url}/wecom/callback/${corpId}`, token: TOKEN, encoding_aes_key: AES_KEY },
    });
  }
  const put = await api('PUT', '/api/wecom/connection', {
    corpId,
    contactSecret: SECRET,
    callbackToken: TOKEN,
    callbackAesKey: AES_KEY,
    apiBase: sandbox.url,
  });
  expect(put.status).toBe(200);
  return {
    app,
    url,
    sandbox,
    corpId,
    admin: roles.admin,
    sb,
    api,
    async close() {
      await app.cleanup();
      if (!opts.sandbox) await sandbox.close();
    },
  };
}

export type RunView = { id: string; status: string; total: number; done: number; report: Record<string, unknown>; error: string | null };

export async function runSync(h: Harness, kind: 'sync' | 'reconcile', timeoutMs = 120_000): Promise<RunView> {
  const started = await h.api<RunView>('POST', `/api/wecom/${kind}`);
  expect(started.status).toBe(202);
  return until(
    `${kind} run to finish`,
    async () => {
      const { body } = await h.api<{ runs: RunView[] }>('GET', '/api/wecom/sync');
      const run = body.runs.find((r) => r.id === started.body.id);
      return run && ['done', 'partial', 'failed'].includes(run.status) ? run : undefined;
    },
    timeoutMs,
    250,
  );
}

/** Waits until the sandbox delivered every callback and the server processed every inbox row. */
export async function settle(h: Harness, timeoutMs = 120_000): Promise<void> {
  await h.sandbox.flushCallbacks();
  await until(
    'inbox drained',
    async () => {
      const row = await withCorp(h.app.ctx.db, h.corpId, (tx) =>
        tx
          .selectFrom('wecom_inbox')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('corp_id', '=', h.corpId)
          .where('processed_at', 'is', null)
          .executeTakeFirstOrThrow(),
      );
      if (Number(row.n) > 0) h.app.wecom.inbox.kick(h.corpId);
      return Number(row.n) === 0;
    },
    timeoutMs,
    100,
  );
  await h.app.wecom.inbox.idle();
}

const nz = (s: unknown) => (s === undefined || s === null || s === '' ? null : s);

export type Snapshot = {
  staff: Array<{ userid: string; name: string; department: number[]; status: number }>;
  customers: Array<{ external_userid: string; name: string; unionid: string; gender: number; type: number }>;
  follows: Array<{
    userid: string;
    external_userid: string;
    remark: string;
    description: string;
    createtime: number;
    tag_ids: string[];
    remark_mobiles: string[];
    oper_userid: string;
    add_way: number;
    state: string;
  }>;
  tag_groups: Array<{ group_id: string; group_name: string; tag: Array<{ id: string; name: string }> }>;
  groups: Array<{
    chat_id: string;
    name: string;
    owner: string;
    notice: string;
    dismissed: boolean;
    members: Array<{ userid: string; type: number; join_time: number; join_scene: number; invitor: string }>;
  }>;
  counts: Record<string, number>;
};

export type Comparable = {
  follows: string[];
  customers: string[];
  groups: string[];
  members: string[];
  tags: string[];
};

/** The sandbox's state, as comparable sorted rows. */
export async function remoteRows(h: Harness): Promise<Comparable & { snapshot: Snapshot }> {
  const s = await h.sb<Snapshot>(`/sandbox/corps/${h.corpId}/state`);
  const withFollows = new Set(s.follows.map((f) => f.external_userid));
  const live = s.groups.filter((g) => !g.dismissed);
  return {
    snapshot: s,
    follows: s.follows
      .map((f) =>
        JSON.stringify([
          f.external_userid,
          f.userid,
          nz(f.remark),
          nz(f.description),
          nz(f.state),
          f.add_way,
          nz(f.oper_userid),
          [...f.tag_ids].sort(),
          [...f.remark_mobiles],
          f.createtime,
        ]),
      )
      .sort(),
    customers: s.customers
      .filter((c) => withFollows.has(c.external_userid))
      .map((c) => JSON.stringify([c.external_userid, c.name, nz(c.unionid), c.gender, c.type]))
      .sort(),
    groups: live.map((g) => JSON.stringify([g.chat_id, g.name, nz(g.owner), nz(g.notice), g.members.length])).sort(),
    members: live
      .flatMap((g) => g.members.map((m) => JSON.stringify([g.chat_id, m.userid, m.type, m.join_scene, m.join_time, nz(m.invitor)])))
      .sort(),
    tags: s.tag_groups.flatMap((g) => g.tag.map((t) => JSON.stringify([g.group_id, g.group_name, t.id, t.name]))).sort(),
  };
}

/** The server's mirror, as the same rows. */
export async function localRows(h: Harness): Promise<Comparable> {
  return withCorp(h.app.ctx.db, h.corpId, async (tx) => {
    const { rows: follows } = await sql<Record<string, unknown>>`
      select c.external_userid, f.staff_userid, f.remark, f.description, f.state, f.add_way, f.oper_userid, f.tag_ids,
             f.remark_mobiles, extract(epoch from f.followed_at)::bigint as createtime
        from follows f join customers c on c.corp_id = f.corp_id and c.id = f.customer_id
       where f.corp_id = ${h.corpId} and f.deleted_at is null`.execute(tx);
    const { rows: customers } = await sql<Record<string, unknown>>`
      select c.external_userid, c.name, c.unionid, c.gender, c.type from customers c
       where c.corp_id = ${h.corpId}
         and exists (select 1 from follows f where f.corp_id = c.corp_id and f.customer_id = c.id and f.deleted_at is null)`.execute(tx);
    const { rows: groups } = await sql<Record<string, unknown>>`
      select chat_id, name, owner_userid, notice, member_count from groups where corp_id = ${h.corpId} and dismissed_at is null`.execute(tx);
    const { rows: members } = await sql<Record<string, unknown>>`
      select m.chat_id, m.userid, m.type, m.join_scene, extract(epoch from m.join_time)::bigint as join_time, m.invitor_userid
        from group_members m join groups g on g.corp_id = m.corp_id and g.chat_id = m.chat_id
       where m.corp_id = ${h.corpId} and g.dismissed_at is null`.execute(tx);
    const { rows: tags } = await sql<Record<string, unknown>>`
      select t.group_id, g.name as group_name, t.tag_id, t.name from tags t
        join tag_groups g on g.corp_id = t.corp_id and g.group_id = t.group_id where t.corp_id = ${h.corpId}`.execute(tx);
    return {
      follows: follows
        .map((f) =>
          JSON.stringify([
            f.external_userid,
            f.staff_userid,
            f.remark,
            f.description,
            f.state,
            f.add_way,
            f.oper_userid,
            [...(f.tag_ids as string[])].sort(),
            f.remark_mobiles,
            Number(f.createtime),
          ]),
        )
        .sort(),
      customers: customers.map((c) => JSON.stringify([c.external_userid, c.name, c.unionid, c.gender, c.type])).sort(),
      groups: groups.map((g) => JSON.stringify([g.chat_id, g.name, g.owner_userid, g.notice, g.member_count])).sort(),
      members: members
        .map((m) => JSON.stringify([m.chat_id, m.userid, m.type, m.join_scene, Number(m.join_time), m.invitor_userid]))
        .sort(),
      tags: tags.map((t) => JSON.stringify([t.group_id, t.group_name, t.tag_id, t.name])).sort(),
    };
  });
}

/** Row-for-row equality, reporting the first differences instead of dumping thousands of rows. */
export function expectSameRows(local: Comparable, remote: Comparable): void {
  for (const k of ['follows', 'customers', 'groups', 'members', 'tags'] as const) {
    const l = new Set(local[k]);
    const r = new Set(remote[k]);
    const missing = remote[k].filter((x) => !l.has(x)).slice(0, 5);
    const extra = local[k].filter((x) => !r.has(x)).slice(0, 5);
    expect({ table: k, count: local[k].length, missing, extra }).toEqual({ table: k, count: remote[k].length, missing: [], extra: [] });
  }
}
