// Two Siyu servers on one PostgreSQL (docs/deploy.md, "Several Siyu processes"): the sandbox's callbacks reach both
// — each one delivered to one server and again to the other, as a WeCom retry landing behind a load balancer would —
// and both run their inbox workers and job queues on the same tables. Every add is applied once, the fission reward
// is granted once and every welcome message is sent once.
import http from 'node:http';
import { startSandbox, type Sandbox } from '@siyu/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCorp } from '../../src/db/tenancy';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { until } from '../helpers/until';
import { AES_KEY, runSync, SECRET, startHarness, TOKEN, type Harness } from '../wecom/harness';

const CORP = 'wwtwoservers01';
const STAFF = 'staff_a';
const CHANNEL_ADDS = 4;
const FISSION_ADDS = 3;
const GOAL = 2;

// The load balancer: each callback to one server and, right after, the same bytes to the other. `targets` is filled
// once the servers listen; `answered` counts each server's 2xx answers.
function startRelay(targets: string[]): Promise<{ url: string; answered: number[]; close(): Promise<void> }> {
  const answered = [0, 0];
  let next = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const first = next++ % targets.length;
      const order = targets.map((_, i) => (first + i) % targets.length);
      const send = async (i: number) => {
        const r = await fetch(`${targets[i]}${req.url}`, {
          method: req.method,
          headers: { 'content-type': String(req.headers['content-type'] ?? 'text/xml') },
          body: req.method === 'POST' ? Buffer.concat(chunks) : undefined,
        });
        const text = await r.text();
        if (r.ok) answered[i]++;
        return { status: r.status, text };
      };
      try {
        const answer = await send(order[0]);
        if (req.method === 'POST') for (const i of order.slice(1)) await send(i);
        res.writeHead(answer.status, { 'content-type': 'text/plain' }).end(answer.text);
      } catch (err) {
        res.writeHead(502).end(String(err));
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({ url: `http://127.0.0.1:${port}`, answered, close: () => new Promise<void>((r) => server.close(() => r())) });
    }),
  );
}

