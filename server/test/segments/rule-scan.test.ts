// A whole-corp rule scan runs with the memory to hash the rule's sets and without JIT, in its own transaction only.
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { prepareRuleScan } from '../../src/db/rule-scan';
import { withCorp } from '../../src/db/tenancy';
import { startTestApp, type TestApp } from '../helpers/test-app';

let app: TestApp;
beforeAll(async () => void (app = await startTestApp()), 60_000);
afterAll(async () => app?.cleanup());

const settings = (tx: Parameters<Parameters<typeof withCorp>[2]>[0]) =>
  sql<{ work_mem: string; jit: string }>`SELECT current_setting('work_mem') AS work_mem, current_setting('jit') AS jit`
    .execute(tx)
    .then((r) => r.rows[0]);

it('sets work_mem and turns JIT off for the transaction, then both are back', async () => {
  const before = await withCorp(app.ctx.db, 'corp_scan', settings);
  const during = await withCorp(app.ctx.db, 'corp_scan', async (tx) => {
    await prepareRuleScan(tx, '64MB');
    return settings(tx);
  });
  expect(during).toEqual({ work_mem: '64MB', jit: 'off' });
  expect(await withCorp(app.ctx.db, 'corp_scan', settings)).toEqual(before);
  expect(before.work_mem).not.toBe('64MB');
});
