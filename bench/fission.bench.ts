// A burst of 5,000 fission adds through the whole path: sandbox scans → encrypted callbacks → inbox → re-pull →
// crediting with A's row locked. 100 participants (goal 20), 500 extra duplicate scans; checks exactly-once
// crediting (5,000 credits, 50 per A) and exactly one reward per A. PGlite, then PostgreSQL when available.
import { randomBytes } from 'node:crypto';
import { startSandbox } from '@siyu/sandbox';
import { startPostgres } from './lib/postgres';
import { startBenchSiyu } from './lib/siyu-instance';
import type { BenchRow } from './types';

const CORP = 'wwbenchfission1';
const PARTICIPANTS = 100;
const GOAL = 20;
const ADDS = Number(process.env.BENCH_FISSION_ADDS ?? 5000);
const DUPLICATES = Math.round(ADDS / 10);
const CONCURRENCY = 16;
// Scans go round the participants: participant p gets ADDS / PARTICIPANTS credits (one more for the first ADDS %
// PARTICIPANTS), and each one who reaches the goal is rewarded exactly once (all 100 at the default 5,000 adds).
const REWARDS = Array.from({ length: PARTICIPANTS }, (_, p) => Math.floor(ADDS / PARTICIPANTS) + (p < ADDS % PARTICIPANTS ? 1 : 0)).filter(
  (credits) => credits >= GOAL,
).length;

async function pool<T>(items: T[], n: number, fn: (t: T) => Promise<unknown>): Promise<void> {
  let i = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (i < items.length) await fn(items[i++]);
    }),
  );
}

