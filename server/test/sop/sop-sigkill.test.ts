// A customer SOP wait across a crash: a real Siyu process sends a flow's first message, the customer waits a minute,
// the process is killed with SIGKILL, the minute passes while no process runs (the test moves the wait's due time
// back instead of sleeping it out), and a new process sends the second message — once, with the first never
// repeated. PostgreSQL only: PGlite lives inside the killed process.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSandbox } from '@siyu/sandbox';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startServerProcess } from '../helpers/server-process';
import { freshDatabaseUrl } from '../helpers/test-db';
import { until } from '../helpers/until';
import { AES_KEY, SECRET, TOKEN } from '../wecom/harness';

const CORP = 'wwsopkill0001';
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});


describe.skipIf(!process.env.DATABASE_URL)('SOP wait across SIGKILL', () => {
  it('resumes after a restart and sends the next step exactly once', async () => {
    const db = await freshDatabaseUrl();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-sop-kill-'));
    const sandbox = await startSandbox({ seed: 4, callbackRetryDelayMs: 20 });
    cleanups.push(async () => {
      await sandbox.close();
      await db.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });
    const port = 5000 + Math.floor(Math.random() * 800);
    const env = {
      PORT: String(port),
      HOST: '127.0.0.1',
      SIYU_DATA_DIR: dataDir,
      DATABASE_URL: db.url!,
      SIYU_DEMO: 'false',
      SIYU_SANDBOX: 'false',
      LOG_LEVEL: 'silent',
      SOP_TICK_MS: '500',
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
    await sb('/sandbox/corps', { corp_id: CORP, name: 'sop kill', contact_secret: SECRET });
    await sb(`/sandbox/corps/${CORP}/population`, { seed: 2, staff: 1, customers: 0, groups: 0 });
    await sb(`/sandbox/corps/${CORP}/callback`, { url: `http://127.0.0.1:${port}/wecom/callback/${CORP}`, token: TOKEN, encoding_aes_key: AES_KEY }, 'PUT');

    const first = startServerProcess(env, 90_000);
    await first.ready;
    const owner = new pg.Client({ connectionString: db.url! });
    await owner.connect();
    cleanups.unshift(() => owner.end());
    // The flow as the console saves it (the API is covered by sop-flows.e2e); the process reads it from the database.
    const steps = [
      { id: 'first', kind: 'message', content: { text: '第一条' } },
      { id: 'wait', kind: 'wait', wait: { type: 'duration', minutes: 1 } },
      { id: 'second', kind: 'message', content: { text: '第二条' } },
    ];
    await owner.query(
      `INSERT INTO sop_flows (corp_id, name, status, entry, entry_event, reentry, exit, steps, activated_at)
       VALUES ($1, '重启', 'active', '{"kind":"event","event":"follow.added"}', 'follow.added', 'never', '{"leaveWhenConditionFails":false}', $2, now())`,
      [CORP, JSON.stringify(steps)],
    );
    const staff = [...sandbox.state.corps.get(CORP)!.staff.keys()][0];
    const ext = (await sb(`/sandbox/corps/${CORP}/customers`, { name: '重启客户' })).external_userid;
    await sb(`/sandbox/corps/${CORP}/add-friend`, { external_userid: ext, userid: staff });
    const texts = () =>
      [...sandbox.state.corps.get(CORP)!.msgTasks.values()]
        .filter((t) => t.recipients.some((r) => r.external_userid === ext))
        .map((t) => String((t.text as { content?: string } | null)?.content));
    await until('first message sent', async () => texts().length === 1, 60_000, 100);
    const { rows: waiting } = await owner.query<{ phase: string; due_at: Date }>(`SELECT phase, due_at FROM sop_enrollments WHERE corp_id = $1`, [CORP]);
    expect(waiting).toHaveLength(1);
    expect(waiting[0].phase).toBe('waiting');
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    expect(new Date(waiting[0].due_at).getTime()).toBeGreaterThan(Date.now()); // still waiting when the process died
    const { rows: due } = await owner.query<{ due_at: Date }>(
      `UPDATE sop_enrollments SET due_at = now() - interval '1 second' WHERE corp_id = $1 AND phase = 'waiting' RETURNING due_at`,
      [CORP],
    );
    expect(due).toHaveLength(1);

    const second = startServerProcess(env, 90_000);
    cleanups.unshift(async () => {
      second.child.kill('SIGTERM');
    });
    await second.ready;
    await until('second message sent', async () => texts().length === 2, 120_000, 200);
    expect(new Date(due[0].due_at).getTime()).toBeLessThanOrEqual(Date.now());
    // A few more sweeps: nothing is sent again.
    await new Promise((r) => setTimeout(r, 2000));
    expect(texts()).toEqual(['第一条', '第二条']);
    const { rows } = await owner.query<{ step_id: string; n: number }>(`SELECT step_id, count(*)::int AS n FROM sop_step_runs WHERE corp_id = $1 GROUP BY step_id ORDER BY step_id`, [CORP]);
    expect(rows).toEqual([
      { step_id: 'first', n: 1 },
      { step_id: 'second', n: 1 },
      { step_id: 'wait', n: 1 },
    ]);
    const { rows: done } = await owner.query<{ status: string }>(`SELECT status FROM sop_enrollments WHERE corp_id = $1`, [CORP]);
    expect(done).toEqual([{ status: 'done' }]);
  }, 300_000);
});
