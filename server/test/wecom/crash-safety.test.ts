import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSandbox } from '@siyu/sandbox';
import { afterAll, describe, expect, it } from 'vitest';
import { withCorp } from '../../src/db/tenancy';
import { startTestApp } from '../helpers/test-app';
import { freshDatabaseUrl } from '../helpers/test-db';
import { until } from '../helpers/until';
import { startHarness } from './harness';

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

describe('crash safety', () => {
  it('acknowledged but unprocessed inbox rows are processed exactly once by the next server', async () => {
    const CORP = 'wwcrashsafe001';
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-crash-'));
    const db = await freshDatabaseUrl();
    const sandbox = await startSandbox({ seed: 11, callbackRetryDelayMs: 50 });
    cleanups.push(async () => {
      await sandbox.close();
      await db.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    const first = await startHarness(CORP, { dataDir, databaseUrl: db.url, keepData: true, sandbox });
    await first.sb(`/sandbox/corps/${CORP}/population`, { seed: 5, staff: 3, customers: 0, groups: 0 });
    // The worker is gone (as if the process died right after acknowledging): callbacks are stored, not processed.
    await first.app.wecom.inbox.stop();
    const exts: string[] = [];
    for (let i = 0; i < 20; i++) {
      const c = await first.sb<{ external_userid: string }>(`/sandbox/corps/${CORP}/customers`, { name: `客户${i}` });
      await first.sb(`/sandbox/corps/${CORP}/add-friend`, { external_userid: c.external_userid, userid: `staff00${(i % 3) + 1}`, state: `ch_${i}` });
      exts.push(c.external_userid);
    }
    await sandbox.flushCallbacks();
    const log = sandbox.state.callbackLog.filter((c) => c.corp_id === CORP);
    expect(log.every((c) => c.status === 'delivered')).toBe(true);
    const pending = await withCorp(first.app.ctx.db, CORP, (tx) =>
      tx.selectFrom('wecom_inbox').select(['id', 'processed_at', 'attempts']).where('corp_id', '=', CORP).execute(),
    );
    expect(pending).toHaveLength(20);
    expect(pending.every((r) => r.processed_at === null && r.attempts === 0)).toBe(true);
    await first.app.cleanup();

    // A fresh server on the same database picks the rows up at start-up.
    const second = { app: await startTestApp({ dataDir, databaseUrl: db.url, keepData: true }) };
    cleanups.unshift(() => second.app.cleanup());
    const rows = await until('inbox processed after restart', async () => {
      const r = await withCorp(second.app.ctx.db, CORP, (tx) =>
        tx.selectFrom('wecom_inbox').select(['kind', 'processed_at', 'attempts', 'error']).where('corp_id', '=', CORP).execute(),
      );
      return r.length === 20 && r.every((x) => x.processed_at !== null) ? r : undefined;
    });
    expect(rows.every((r) => r.attempts === 1 && r.error === null && r.kind === 'add_external_contact')).toBe(true);
    const follows = await withCorp(second.app.ctx.db, CORP, (tx) =>
      tx
        .selectFrom('follows as f')
        .innerJoin('customers as c', (j) => j.onRef('c.corp_id', '=', 'f.corp_id').onRef('c.id', '=', 'f.customer_id'))
        .select(['c.external_userid', 'f.state'])
        .where('f.corp_id', '=', CORP)
        .execute(),
    );
    expect(follows.map((f) => f.external_userid).sort()).toEqual([...exts].sort());
    expect(new Set(follows.map((f) => f.state)).size).toBe(20);
  });
});
