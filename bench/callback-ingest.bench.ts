import { randomBytes } from 'node:crypto';
import { createCallbackCrypto, eventIdentity, parseEvent, buildEventXml } from '@siyu/wecom';
import { startSandbox } from '@siyu/sandbox';
import pg from 'pg';
import pino from 'pino';
import { createSiyu } from '../server/src/app';
import { loadConfig } from '../server/src/config';
import { createCorpWithAdmin } from '../server/src/modules/auth/auth.repo';
import { startPostgres } from './lib/postgres';
import { loadTest } from './lib/load';
import type { BenchRow } from './types';

const CORP = 'wwbenchcallback01';
const TOKEN = 'benchToken123';
const AES_KEY = randomBytes(32).toString('base64').slice(0, 43);
const N = Number(process.env.BENCH_CALLBACKS ?? 6000);
const CONCURRENCY = Number(process.env.BENCH_CALLBACK_CONCURRENCY ?? 32);

// Callback ingest on PostgreSQL: the real endpoint (verify, decrypt, inbox insert, ack) beside a decrypt-only
// endpoint in the same process, which is the ceiling the database write is measured against.
export async function run(): Promise<BenchRow[]> {
  const server = startPostgres();
  if (!server) {
    console.log('PostgreSQL binaries not found: callback ingest benchmark skipped');
    return [{ name: 'callback ingest (PostgreSQL) — skipped, no PostgreSQL', value: NaN, unit: '', target: null, pass: null }];
  }
  const dbName = `siyu_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(server.url);
  url.pathname = `/${dbName}`;

  const sandbox = await startSandbox({ port: 0, rateLimits: false });
  const crypto = createCallbackCrypto({ token: TOKEN, encodingAESKey: AES_KEY, receiveId: CORP });
  const config = loadConfig({ DATABASE_URL: url.toString(), SIYU_DEMO: 'false', SIYU_SANDBOX: 'false', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' });
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

    const bodies = (prefix: string) =>
      Array.from({ length: N }, (_, i) => {
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
    await siyu.wecom.inbox.stop();
    const limit = await loadTest(`${base}/bench/decrypt-only`, bodies('limit'), CONCURRENCY);
    const ingest = await loadTest(`${base}/wecom/callback/${CORP}`, bodies('real'), CONCURRENCY);
    const count = async (where: string) =>
      ((await siyu.ctx.database.ownerSql(`SELECT count(*)::int AS n FROM wecom_inbox WHERE corp_id = $1 ${where}`, [CORP])).rows[0] as { n: number }).n;
    if ((await count('')) !== N) throw new Error(`inbox has ${await count('')} rows, expected ${N}`);
    const drainStart = performance.now();
    siyu.wecom.inbox.start();
    while ((await count('AND processed_at IS NULL')) > 0) await new Promise((r) => setTimeout(r, 100));
    const drainRate = N / ((performance.now() - drainStart) / 1000);
    const ratio = ingest.throughput / limit.throughput;
    return [
      { name: `callback ingest throughput (PostgreSQL, ${N} events, ${CONCURRENCY} concurrent)`, value: Math.round(ingest.throughput), unit: 'req/s', target: 1500, pass: ingest.throughput >= 1500 },
      { name: 'callback ingest answer latency p50', value: round(ingest.p50), unit: 'ms', target: null, pass: null },
      { name: 'callback ingest answer latency p99', value: round(ingest.p99), unit: 'ms', target: 50, pass: ingest.p99 < 50 },
      { name: 'decrypt-only endpoint throughput (limit, same process)', value: Math.round(limit.throughput), unit: 'req/s', target: null, pass: null },
      { name: 'decrypt-only latency p50', value: round(limit.p50), unit: 'ms', target: null, pass: null },
      { name: 'decrypt-only latency p99', value: round(limit.p99), unit: 'ms', target: null, pass: null },
      { name: 'inbox processing after the burst (re-pull + write)', value: Math.round(drainRate), unit: 'ev/s', target: null, pass: null },
      { name: 'callback ingest as share of the decrypt-only limit', value: Math.round(ratio * 100), unit: '%', target: 50, pass: ratio >= 0.5 },
    ];
  } catch (err) {
    console.error('callback bench failed:', err);
    throw err;
  } finally {
    await siyu.stop();
    await sandbox.close();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
    server.stop();
  }
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
