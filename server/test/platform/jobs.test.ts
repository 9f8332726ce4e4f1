import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/context';
import { withCorp } from '../../src/db/tenancy';
import { writeAudit } from '../../src/modules/audit/audit.repo';
import { createCorpWithRoles, startTestApp, type TestApp } from '../helpers/test-app';
import { freshDatabaseUrl } from '../helpers/test-db';
import { until } from '../helpers/until';

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

function registerTestJobs(ctx: AppContext) {
  ctx.queue.register<{ corpId: string; note: string }>('test.echo', async (data) => {
    await withCorp(ctx.db, data.corpId, (tx) => writeAudit(tx, { corpId: data.corpId, actorUserId: null, action: 'test.echo', detail: { note: data.note } }));
  });
  ctx.queue.register<{ corpId: string }>(
    'test.always-fails',
    async () => {
      throw new Error('this job always fails');
    },
    { retryLimit: 1, retryDelaySeconds: 1 },
  );
}

async function echoes(app: TestApp, corpId: string): Promise<string[]> {
  const rows = await withCorp(app.ctx.db, corpId, (tx) => tx.selectFrom('audit_log').select('detail').where('action', '=', 'test.echo').execute());
  return rows.map((r) => String((r.detail as { note: string }).note));
}

describe('durable jobs', () => {
  it('runs a job scheduled for later even after the server restarts', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-jobs-'));
    const db = await freshDatabaseUrl();
    cleanups.push(async () => {
      await db.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });
    const first = await startTestApp({ dataDir, databaseUrl: db.url, keepData: true, beforeStart: registerTestJobs });
    await createCorpWithRoles(first, 'jobs_corp');
    // Due well after the first server has stopped (its stop takes seconds on a loaded machine).
    const id = await first.ctx.queue.send('test.echo', { corpId: 'jobs_corp', note: 'after-restart' }, { startAfter: Date.now() + 8000 });
    await first.cleanup();
    const stoppedAt = new Date();

    const second = await startTestApp({ dataDir, databaseUrl: db.url, keepData: true, beforeStart: registerTestJobs });
    cleanups.unshift(() => second.cleanup());
    const notes = await until('the delayed job', async () => {
      const n = await echoes(second, 'jobs_corp');
      return n.length ? n : undefined;
    });
    expect(notes).toEqual(['after-restart']);
    // the restarted server ran it: the job started after the first server had stopped (from the database, not memory)
    const job = await second.ctx.database.ownerSql(`SELECT started_on > $2::timestamptz AS after FROM pgboss.job WHERE id = $1`, [id, stoppedAt.toISOString()]);
    expect(job.rows[0]).toEqual({ after: true });
  });

  it('retries a failing job, then shows it as a dead letter to its own corp admin only', async () => {
    const app = await startTestApp({ beforeStart: registerTestJobs });
    cleanups.unshift(() => app.cleanup());
    const s = await createCorpWithRoles(app, 'dead_corp');
    const id = await app.ctx.queue.send('test.always-fails', { corpId: 'dead_corp' });
    const dead = await until('the dead letter', async () => {
      const res = await app.app.inject({ method: 'GET', url: '/api/jobs', headers: { cookie: s.admin.cookie } });
      const body = res.json() as { dead: Array<{ id: string; queue: string; data: { corpId: string } }> };
      return body.dead.length ? body.dead : undefined;
    });
    expect(dead[0].queue).toBe('test.always-fails');
    expect(dead[0].data.corpId).toBe('dead_corp');
    const job = await app.ctx.database.ownerSql(`SELECT retry_count, state FROM pgboss.job WHERE id = $1`, [id]);
    expect(job.rows[0]).toMatchObject({ retry_count: 1, state: 'failed' });

    const other = await createCorpWithRoles(app, 'other_corp');
    const hidden = await app.app.inject({ method: 'GET', url: '/api/jobs', headers: { cookie: other.admin.cookie } });
    expect(hidden.json().dead).toEqual([]);
    const foreignRetry = await app.app.inject({ method: 'POST', url: `/api/jobs/dead/${dead[0].id}/retry`, headers: { cookie: other.admin.cookie } });
    expect(foreignRetry.statusCode).toBe(404);

    const retried = await app.app.inject({ method: 'POST', url: `/api/jobs/dead/${dead[0].id}/retry`, headers: { cookie: s.admin.cookie } });
    expect(retried.statusCode).toBe(202);
    const after = await app.app.inject({ method: 'GET', url: '/api/jobs', headers: { cookie: s.admin.cookie } });
    expect(after.json().dead.map((d: { id: string }) => d.id)).not.toContain(dead[0].id);
  });
});
