// The world the security walkers attack: one Siyu server and one WeCom sandbox with two corps, each seeded through
// the HTTP API and the sandbox with one of every kind of record (so every route has a real id to aim at), plus
// cheap digests of a corp's tables and of its sandbox state to prove that a refused request changed nothing.
import { createHash } from 'node:crypto';
import { startSandbox, type Sandbox } from '@siyu/sandbox';
import type { Role } from '../../src/db/schema';
import { createCorpWithRoles, login, startTestApp, type Session, type TestApp } from '../helpers/test-app';
import { until } from '../helpers/until';

const TOKEN = 'siyuSecurityToken42';
const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const SECRET = 'contact-secret-for-security-0123456789abc';

/** Names a seeded record: the tenant walker marks each corp's names, the XSS pass puts payloads in them. */
export type Namer = (corp: 'a' | 'b', kind: string, maxLength: number) => string;

export const markerNamer: Namer = (corp, kind) => `${corp === 'a' ? '甲' : '乙'}${corp.toUpperCase()}mark-${kind}`.slice(0, 30);

export type SeededCorp = {
  key: 'a' | 'b';
  corpId: string;
  sessions: Record<Role, Session>;
  /** Every id this corp owns, by kind (customer, tag, channel, pipeline, stage, …). */
  ids: Record<string, string[]>;
  /** Every name seeded in this corp (customers, staff, tags, channels, …). */
  names: string[];
  /** Customers followed only by staff_b, whom the staff user (staff_a) must never see. */
  hiddenFromStaff: { ids: string[]; names: string[] };
  /** A customer the staff user (staff_a) follows. */
  visibleToStaff: string;
  agentSecret: { agentId: string; secret: string };
};

export type World = {
  app: TestApp;
  url: string;
  sandbox: Sandbox;
  a: SeededCorp;
  b: SeededCorp;
  token: string;
  aesKey: string;
  /** A digest of every row of every tenant table for one corp (sessions excluded). */
  dbDigest(corpId: string): Promise<Record<string, string>>;
  /** A digest of the sandbox's state of one corp. */
  sandboxDigest(corpId: string): string;
  close(): Promise<void>;
};

type Json = Record<string, unknown>;

let tenantTables: string[] | null = null;

async function listTenantTables(app: TestApp): Promise<string[]> {
  if (tenantTables) return tenantTables;
  const { rows } = await app.ctx.database.ownerSql(
    `select c.table_name from information_schema.columns c join information_schema.tables t
       on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = 'public' and c.column_name = 'corp_id' and t.table_type = 'BASE TABLE' order by 1`,
  );
  tenantTables = (rows as Array<{ table_name: string }>).map((r) => r.table_name).filter((t) => t !== 'sessions');
  return tenantTables;
}

export async function dbDigest(app: TestApp, corpId: string): Promise<Record<string, string>> {
  const tables = await listTenantTables(app);
  const parts = tables.map(
    (t) => `select '${t}' as t, count(*)::text || ':' || coalesce(md5(string_agg(x::text, '|' order by x::text)), '') as h from "${t}" x where x.corp_id = $1`,
  );
  const { rows } = await app.ctx.database.ownerSql(parts.join(' union all '), [corpId]);
  return Object.fromEntries((rows as Array<{ t: string; h: string }>).map((r) => [r.t, r.h]));
}

