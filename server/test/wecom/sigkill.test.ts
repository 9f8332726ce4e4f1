import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSandbox } from '@siyu/sandbox';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startServerProcess } from '../helpers/server-process';
import { freshDatabaseUrl } from '../helpers/test-db';
import { until } from '../helpers/until';
import { AES_KEY, SECRET, TOKEN } from './harness';

const CORP = 'wwsigkill0001';
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});


// A real process killed with SIGKILL in the middle of a callback burst. Run on PostgreSQL, where a killed
// client is the crash that matters; PGlite lives inside the killed process itself.
describe.skipIf(!process.env.DATABASE_URL)('SIGKILL during a callback burst', () => {
  it('processes every acknowledged event exactly once after restart', async () => {
    const db = await freshDatabaseUrl();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-sigkill-'));
    const sandbox = await startSandbox({ seed: 3, callbackRetryDelayMs: 20, callbackTimeoutMs: 1000 });
    cleanups.push(async () => {
      await sandbox.close();
      await db.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });
    const port = 4100 + Math.floor(Math.random() * 800);
    const env = {
      PORT: String(port),
      HOST: '127.0.0.1',
      SIYU_DATA_DIR: dataDir,
      DATABASE_URL: db.url!,
      SIYU_DEMO: 'false',
      SIYU_SANDBOX: 'false',
      LOG_LEVEL: 'silent',
      // A killed worker's claimed rows are taken over after this lease (120 s by default).
      INBOX_LEASE_SECONDS: '15',
      WECOM_CORP_ID: CORP,
      WECOM_CONTACT_SECRET: SECRET,
      WECOM_CALLBACK_TOKEN: TOKEN,
      WECOM_CALLBACK_AES_KEY: AES_KEY,
      WECOM_API_BASE: sandbox.url,
    };
    const sb = async (p: string, body: unknown, method = 'POST') => {
      const res = await fetch(`${sandbox.url}${p}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (!res.ok) throw new Error(`${p}: ${res.status} ${await res.text()}`);
      return (await res.json()) as Record<string, string>;
    };
    await sb('/sandbox/corps', { corp_id: CORP, name: 'sigkill', contact_secret: SECRET });
    await sb(`/sandbox/corps/${CORP}/population`, { seed: 9, staff: 4, customers: 0, groups: 0 });
    await sb(`/sandbox/corps/${CORP}/callback`, { url: `http://127.0.0.1:${port}/wecom/callback/${CORP}`, token: TOKEN, encoding_aes_key: AES_KEY }, 'PUT');

    const first = startServerProcess(env, 60_000);
    await first.ready;
    const customers: string[] = [];
    for (let i = 0; i < 300; i++) customers.push((await sb(`/sandbox/corps/${CORP}/customers`, { name: `客户${i}` })).external_userid);
    const delivered = () => sandbox.state.callbackLog.filter((c) => c.corp_id === CORP && c.status === 'delivered').length;
    const killer = until('100 callbacks acknowledged', async () => delivered() >= 100, 60_000, 5).then(() => first.child.kill('SIGKILL'));
    for (let i = 0; i < customers.length; i++) {
      await sb(`/sandbox/corps/${CORP}/add-friend`, { external_userid: customers[i], userid: `staff00${(i % 4) + 1}`, state: 'burst' });
    }
    await killer;
    await sandbox.flushCallbacks();
    const log = sandbox.state.callbackLog.filter((c) => c.corp_id === CORP && c.change_type === 'add_external_contact');
    const acked = log.filter((c) => c.status === 'delivered').length;
    expect(acked).toBeGreaterThanOrEqual(100);
    expect(acked).toBeLessThan(300);

    const second = startServerProcess(env, 60_000);
    cleanups.unshift(async () => {
      second.child.kill('SIGTERM');
    });
    await second.ready;
    const owner = new pg.Client({ connectionString: db.url! });
    await owner.connect();
    cleanups.unshift(() => owner.end());
    // Rows the killed process had claimed stay leased for the worker's lease (15 s here) before the new one takes them.
    let last: Array<{ processed_at: Date | null; error: string | null }> = [];
    const inbox = await until('inbox drained', async () => {
      const { rows } = await owner.query<{ identity: string; processed_at: Date | null; attempts: number; error: string | null }>(
        `SELECT identity, processed_at, attempts, error FROM wecom_inbox WHERE corp_id = $1`,
        [CORP],
      );
      last = rows;
      return rows.length >= acked && rows.every((r) => r.processed_at !== null) ? rows : undefined;
    }, 200_000).catch((err: Error) => {
      const errors = [...new Set(last.map((r) => r.error).filter(Boolean))].slice(0, 3);
      throw new Error(`${err.message}: ${last.filter((r) => !r.processed_at).length} of ${last.length} pending; errors: ${errors.join(' | ')}`);
    });
    expect(new Set(inbox.map((r) => r.identity)).size).toBe(inbox.length);
    expect(inbox.every((r) => r.error === null)).toBe(true);
    const follows = await owner.query<{ external_userid: string; n: number }>(
      `SELECT c.external_userid, count(*)::int AS n FROM follows f JOIN customers c ON c.corp_id = f.corp_id AND c.id = f.customer_id
        WHERE f.corp_id = $1 AND f.deleted_at IS NULL GROUP BY 1`,
      [CORP],
    );
    const byExt = new Map(follows.rows.map((r) => [r.external_userid, r.n]));
    // Every stored (so at least every acknowledged) add produced exactly one follow.
    expect(follows.rows.length).toBeGreaterThanOrEqual(acked);
    for (let i = 0; i < acked; i++) expect(byExt.get(customers[i]), customers[i]).toBe(1);
  }, 300_000);
});
