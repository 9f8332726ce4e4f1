// One Siyu with every module configured, wired to a WeCom sandbox on its own thread, on a fresh PostgreSQL database: the
// setup the event-spine rows (bench/spine-*.bench.ts) share. It reaches Siyu only through createSiyu, HTTP and SQL on
// tables, so the same file runs against the code before and after the event-spine rewrite (issue 10).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCallbackCrypto } from '@siyu/wecom';
import pg from 'pg';
import pino from 'pino';
import { createSiyu, type Siyu } from '../../server/src/app';
import { loadConfig } from '../../server/src/config';
import { startWecomThread, type WecomThread } from './wecom-thread';
import { createBenchDatabase } from './bench-database';

export const STAFF = ['sp_staff_1', 'sp_staff_2', 'sp_staff_3'] as const;
export const CHANNEL_STATE = 'ch_spine';

export type SpineWorld = {
  siyu: Siyu;
  /** The sandbox and the relay (sandbox → relay → Siyu: callbacks arrive side by side, each answer's time recorded). */
  wecom: WecomThread;
  /** Every callback the sandbox queued has been answered by Siyu. */
  flush(): Promise<void>;
  /** The plaintext event XML of a relayed callback. */
  decrypt(c: { path: string; body: string }): string;
  /** The Siyu corp id (inbox rows, tables) and the sandbox's WeCom corp id. */
  corpId: string;
  wecomCorpId: string;
  /** A superuser pool on the bench database: counting, timestamps. */
  db: pg.Pool;
  api<T>(method: string, url: string, payload?: unknown): Promise<T>;
  sb<T>(path: string, body: unknown): Promise<T>;
  /** A new WeCom customer in the sandbox (not yet anyone's friend). */
  newCustomer(name: string): Promise<string>;
  /** config_id of the channel code (state ch_spine: auto tag, welcome message). */
  channelConfigId: string;
  /** One participant's fission code (config_id) per participant, in participant order. */
  fissionCodes: string[];
  participants: string[];
  /** Friends of a staff member that Siyu already holds (targets of edits and deletions). */
  baseCustomers: string[];
  fissionGoal: number;
  pendingInbox(): Promise<number>;
  waitInboxEmpty(timeoutMs: number): Promise<void>;
  stop(): Promise<void>;
};

export type WorldOptions = { participants: number; fissionGoal: number; baseCustomers: number };

async function pool<T>(items: T[], n: number, fn: (t: T, i: number) => Promise<unknown>): Promise<void> {
  let i = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (i < items.length) {
        const k = i++;
        await fn(items[k], k);
      }
    }),
  );
}
export { pool };