async function once(label: string, postgresUrl: string | null): Promise<BenchRow[]> {
  const sandbox = await startSandbox({ port: 0, rateLimits: false, callbackRetryDelayMs: 50 });
  const inst = await startBenchSiyu(CORP, postgresUrl);
  const { siyu, cookie } = inst;
  const api = async <T>(method: string, url: string, payload?: unknown): Promise<T> => {
    const res = await siyu.app.inject({
      method: method as 'GET',
      url,
      headers: { cookie },
      payload: payload as object,
    });
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json() as T;
  };
  const sb = async <T>(path: string, body: unknown): Promise<T> => {
    const res = await fetch(`${sandbox.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status >= 400) throw new Error(`sandbox ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  try {
    const base = await siyu.app.listen({ port: 0, host: '127.0.0.1' });
    const token = 'benchFission' + randomBytes(4).toString('hex');
    const aes = randomBytes(32).toString('base64').slice(0, 43);
    await sb('/sandbox/corps', {
      corp_id: CORP,
      name: 'bench',
      contact_secret: 'bench-contact-secret',
      callback: { url: `${base}/wecom/callback/${CORP}`, token, encoding_aes_key: aes },
    });
    await api('PUT', '/api/wecom/connection', {
      corpId: CORP,
      contactSecret: 'bench-contact-secret',
      callbackToken: token,
      callbackAesKey: aes,
      apiBase: sandbox.url,
    });
    for (const userid of ['fx_staff_1', 'fx_staff_2'])
      await sb(`/sandbox/corps/${CORP}/staff`, { userid, name: userid });
    const participants: string[] = [];
    for (let i = 0; i < PARTICIPANTS; i++)
      participants.push(
        (await sb<{ external_userid: string }>(`/sandbox/corps/${CORP}/customers`, { name: `A${i}` })).external_userid,
      );
    // Participants are friends before the campaign; a full sync brings them (and the staff) in.
    await pool(participants, 8, (ext) =>
      sb(`/sandbox/corps/${CORP}/add-friend`, { external_userid: ext, userid: 'fx_staff_1' }),
    );
    await sandbox.flushCallbacks();
    await api('POST', '/api/wecom/sync');
    for (;;) {
      const runs = await api<{ runs: Array<{ status: string }> }>('GET', '/api/wecom/sync');
      if (runs.runs[0] && ['done', 'partial', 'failed'].includes(runs.runs[0].status)) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const campaign = await api<{ id: string }>('POST', '/api/fission/campaigns', {
      name: 'bench',
      goal: GOAL,
      rewardType: 'code',
      rewardCodes: Array.from({ length: PARTICIPANTS }, (_, i) => `CODE-${i}`),
      poster: { background: '#ffffff', title: 'bench', text: 'bench' },
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      endsAt: new Date(Date.now() + 86_400_000).toISOString(),
      staffUserids: ['fx_staff_1', 'fx_staff_2'],
      withdrawHours: 24,
    });
    const codes: string[] = [];
    for (const ext of participants)
      codes.push(
        (
          await api<{ configId: string }>('POST', `/api/fission/campaigns/${campaign.id}/participants`, {
            externalUserid: ext,
          })
        ).configId,
      );
    const invitees: string[] = [];
    await pool(
      Array.from({ length: ADDS }, (_, i) => i),
      16,
      async (i) => {
        invitees[i] = (
          await sb<{ external_userid: string }>(`/sandbox/corps/${CORP}/customers`, { name: `B${i}` })
        ).external_userid;
      },
    );
    const scans = invitees.map((ext, i) => ({ ext, code: codes[i % PARTICIPANTS] }));
    for (let i = 0; i < DUPLICATES; i++) scans.push({ ext: invitees[i * 7], code: codes[(i * 7) % PARTICIPANTS] }); // B scans A's code again
    const count = async () =>
      (
        (await siyu.ctx.database.ownerSql(`SELECT count(*)::int AS n FROM fission_adds WHERE corp_id = $1`, [CORP]))
          .rows[0] as { n: number }
      ).n;

    const t0 = performance.now();
    await pool(scans, CONCURRENCY, (s) =>
      sb(`/sandbox/corps/${CORP}/scan-contact-way`, { external_userid: s.ext, config_id: s.code }),
    );
    const tScans = performance.now();
    while ((await count()) < scans.length) {
      if (performance.now() - t0 > 600_000)
        throw new Error(`timed out: ${await count()} of ${scans.length} adds applied`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const t1 = performance.now();
    const { rows } = await siyu.ctx.database.ownerSql(
      `SELECT (SELECT count(*)::int FROM fission_adds WHERE corp_id = $1 AND outcome = 'counted') AS counted,
              (SELECT count(*)::int FROM fission_adds WHERE corp_id = $1 AND outcome = 'duplicate') AS duplicates,
              (SELECT sum(credits)::int FROM fission_participants WHERE corp_id = $1) AS credits,
              (SELECT min(credits)::int FROM fission_participants WHERE corp_id = $1) AS lo,
              (SELECT max(credits)::int FROM fission_participants WHERE corp_id = $1) AS hi,
              (SELECT count(*)::int FROM fission_rewards WHERE corp_id = $1) AS rewards,
              (SELECT count(*)::int FROM fission_reward_codes WHERE corp_id = $1 AND participant_id IS NOT NULL) AS codes`,
      [CORP],
    );
    const r = rows[0] as Record<string, number>;
    const secs = (t1 - t0) / 1000;
    const rate = ADDS / secs;
    console.log(
      `  ${label}: ${scans.length} scans (${ADDS} new + ${DUPLICATES} repeats) sent in ${((tScans - t0) / 1000).toFixed(1)} s, all applied in ${secs.toFixed(1)} s; ` +
        `counted ${r.counted}, duplicates ${r.duplicates}, credits ${r.credits} (per A ${r.lo}..${r.hi}), rewards ${r.rewards}, codes issued ${r.codes}`,
    );
    const exact =
      r.counted === ADDS &&
      r.credits === ADDS &&
      r.duplicates === DUPLICATES &&
      r.rewards === REWARDS &&
      r.codes === REWARDS;
    return [
      {
        // Target from the event spine issue: >= 500 adds/s applied end to end.
        name: `fission: ${ADDS} adds burst, scan → credited (${label})`,
        value: Math.round(rate),
        unit: 'adds/s',
        target: 500,
        pass: rate >= 500,
      },
      {
        name: `fission: exactly-once credits and rewards, ${REWARDS} rewards expected (${label})`,
        value: exact ? 1 : 0,
        unit: 'ok',
        target: 1,
        pass: exact,
      },
    ];
  } finally {
    await inst.stop();
    await sandbox.close();
  }
}

export async function run(): Promise<BenchRow[]> {
  const rows = process.env.BENCH_PGLITE === '0' ? [] : await once('PGlite', null);
  if (process.env.BENCH_PG === '0') return rows;
  const server = startPostgres();
  if (!server) return rows;
  try {
    rows.push(...(await once('PostgreSQL', server.url)));
  } finally {
    server.stop();
  }
  return rows;
}
