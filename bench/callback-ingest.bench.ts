import { randomBytes } from 'node:crypto';
import { createCallbackCrypto, eventIdentity, parseEvent, buildEventXml } from '@siyu/wecom';
import { startSandbox } from '@siyu/sandbox';
import pino from 'pino';
import { createSiyu } from '../server/src/app';
import { loadConfig } from '../server/src/config';
import { createCorpWithAdmin } from '../server/src/modules/auth/auth.repo';
import { startPostgres } from './lib/postgres';
import { createBenchDatabase } from './lib/bench-database';
import { loadTest, type LoadResult } from './lib/load';
import { loadavg, spreadOf } from './lib/samples';
import type { BenchRow } from './types';

const CORP = 'wwbenchcallback01';
const TOKEN = 'benchToken123';
const AES_KEY = randomBytes(32).toString('base64').slice(0, 43);
const N = Number(process.env.BENCH_CALLBACKS ?? 6000);
const CONCURRENCY = Number(process.env.BENCH_CALLBACK_CONCURRENCY ?? 32);
// BENCH_CALLBACK_ROUNDS alternating rounds (default 5) share the N callbacks; WARM callbacks warm each endpoint first.
const ROUNDS = Math.max(1, Number(process.env.BENCH_CALLBACK_ROUNDS ?? 5));
const WARM = Math.min(1000, Math.ceil(N / 10));