describe.skipIf(!process.env.DATABASE_URL)(
  'two servers on one PostgreSQL (PostgreSQL lane only: PGlite is one process’s embedded database, a second server cannot share it)',
  () => {
    let sandbox: Sandbox;
    let h: Harness;
    let second: TestApp;
    let relay: Awaited<ReturnType<typeof startRelay>>;
    const targets: string[] = [];

    beforeAll(async () => {
      sandbox = await startSandbox({ seed: 11, callbackRetryDelayMs: 50, reorderWindowMs: 100 });
      relay = await startRelay(targets);
      const res = await fetch(`${sandbox.url}/sandbox/corps`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          corp_id: CORP,
          name: 'two servers',
          contact_secret: SECRET,
          callback: { url: `${relay.url}/wecom/callback/${CORP}`, token: TOKEN, encoding_aes_key: AES_KEY },
        }),
      });
      expect(res.ok).toBe(true);
      h = await startHarness(CORP, { sandbox });
      second = await startTestApp({ databaseUrl: h.app.config.databaseUrl });
      targets.push(h.url, await second.app.listen({ port: 0, host: '127.0.0.1' }));
    }, 180_000);
    afterAll(async () => {
      await second?.cleanup();
      await h?.close();
      await relay?.close();
      await sandbox?.close();
    });

    it('applies every add once, grants the fission reward once and sends each welcome once', async () => {
      await h.sb(`/sandbox/corps/${CORP}/staff`, { userid: STAFF, name: '导购甲' });
      const a = (await h.sb<{ external_userid: string }>(`/sandbox/corps/${CORP}/customers`, { name: '推荐人' })).external_userid;
      await h.sb(`/sandbox/corps/${CORP}/add-friend`, { external_userid: a, userid: STAFF });
      expect((await runSync(h, 'sync')).status).toBe('done');

      const channel = await h.api<{ id: string; configId: string }>('POST', '/api/channels', {
        name: '两台服务器',
        staffUserids: [STAFF],
        welcome: { text: '你好 {{name}}，欢迎！', attachments: [] },
      });
      expect(channel.status, JSON.stringify(channel.body)).toBe(201);
      const campaign = await h.api<{ id: string }>('POST', '/api/fission/campaigns', {
        name: '邀请有礼',
        goal: GOAL,
        rewardType: 'code',
        rewardCodes: ['GIFT-1', 'GIFT-2', 'GIFT-3'],
        poster: { background: '#ffe7ba', title: '邀请好友', text: '邀请 2 位好友' },
        startsAt: new Date(Date.now() - 60_000).toISOString(),
        endsAt: new Date(Date.now() + 86_400_000).toISOString(),
        staffUserids: [STAFF],
        withdrawHours: 24,
      });
      expect(campaign.status, JSON.stringify(campaign.body)).toBe(201);
      const participant = await h.api<{ configId: string }>('POST', `/api/fission/campaigns/${campaign.body.id}/participants`, {
        externalUserid: a,
      });
      expect(participant.status, JSON.stringify(participant.body)).toBe(201);

      const newcomers: string[] = [];
      for (let i = 0; i < CHANNEL_ADDS + FISSION_ADDS; i++)
        newcomers.push((await h.sb<{ external_userid: string }>(`/sandbox/corps/${CORP}/customers`, { name: `新客${i}` })).external_userid);
      for (let i = 0; i < newcomers.length; i++)
        await h.sb(`/sandbox/corps/${CORP}/scan-contact-way`, {
          external_userid: newcomers[i],
          config_id: i < CHANNEL_ADDS ? channel.body.configId : participant.body.configId,
        });
      await sandbox.flushCallbacks();

      const q = <T>(text: string) =>
        h.app.ctx.database.ownerSql(text, [CORP]).then((r) => r.rows as T[]);
      const welcomes = () => sandbox.state.corps.get(CORP)!.welcomesSent.filter((w) => newcomers.includes(w.external_userid));
      await until(
        'every add applied, every welcome sent, the reward granted',
        async () => {
          const [row] = await q<{ pending: number; adds: number; fission: number; rewards: number }>(
            `SELECT (SELECT count(*)::int FROM wecom_inbox WHERE corp_id = $1 AND processed_at IS NULL) AS pending,
                    (SELECT count(*)::int FROM channel_adds WHERE corp_id = $1) AS adds,
                    (SELECT count(*)::int FROM fission_adds WHERE corp_id = $1) AS fission,
                    (SELECT count(*)::int FROM fission_rewards WHERE corp_id = $1) AS rewards`,
          );
          return row.pending === 0 && row.adds >= CHANNEL_ADDS && row.fission >= FISSION_ADDS && row.rewards >= 1 && welcomes().length >= CHANNEL_ADDS;
        },
        60_000,
        100,
      );
      await Promise.all([h.app.wecom.inbox.idle(), second.wecom.inbox.idle()]);

      // Both servers took callbacks, each callback twice.
      expect(relay.answered[0]).toBeGreaterThan(0);
      expect(relay.answered[1]).toBeGreaterThan(0);
      const [inbox] = await q<{ rows: number; errors: number }>(
        `SELECT count(*)::int AS rows, count(*) FILTER (WHERE error IS NOT NULL)::int AS errors FROM wecom_inbox WHERE corp_id = $1`,
      );
      expect(inbox.errors).toBe(0);

      // Each add once: one customer, one follow, one channel or fission add per newcomer.
      const perCustomer = await q<{ ext: string; customers: number; follows: number; channel: number; fission: number }>(
        `SELECT c.external_userid AS ext, count(DISTINCT c.id)::int AS customers,
                (SELECT count(*)::int FROM follows f WHERE f.corp_id = c.corp_id AND f.customer_id = c.id) AS follows,
                (SELECT count(*)::int FROM channel_adds x WHERE x.corp_id = c.corp_id AND x.customer_id = c.id) AS channel,
                (SELECT count(*)::int FROM fission_adds x WHERE x.corp_id = c.corp_id AND x.invitee_external_userid = c.external_userid) AS fission
           FROM customers c WHERE c.corp_id = $1 GROUP BY c.corp_id, c.id, c.external_userid`,
      );
      for (const [i, ext] of newcomers.entries()) {
        const row = perCustomer.find((r) => r.ext === ext);
        expect(row, ext).toMatchObject({ customers: 1, follows: 1, channel: i < CHANNEL_ADDS ? 1 : 0, fission: i < CHANNEL_ADDS ? 0 : 1 });
      }
      const [fission] = await q<{ counted: number; credits: number; rewards: number; codes: number }>(
        `SELECT (SELECT count(*)::int FROM fission_adds WHERE corp_id = $1 AND outcome = 'counted') AS counted,
                (SELECT coalesce(sum(credits), 0)::int FROM fission_participants WHERE corp_id = $1) AS credits,
                (SELECT count(*)::int FROM fission_rewards WHERE corp_id = $1) AS rewards,
                (SELECT count(*)::int FROM fission_reward_codes WHERE corp_id = $1 AND participant_id IS NOT NULL) AS codes`,
      );
      expect(fission).toEqual({ counted: FISSION_ADDS, credits: FISSION_ADDS, rewards: 1, codes: 1 });

      // Each welcome once, at WeCom and in Siyu's record of it.
      const sent = welcomes().map((w) => w.external_userid).sort();
      expect(sent).toEqual(newcomers.slice(0, CHANNEL_ADDS).sort());
      const statuses = await withCorp(h.app.ctx.db, CORP, (tx) =>
        tx.selectFrom('channel_adds').select('welcome_status').where('corp_id', '=', CORP).execute(),
      );
      expect(statuses.map((s) => s.welcome_status)).toEqual(Array(CHANNEL_ADDS).fill('sent'));
    });
  },
);