export async function startSpineWorld(serverUrl: string, opts: WorldOptions): Promise<SpineWorld> {
  const database = await createBenchDatabase(serverUrl, 'siyu_spine');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-spine-'));
  const wecom = await startWecomThread(Number(process.env.SPINE_CALLBACK_CONCURRENCY ?? 32));
  const config = loadConfig({
    SIYU_DATA_DIR: dataDir,
    DATABASE_URL: database.url,
    SIYU_DEMO: 'false',
    SIYU_SANDBOX: 'false',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    JOB_POLL_SECONDS: '0.5',
  });
  const siyu = await createSiyu(config, { logger: pino({ level: 'silent' }) });
  const db = new pg.Pool({ connectionString: database.url, max: 4 });
  let cookie = '';
  const api = async <T>(method: string, u: string, payload?: unknown): Promise<T> => {
    const res = await siyu.app.inject({
      method: method as 'GET',
      url: u,
      headers: { cookie },
      payload: payload as object,
    });
    if (res.statusCode >= 300) throw new Error(`${method} ${u}: ${res.statusCode} ${res.body}`);
    return (res.body ? res.json() : null) as T;
  };
  const sb = async <T>(p: string, body: unknown): Promise<T> => {
    const res = await fetch(`${wecom.sandboxUrl}${p}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status >= 400) throw new Error(`sandbox ${p}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  db.on('error', () => undefined);
  const stop = async () => {
    await siyu.stop().catch((err: unknown) => console.error('    siyu.stop() failed:', err));
    await wecom.close().catch(() => undefined);
    await db.end().catch(() => undefined);
    // SPINE_KEEP_DB=1 keeps the database (to EXPLAIN the statements of a run against it).
    await database.release({ keep: !!process.env.SPINE_KEEP_DB });
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const { corpId } = await api<{ corpId: string }>('POST', '/api/setup', {
      corpName: 'spine bench',
      email: 'spine@bench.local',
      name: 'spine',
      password: 'spine-bench-password',
    });
    const login = await siyu.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'spine@bench.local', password: 'spine-bench-password' },
    });
    const sid = login.cookies.find((c) => c.name === 'siyu_sid');
    if (!sid) throw new Error(`login failed: ${login.body}`);
    cookie = `siyu_sid=${sid.value}`;

    await wecom.setTarget(await siyu.app.listen({ port: 0, host: '127.0.0.1' }));
    const wecomCorpId = `wwspine${randomBytes(4).toString('hex')}`;
    const token = 'spine' + randomBytes(6).toString('hex');
    const aes = randomBytes(32).toString('base64').slice(0, 43);
    await sb('/sandbox/corps', {
      corp_id: wecomCorpId,
      name: 'spine',
      contact_secret: 'spine-contact-secret',
      callback: { url: `${wecom.relayUrl}/wecom/callback/${corpId}`, token, encoding_aes_key: aes },
    });
    await api('PUT', '/api/wecom/connection', {
      corpId: wecomCorpId,
      contactSecret: 'spine-contact-secret',
      callbackToken: token,
      callbackAesKey: aes,
      apiBase: wecom.sandboxUrl,
    });
    for (const userid of STAFF) await sb(`/sandbox/corps/${wecomCorpId}/staff`, { userid, name: userid });
    const crypto = createCallbackCrypto({ token, encodingAESKey: aes, receiveId: wecomCorpId });
    const decrypt = (c: { path: string; body: string }) => {
      const q = new URL(c.path, 'http://relay').searchParams;
      return crypto.decryptBody(c.body, {
        msg_signature: q.get('msg_signature') ?? '',
        timestamp: q.get('timestamp') ?? '',
        nonce: q.get('nonce') ?? '',
      });
    };
    const flush = () => wecom.flush();
    const newCustomer = async (name: string) =>
      (
        await sb<{ external_userid: string }>(`/sandbox/corps/${wecomCorpId}/customers`, {
          name,
          gender: 1 + (name.length % 2),
        })
      ).external_userid;

    // Friends Siyu already knows before anything is measured: fission participants and a base of customers.
    const participants: string[] = [];
    for (let i = 0; i < opts.participants; i++) participants.push(await newCustomer(`A${i}`));
    const base0: string[] = [];
    for (let i = 0; i < opts.baseCustomers; i++) base0.push(await newCustomer(`base${i}`));
    await pool([...participants, ...base0], 8, (ext, i) =>
      sb(`/sandbox/corps/${wecomCorpId}/add-friend`, { external_userid: ext, userid: STAFF[i % STAFF.length] }),
    );
    await flush();
    await api('POST', '/api/wecom/sync');
    for (;;) {
      const runs = await api<{ runs: Array<{ status: string }> }>('GET', '/api/wecom/sync');
      if (runs.runs[0] && ['done', 'partial', 'failed'].includes(runs.runs[0].status)) break;
      await new Promise((r) => setTimeout(r, 200));
    }

    const pendingInbox = async () =>
      Number(
        (
          await db.query(`SELECT count(*)::int AS n FROM wecom_inbox WHERE corp_id = $1 AND processed_at IS NULL`, [
            corpId,
          ])
        ).rows[0].n,
      );
    const waitInboxEmpty = async (timeoutMs: number) => {
      const t0 = Date.now();
      // EXISTS stops at the first pending row: the poll (every 50 ms, inside the measured window) costs PostgreSQL
      // almost nothing, where a count over thousands of pending rows took ~2 ms a poll.
      const anyPending = async () =>
        (await db.query(`SELECT EXISTS (SELECT 1 FROM wecom_inbox WHERE corp_id = $1 AND processed_at IS NULL) AS p`, [corpId])).rows[0].p === true;
      while (await anyPending()) {
        if (Date.now() - t0 > timeoutMs)
          throw new Error(`inbox not empty after ${timeoutMs} ms: ${await pendingInbox()} pending`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    await waitInboxEmpty(120_000);

    // Every module with something to do on an add: tags, a channel code (auto tag + welcome), segments and a
    // dynamic tag over them, a pipeline whose stages follow segment and tag rules, a points rule on follow_added.
    const tags = await api<{ tags: Array<{ tagId: string }> }>('POST', '/api/tags', {
      groupName: 'spine',
      tags: ['vip', 'channel', 'dyn', 'hot'],
    });
    const [vip, chTag, dynTag, hot] = tags.tags.map((t) => t.tagId);
    const channel = await api<{ id: string; configId?: string }>('POST', '/api/channels', {
      name: 'spine channel',
      state: CHANNEL_STATE,
      staffUserids: [...STAFF],
      skipVerify: true,
      tagIds: [chTag],
      welcome: { text: '欢迎 / welcome' },
    });
    const channelConfigId =
      channel.configId ?? (await api<{ configId: string }>('GET', `/api/channels/${channel.id}`)).configId;
    const seg = async (name: string, rule: unknown, kind: 'segment' | 'dynamic_tag' = 'segment', tagId?: string) =>
      (
        await api<{ id: string }>('POST', '/api/segments', {
          name,
          rule,
          kind,
          ...(tagId ? { tagId } : {}),
          active: true,
        })
      ).id;
    const sChannel = await seg('from channel', { kind: 'channel', states: [CHANNEL_STATE] });
    const sTagged = await seg('tagged', { kind: 'tags', match: 'any', tagIds: [chTag, vip] });
    await seg('women of staff 1', {
      all: [
        { kind: 'attribute', field: 'gender', op: 'eq', value: 2 },
        { kind: 'owner', staffUserids: [STAFF[0]] },
      ],
    });
    await seg('no orders', { not: { kind: 'orders', measure: 'count', op: 'gte', value: 1 } });
    await seg('dyn channel', { kind: 'segment', segmentId: sChannel }, 'dynamic_tag', dynTag);
    await api('POST', '/api/pipelines', {
      name: 'spine pipeline',
      stages: [
        { name: 'new', rule: null },
        { name: 'from channel', rule: { kind: 'segment', segmentId: sChannel } },
        { name: 'tagged', rule: { kind: 'segment', segmentId: sTagged } },
        { name: 'hot', rule: { kind: 'tags', match: 'any', tagIds: [hot] } },
      ],
    });
    await api('PUT', '/api/profile-settings/points-rules', {
      eventType: 'follow_added',
      points: 10,
      pointsPerYuan: 0,
      growth: 5,
      growthPerYuan: 0,
      expiresDays: null,
      enabled: true,
    });

    const campaign = await api<{ id: string }>('POST', '/api/fission/campaigns', {
      name: 'spine',
      goal: opts.fissionGoal,
      rewardType: 'code',
      rewardCodes: Array.from({ length: opts.participants }, (_, i) => `CODE-${i}`),
      poster: { background: '#ffffff', title: 'spine', text: 'spine' },
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      endsAt: new Date(Date.now() + 86_400_000).toISOString(),
      staffUserids: [STAFF[0], STAFF[1]],
      withdrawHours: 24,
    });
    const fissionCodes: string[] = [];
    for (const ext of participants)
      fissionCodes.push(
        (
          await api<{ configId: string }>('POST', `/api/fission/campaigns/${campaign.id}/participants`, {
            externalUserid: ext,
          })
        ).configId,
      );
    await waitInboxEmpty(60_000);
    // A running system's tables have planner statistics (autovacuum keeps them); a world built seconds ago has none,
    // and the planner then nests loops over whole tables that a real deployment never would.
    await db.query('ANALYZE');
    return {
      siyu,
      wecom,
      flush,
      decrypt,
      corpId,
      wecomCorpId,
      db,
      api,
      sb,
      newCustomer,
      channelConfigId,
      fissionCodes,
      participants,
      baseCustomers: base0,
      fissionGoal: opts.fissionGoal,
      pendingInbox,
      waitInboxEmpty,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