// Callback ingest on PostgreSQL: the real endpoint (verify, decrypt, inbox insert, ack) beside a decrypt-only
// endpoint in the same process, which is the ceiling the database write is measured against. Both are warmed and
// measured in alternating rounds, so the share compares neighbouring minutes of one run.
export async function run(): Promise<BenchRow[]> {
  const server = startPostgres();
  if (!server) {
    console.log('PostgreSQL binaries not found: callback ingest benchmark skipped');
    return [{ name: 'callback ingest (PostgreSQL) — skipped, no PostgreSQL', value: NaN, unit: '', target: null, pass: null }];
  }
  const database = await createBenchDatabase(server.url);

  const sandbox = await startSandbox({ port: 0, rateLimits: false });
  const crypto = createCallbackCrypto({ token: TOKEN, encodingAESKey: AES_KEY, receiveId: CORP });
  const config = loadConfig({ DATABASE_URL: database.url, SIYU_DEMO: 'false', SIYU_SANDBOX: 'false', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' });
  const siyu = await createSiyu(config, {
    logger: pino({ level: 'silent' }),
    beforeStart: (_ctx, app) => {
      app.register(async (scope) => {
        scope.removeAllContentTypeParsers();
        scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit: 1024 * 1024 }, (_r, body, done) => done(null, body));
        scope.post<{ Querystring: { msg_signature: string; timestamp: string; nonce: string }; Body: string }>('/bench/decrypt-only', async (req, reply) => {
          const event = parseEvent(crypto.decryptBody(req.body, req.query));
          eventIdentity(event);
          return reply.type('text/plain').send('success');
        });
      });
    },
  });
  try {
    await createCorpWithAdmin(siyu.ctx.db, { corpId: CORP, corpName: 'bench', email: 'bench@example.com', name: 'bench', passwordHash: 'x' });
    await fetch(`${sandbox.url}/sandbox/corps`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ corp_id: CORP, name: 'bench', contact_secret: 'bench-secret' }),
    });
    await siyu.ctx.database.ownerSql(
      `UPDATE corps SET wecom_corp_id = $1, contact_secret = 'bench-secret', callback_token = $2, callback_aes_key = $3, api_base = $4 WHERE id = $1`,
      [CORP, TOKEN, AES_KEY, sandbox.url],
    );
    siyu.wecom.connections.invalidate(CORP);
    const base = await siyu.app.listen({ port: 0, host: '127.0.0.1' });

    const bodies = (prefix: string, n: number) =>
      Array.from({ length: n }, (_, i) => {
        const inner = buildEventXml({
          ToUserName: CORP,
          FromUserName: 'sys',
          CreateTime: String(1_700_000_000 + i),
          MsgType: 'event',
          Event: 'change_external_contact',
          ChangeType: 'edit_external_contact',
          UserID: `staff${i % 50}`,
          ExternalUserID: `wm${prefix}${i}`,
        });
        const e = crypto.encryptEvent(inner);
        return { query: `msg_signature=${e.msg_signature}&timestamp=${e.timestamp}&nonce=${e.nonce}`, body: e.xml };
      });

    // A burst is acknowledged first and worked off afterwards: the ingest figures are the ack path alone,
    // the drain figure is the processing (re-pull from the sandbox, write the follow) that follows it.
    // The decrypt-only limit and the real endpoint are both warmed, then measured in alternating rounds of the same
    // size; each round's share is real / limit from neighbouring rounds of one run.
    await siyu.wecom.inbox.stop();
    const perRound = Math.ceil(N / ROUNDS);
    await loadTest(`${base}/bench/decrypt-only`, bodies('warmlimit', WARM), CONCURRENCY);
    await loadTest(`${base}/wecom/callback/${CORP}`, bodies('warmreal', WARM), CONCURRENCY);
    const limits: LoadResult[] = [];
    const reals: LoadResult[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      limits.push(await loadTest(`${base}/bench/decrypt-only`, bodies(`limit${r}-`, perRound), CONCURRENCY));
      reals.push(await loadTest(`${base}/wecom/callback/${CORP}`, bodies(`real${r}-`, perRound), CONCURRENCY));
      console.log(`  round ${r + 1}/${ROUNDS}: decrypt-only ${Math.round(limits[r].throughput)} req/s, real ${Math.round(reals[r].throughput)} req/s (load ${loadavg()})`);
    }
    const stored = WARM + perRound * ROUNDS;
    const count = async (where: string) =>
      ((await siyu.ctx.database.ownerSql(`SELECT count(*)::int AS n FROM wecom_inbox WHERE corp_id = $1 ${where}`, [CORP])).rows[0] as { n: number }).n;
    if ((await count('')) !== stored) throw new Error(`inbox has ${await count('')} rows, expected ${stored}`);
    const drainStart = performance.now();
    siyu.wecom.inbox.start();
    while ((await count('AND processed_at IS NULL')) > 0) await new Promise((r) => setTimeout(r, 100));
    const drainRate = stored / ((performance.now() - drainStart) / 1000);
    const ingest = spreadOf(reals.map((r) => r.throughput));
    const limit = spreadOf(limits.map((r) => r.throughput));
    const p50 = spreadOf(reals.map((r) => r.p50));
    const p99 = spreadOf(reals.map((r) => r.p99));
    const share = spreadOf(reals.map((r, i) => (r.throughput / limits[i].throughput) * 100));
    const lp50 = spreadOf(limits.map((r) => r.p50));
    const lp99 = spreadOf(limits.map((r) => r.p99));
    return [
      { name: `callback ingest throughput (PostgreSQL, ${ROUNDS} rounds of ${perRound}, ${CONCURRENCY} concurrent), median`, value: Math.round(ingest.median), unit: 'req/s', target: 1500, pass: ingest.median >= 1500, spread: ingest },
      { name: 'callback ingest answer latency p50, median of rounds', value: p50.median, unit: 'ms', target: null, pass: null, spread: p50 },
      { name: 'callback ingest answer latency p99, median of rounds', value: p99.median, unit: 'ms', target: 50, pass: p99.median < 50, spread: p99 },
      { name: 'decrypt-only endpoint throughput (limit, same process, rounds interleaved), median', value: Math.round(limit.median), unit: 'req/s', target: null, pass: null, spread: limit },
      { name: 'decrypt-only latency p50, median of rounds', value: lp50.median, unit: 'ms', target: null, pass: null, spread: lp50 },
      { name: 'decrypt-only latency p99, median of rounds', value: lp99.median, unit: 'ms', target: null, pass: null, spread: lp99 },
      { name: `callback ingest as share of the decrypt-only limit (per round, same run), median`, value: Math.round(share.median), unit: '%', target: 50, pass: share.median >= 50, spread: share },
      // One kind of callback only (edit_external_contact); the event spine's drain row, with every module, is
      // `npm run bench -- spine-drain`. Target from the event spine issue: >= 1,000 ev/s.
      { name: `inbox processing after the burst (${stored} edits, re-pull + write)`, value: Math.round(drainRate), unit: 'ev/s', target: 1000, pass: drainRate >= 1000 },
    ];
  } catch (err) {
    console.error('callback bench failed:', err);
    throw err;
  } finally {
    await siyu.stop();
    await sandbox.close();
    await database.release();
    server.stop();
  }
}