/** The tenant tables of `corpId` whose rows mention any of `needles` (another corp's ids). */
export async function rowsMentioning(app: TestApp, corpId: string, needles: string[]): Promise<string[]> {
  const tables = await listTenantTables(app);
  const patterns = needles.map((n) => `%${n.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const parts = tables.map((t) => `select '${t}' as t from "${t}" x where x.corp_id = $1 and x::text like any($2::text[])`);
  const { rows } = await app.ctx.database.ownerSql(`select distinct t from (${parts.join(' union all ')}) m`, [corpId, patterns]);
  return (rows as Array<{ t: string }>).map((r) => r.t);
}

export function sandboxDigest(sandbox: Sandbox, corpId: string): string {
  const corp = sandbox.state.corps.get(corpId);
  if (!corp) return 'none';
  const follows = [...corp.followsByUser.values()].flatMap((m) => [...m.values()]);
  const state = {
    staff: [...corp.staff.values()],
    customers: [...corp.customers.values()],
    follows,
    tagGroups: [...corp.tagGroups.values()],
    tags: [...corp.tags.values()],
    groups: [...corp.groups.values()].map((g) => ({ ...g })),
    contactWays: [...corp.contactWays.keys()],
    joinWays: [...corp.joinWays.keys()],
    msgTasks: [...corp.msgTasks.keys()],
    appMessages: corp.appMessages.length,
    transfers: corp.transfers.length,
  };
  return createHash('sha256').update(JSON.stringify(state, (_k, v: unknown) => (v instanceof Set ? [...v] : v instanceof Map ? [...v.entries()] : v))).digest('hex');
}

/** The tables whose digests differ. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys({ ...before, ...after }).filter((k) => before[k] !== after[k]);
}

async function sb<T = Json>(sandbox: Sandbox, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${sandbox.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as T;
  if (res.status >= 400) throw new Error(`sandbox ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function api<T = Json>(app: TestApp, cookie: string, method: string, url: string, payload?: unknown, expected = [200, 201, 202, 204]): Promise<T> {
  const res = await app.app.inject({ method: method as 'GET', url, headers: { cookie }, payload: payload as Json });
  if (!expected.includes(res.statusCode)) throw new Error(`seed ${method} ${url}: ${res.statusCode} ${res.body}`);
  return (res.body ? res.json() : {}) as T;
}

async function settle(world: { app: TestApp; sandbox: Sandbox }, corpId: string): Promise<void> {
  await world.sandbox.flushCallbacks();
  await until(
    'inbox drained',
    async () => {
      const { rows } = await world.app.ctx.database.ownerSql('select count(*)::int as n from wecom_inbox where corp_id = $1 and processed_at is null', [corpId]);
      const n = (rows[0] as { n: number }).n;
      if (n > 0) world.app.wecom.inbox.kick(corpId);
      return n === 0;
    },
    60_000,
    100,
  );
  await world.app.wecom.inbox.idle();
}

async function seedCorp(app: TestApp, url: string, sandbox: Sandbox, key: 'a' | 'b', corpId: string, name: Namer): Promise<SeededCorp> {
  const sessions = await createCorpWithRoles(app, corpId);
  const admin = sessions.admin.cookie;
  const names: string[] = [];
  const ids: Record<string, string[]> = {};
  const n = (kind: string, max: number): string => {
    const v = name(key, kind, max);
    names.push(v);
    return v;
  };
  const keep = (kind: string, ...values: string[]): void => {
    ids[kind] = [...(ids[kind] ?? []), ...values];
  };
  const created = await sb<{ app: { agentid: number; secret: string } }>(sandbox, '/sandbox/corps', {
    corp_id: corpId,
    name: `Sandbox ${corpId}`,
    contact_secret: SECRET,
    callback: { url: `${url}/wecom/callback/${corpId}`, token: TOKEN, encoding_aes_key: AES_KEY },
  });
  await api(app, admin, 'PUT', '/api/wecom/connection', { corpId, contactSecret: SECRET, callbackToken: TOKEN, callbackAesKey: AES_KEY, apiBase: sandbox.url });
  const agentSecret = { agentId: String(created.app.agentid), secret: created.app.secret };
  await api(app, admin, 'PUT', '/api/wecom/connection', { agentId: agentSecret.agentId, appSecret: agentSecret.secret });
  for (const userid of ['staff_a', 'staff_b']) await sb(sandbox, `/sandbox/corps/${corpId}/staff`, { userid, name: n(`staff-${userid}`, 30) });
  keep('staffUserid', 'staff_a', 'staff_b');
  const ext: string[] = [];
  for (let i = 0; i < 3; i++) ext.push((await sb<{ external_userid: string }>(sandbox, `/sandbox/corps/${corpId}/customers`, { name: n(`customer${i}`, 30) })).external_userid);
  keep('externalUserid', ...ext);
  await sb(sandbox, `/sandbox/corps/${corpId}/add-friend`, { external_userid: ext[0], userid: 'staff_a' });
  await sb(sandbox, `/sandbox/corps/${corpId}/add-friend`, { external_userid: ext[1], userid: 'staff_b' });
  await sb(sandbox, `/sandbox/corps/${corpId}/add-friend`, { external_userid: ext[2], userid: 'staff_a' });
  await sb(sandbox, `/sandbox/corps/${corpId}/add-friend`, { external_userid: ext[2], userid: 'staff_b' });
  const group = await sb<{ group: { chat_id: string } }>(sandbox, `/sandbox/corps/${corpId}/groups`, { owner: 'staff_a', name: n('group', 30), members: [ext[0], ext[1]] });
  keep('chatId', group.group.chat_id);
  await settle({ app, sandbox }, corpId);
  const sync = await api<{ id: string }>(app, admin, 'POST', '/api/wecom/sync');
  await until('sync done', async () => {
    const runs = await api<{ runs: Array<{ id: string; status: string }> }>(app, admin, 'GET', '/api/wecom/sync');
    return runs.runs.find((r) => r.id === sync.id && ['done', 'partial', 'failed'].includes(r.status));
  });
  await settle({ app, sandbox }, corpId);

  await api(app, admin, 'POST', '/api/tags', { groupName: n('tagGroup', 30), tags: [n('tag', 30)] });
  const tagList = await api<{ groups: Array<{ groupId: string; tags: Array<{ tagId: string }> }> }>(app, admin, 'GET', '/api/tags');
  const tagIds = tagList.groups.flatMap((g) => g.tags.map((t) => t.tagId));
  keep('tag', ...tagIds);
  keep('tagGroup', ...tagList.groups.map((g) => g.groupId));
  const customers = await until('customers mirrored', async () => {
    const list = await api<{ items: Array<{ id: string; externalUserid: string }> }>(app, admin, 'GET', '/api/customers?pageSize=50');
    return list.items.length >= 3 ? list.items : undefined;
  });
  const byExt = new Map(customers.map((c) => [c.externalUserid, c.id]));
  keep('customer', ...customers.map((c) => c.id));
  const hidden = byExt.get(ext[1])!;
  const visible = byExt.get(ext[0])!;

  const field = await api<{ id: string }>(app, admin, 'POST', '/api/custom-fields', { key: 'note_field', label: n('fieldLabel', 60), type: 'text' });
  keep('customField', field.id);
  await api(app, admin, 'PUT', `/api/customers/${hidden}/fields`, { values: { note_field: n('fieldValue', 60) } });
  const note = await api<{ id: string }>(app, admin, 'POST', `/api/customers/${hidden}/notes`, { content: n('note', 500) });
  keep('note', note.id);
  await api(app, admin, 'POST', `/api/customers/${visible}/tags`, { add: [tagIds[0]], remove: [] });

  const channelGroup = await api<{ id: string }>(app, admin, 'POST', '/api/channels/groups', { name: n('channelGroup', 60) });
  keep('channelGroup', channelGroup.id);
  const channel = await api<{ id: string; state: string }>(app, admin, 'POST', '/api/channels', {
    name: n('channel', 60),
    groupId: channelGroup.id,
    staffUserids: ['staff_a'],
    tagIds: [tagIds[0]],
    welcome: { text: n('welcome', 200) },
  });
  keep('channel', channel.id);
  const groupCode = await api<{ id: string }>(app, admin, 'POST', '/api/group-codes', { name: n('groupCode', 60), chatIds: [group.group.chat_id] });
  keep('groupCode', groupCode.id);
  const store = await api<{ id: string }>(app, admin, 'POST', '/api/stores', {
    name: n('store', 60),
    city: n('city', 40),
    address: n('address', 200),
    lat: 31.2,
    lng: 121.4,
    channelId: channel.id,
  });
  keep('store', store.id);
  const storeCode = await api<{ id: string }>(app, admin, 'POST', '/api/store-codes', { name: n('storeCode', 60), title: n('storeTitle', 60) });
  keep('storeCode', storeCode.id);
  const pipeline = await api<{ id: string; stages: Array<{ id: string }> }>(app, admin, 'POST', '/api/pipelines', {
    name: n('pipeline', 40),
    stages: [{ name: n('stage1', 40) }, { name: n('stage2', 40) }],
  });
  keep('pipeline', pipeline.id);
  const pipelines = await api<{ items: Array<{ id: string; stages: Array<{ id: string }> }> }>(app, admin, 'GET', '/api/pipelines');
  const stageIds = pipelines.items.flatMap((p) => p.stages.map((s) => s.id));
  keep('stage', ...stageIds);
  const ownStages = pipelines.items.find((p) => p.id === pipeline.id)!.stages;
  await api(app, admin, 'PUT', `/api/customers/${hidden}/stages/${pipeline.id}`, { stageId: ownStages[0].id });
  const segment = await api<{ id: string }>(app, admin, 'POST', '/api/segments', {
    name: n('segment', 100),
    description: n('segmentDescription', 500),
    rule: { kind: 'owner', staffUserids: ['staff_b'] },
    kind: 'segment',
  });
  keep('segment', segment.id);
  const campaign = await api<{ id: string }>(app, admin, 'POST', '/api/fission/campaigns', {
    name: n('campaign', 64),
    goal: 3,
    rewardType: 'code',
    rewardCodes: [`${key.toUpperCase()}-GIFT-1`, `${key.toUpperCase()}-GIFT-2`],
    poster: { background: '#ffe7ba', title: n('posterTitle', 40), text: n('posterText', 200) },
    startsAt: new Date(Date.now() - 60_000).toISOString(),
    endsAt: new Date(Date.now() + 86_400_000).toISOString(),
    staffUserids: ['staff_a'],
    tagIds: [tagIds[0]],
    withdrawHours: 24,
  });
  keep('campaign', campaign.id);
  const participant = await api<{ id?: string; token: string }>(app, admin, 'POST', `/api/fission/campaigns/${campaign.id}/participants`, { externalUserid: ext[1] });
  keep('fissionToken', participant.token);
  const apiKey = await api<{ id: string }>(app, admin, 'POST', '/api/api-keys', { name: n('apiKey', 60), scopes: ['events:write'] });
  keep('apiKey', apiKey.id);
  const csv = (v: string) => `"${v.replace(/"/g, '""')}"`;
  const rows = ['phone,name,source,notes', `1380000${key === 'a' ? '1' : '2'}001,${csv(n('lead', 30))},${csv(n('leadSource', 30))},`];
  const upload = await app.app.inject({
    method: 'POST',
    url: '/api/leads/imports?filename=leads.csv',
    headers: { cookie: admin, 'content-type': 'text/csv' },
    payload: rows.join('\n'),
  });
  if (upload.statusCode !== 202) throw new Error(`lead import: ${upload.statusCode} ${upload.body}`);
  const batchId = (upload.json() as { id: string }).id;
  keep('leadBatch', batchId);
  await until('leads imported', async () => {
    const b = await api<{ status: string }>(app, admin, 'GET', `/api/leads/batches/${batchId}`);
    return b.status === 'imported' || b.status === 'failed';
  });
  await api(app, admin, 'POST', `/api/leads/batches/${batchId}/distribute`, { mode: 'even', staff: [{ userid: 'staff_a' }], deadlineHours: 24 });
  const leads = await api<{ items: Array<{ id: string }> }>(app, admin, 'GET', `/api/leads?batchId=${batchId}`);
  keep('lead', ...leads.items.map((l) => l.id));
  await settle({ app, sandbox }, corpId);
  const users = await api<{ items: Array<{ id: string }> }>(app, admin, 'GET', '/api/users');
  // The admin's own id last: a walker that deletes "the first user" must not delete the session it walks with.
  keep('user', ...users.items.map((u) => u.id).sort((x, y) => Number(x === sessions.admin.userId) - Number(y === sessions.admin.userId)));

  const hiddenNames = [name(key, 'customer1', 30)];
  return { key, corpId, sessions, ids, names, hiddenFromStaff: { ids: [hidden], names: hiddenNames }, visibleToStaff: visible, agentSecret };
}

/** Logs a role in again when a walker's request ended its session (logout, a role change, a deleted user). */
export async function relogin(world: World, corp: SeededCorp): Promise<void> {
  for (const role of Object.keys(corp.sessions) as Role[]) {
    const me = await world.app.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: corp.sessions[role].cookie } });
    if (me.statusCode === 200) continue;
    try {
      corp.sessions[role].cookie = await login(world.app, `${role}@${corp.corpId.replace(/_/g, '-')}.test`);
    } catch {
      // the user was removed by an accepted request: that role is gone for the rest of the walk
    }
  }
}

export async function startWorld(options: { namer?: Namer; env?: Record<string, string> } = {}): Promise<World> {
  const namer = options.namer ?? markerNamer;
  const sandbox = await startSandbox({ seed: 11, callbackRetryDelayMs: 50, reorderWindowMs: 0 });
  const app = await startTestApp({ env: options.env });
  const url = await app.app.listen({ port: 0, host: '127.0.0.1' });
  const a = await seedCorp(app, url, sandbox, 'a', 'wwsecuritya01', namer);
  const b = await seedCorp(app, url, sandbox, 'b', 'wwsecurityb02', namer);
  return {
    app,
    url,
    sandbox,
    a,
    b,
    token: TOKEN,
    aesKey: AES_KEY,
    dbDigest: (corpId) => dbDigest(app, corpId),
    sandboxDigest: (corpId) => sandboxDigest(sandbox, corpId),
    async close() {
      await app.cleanup();
      await sandbox.close();
    },
  };
}
