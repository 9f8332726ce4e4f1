// Issue 14 row "the drain bench with two processes is >= 1.6x one": a mix of WeCom callbacks is stored in the inbox of
// a world with every module configured (lib/spine-world.ts), held by a lease, then drained by one Siyu server process
// and, on a second world with the same mix, by two server processes on the same database (`node server/src/main.ts`,
// each with its own inbox worker and job queue). The clock runs from the lease's release until the inbox is empty;
// each process picks the rows up at its next inbox sweep, every 0.1 s here (INBOX_SWEEP_SECONDS; 5 s by default, which
// made the wait for the sweep most of a 2,000-callback drain and the ratio 1). PostgreSQL only.
// DRAIN_TWO_EVENTS (default 2000) callbacks per world, SPINE_RUNS (default 3) runs.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pool, STAFF, startSpineWorld, type SpineWorld } from './lib/spine-world';
import { repeat, type Figure } from './lib/spine-runs';
import type { BenchRow } from './types';

const EVENTS = Number(process.env.DRAIN_TWO_EVENTS ?? 2000);
const UNITS = Math.ceil(EVENTS / 10);
const PARTICIPANTS = 5;
const root = path.resolve(import.meta.dirname, '..');

// One unit of 10 callbacks: 5 adds through the channel code (state: auto tag, welcome), 3 adds without state,
// 2 edits of customers Siyu already holds.
async function storeMix(w: SpineWorld): Promise<number> {
  const corp = w.wecomCorpId;
  const fresh: string[] = [];
  await pool(
    Array.from({ length: UNITS * 8 }, (_, i) => i),
    16,
    async (i) => void (fresh[i] = await w.newCustomer(`N${i}`)),
  );
  await w.siyu.wecom.inbox.stop();
  await pool(
    Array.from({ length: UNITS }, (_, u) => u),
    4,
    async (u) => {
      const mine = fresh.slice(u * 8, u * 8 + 8);
      for (let k = 0; k < 5; k++)
        await w.sb(`/sandbox/corps/${corp}/scan-contact-way`, { external_userid: mine[k], config_id: w.channelConfigId });
      for (let k = 5; k < 8; k++)
        await w.sb(`/sandbox/corps/${corp}/add-friend`, { external_userid: mine[k], userid: STAFF[k % STAFF.length] });
      for (let k = 0; k < 2; k++) {
        const j = (u * 2 + k) % w.baseCustomers.length;
        await w.sb(`/sandbox/corps/${corp}/edit-customer`, {
          external_userid: w.baseCustomers[j],
          userid: STAFF[(PARTICIPANTS + j) % STAFF.length], // befriended after the participants, round robin
          remark: `r${u}-${k}`,
        });
      }
    },
  );
  await w.flush();
  return w.pendingInbox();
}

function startServer(databaseUrl: string): { child: ChildProcess; url: string; dir: string } {
  const port = 4100 + Math.floor(Math.random() * 800);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-drain-two-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      SIYU_DATA_DIR: dir,
      SIYU_DEMO: 'false',
      SIYU_SANDBOX: 'false',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      JOB_POLL_SECONDS: '0.5',
      INBOX_SWEEP_SECONDS: '0.1', // each process finds the released rows within 0.1 s, not at its next 5 s sweep
    },
    stdio: 'ignore',
  });
  return { child, url: `http://127.0.0.1:${port}`, dir };
}

async function ready(s: { child: ChildProcess; url: string }): Promise<void> {
  for (;;) {
    if (s.child.exitCode !== null) throw new Error('server exited during start-up');
    const ok = await fetch(`${s.url}/readyz`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Drains a world's stored mix with `servers` processes; callbacks per second. */
async function drain(serverUrl: string, servers: number): Promise<number> {
  const w = await startSpineWorld(serverUrl, { participants: PARTICIPANTS, fissionGoal: 5, baseCustomers: 200 });
  const started: Array<{ child: ChildProcess; url: string; dir: string }> = [];
  try {
    const n = await storeMix(w);
    const hold = `UPDATE wecom_inbox SET locked_until = now() + interval '1 hour' WHERE corp_id = $1 AND processed_at IS NULL`;
    await w.db.query(hold, [w.corpId]);
    const databaseUrl = w.siyu.ctx.config.databaseUrl ?? '';
    for (let i = 0; i < servers; i++) started.push(startServer(databaseUrl));
    await Promise.all(started.map(ready));
    const t0 = performance.now();
    await w.db.query(`UPDATE wecom_inbox SET locked_until = NULL WHERE corp_id = $1 AND processed_at IS NULL`, [w.corpId]);
    await w.waitInboxEmpty(600_000);
    const secs = (performance.now() - t0) / 1000;
    const { rows } = await w.db.query<{ errors: number }>(
      `SELECT count(*) FILTER (WHERE error IS NOT NULL)::int AS errors FROM wecom_inbox WHERE corp_id = $1`,
      [w.corpId],
    );
    console.log(`    ${servers} server process(es): ${n} callbacks drained in ${secs.toFixed(1)} s, ${rows[0].errors} with an error`);
    return n / secs;
  } finally {
    await Promise.all(
      started.map(
        (s) =>
          new Promise<void>((resolve) => {
            if (s.child.exitCode !== null) return resolve();
            s.child.once('exit', () => resolve());
            s.child.kill('SIGTERM');
          }),
      ),
    );
    for (const s of started) fs.rmSync(s.dir, { recursive: true, force: true });
    await w.stop();
  }
}

async function once(serverUrl: string): Promise<Figure[]> {
  const one = await drain(serverUrl, 1);
  const two = await drain(serverUrl, 2);
  return [
    { key: 'one', name: 'inbox drain, one server process (ev/s)', unit: 'ev/s', value: one, target: null, better: 'higher' },
    { key: 'two', name: 'inbox drain, two server processes on one PostgreSQL (ev/s)', unit: 'ev/s', value: two, target: null, better: 'higher' },
    { key: 'ratio', name: 'inbox drain, two processes / one (same run)', unit: 'x', value: two / one, target: 1.6, better: 'higher' },
  ];
}

export async function run(): Promise<BenchRow[]> {
  return repeat('drain two servers', once);
}
