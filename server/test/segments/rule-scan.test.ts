// A whole-corp rule scan runs with the memory to hash the rule's sets, without JIT and with the rule's sets built by
// parallel workers, in its own transaction only.
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { prepareRuleScan } from '../../src/db/rule-scan';
import { withCorp } from '../../src/db/tenancy';
import { startTestApp, type TestApp } from '../helpers/test-app';

let app: TestApp;
beforeAll(async () => void (app = await startTestApp()), 60_000);
afterAll(async () => app?.cleanup());

const settings = (tx: Parameters<Parameters<typeof withCorp>[2]>[0]) =>
  sql<{ work_mem: string; jit: string; tuple_cost: string }>`SELECT current_setting('work_mem') AS work_mem, current_setting('jit') AS jit,
    current_setting('parallel_tuple_cost') AS tuple_cost`
    .execute(tx)
    .then((r) => r.rows[0]);

it('sets work_mem, turns JIT off and makes parallel sets cheaper for the transaction, then all are back', async () => {
  const before = await withCorp(app.ctx.db, 'corp_scan', settings);
  const during = await withCorp(app.ctx.db, 'corp_scan', async (tx) => {
    await prepareRuleScan(tx, '64MB');
    return settings(tx);
  });
  expect(during).toEqual({ work_mem: '64MB', jit: 'off', tuple_cost: '0.01' });
  expect(await withCorp(app.ctx.db, 'corp_scan', settings)).toEqual(before);
  expect(before.work_mem).not.toBe('64MB');
  expect(before.tuple_cost).not.toBe('0.01');
});
