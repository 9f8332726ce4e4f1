// After a crash, the callbacks WeCom gave up on are not left to the 6-hourly reconciliation: start-up reconciles
// every connected corp that was synced once, and processes starting together queue a single run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCorp } from '../../src/db/tenancy';
import { until } from '../helpers/until';
import { runSync, settle, startHarness, type Harness } from './harness';

const CORP = 'wwstartrecon01';
let h: Harness;

beforeAll(async () => {
  h = await startHarness(CORP);
  await h.sb(`/sandbox/corps/${CORP}/population`, { seed: 'startup', staff: 2, customers: 5, groups: 0 });
  expect((await runSync(h, 'sync')).status).toBe('done');
}, 120_000);

afterAll(async () => h?.close());

describe('reconcile at start-up', () => {
  it('a change whose callbacks were lost while Siyu was down is in Siyu after the restart, with one reconcile run', async () => {
    await h.app.wecom.stop();
    // Siyu is down: WeCom retries, then gives up on this callback.
    await h.sb('/sandbox/callback-faults', { corp_id: CORP, mode: 'drop', rate: 1 });
    const created = await h.sb<{ id: string }>(`/sandbox/corps/${CORP}/staff-tag-change`, { action: 'create', tag_type: 'tag_group', name: '停机期间', tags: ['丢失'] });
    await h.sandbox.flushCallbacks();
    await h.sb(`/sandbox/callback-faults?corp_id=${CORP}`, undefined, 'DELETE');

    // two processes start at once
    await Promise.all([h.app.wecom.start(), h.app.wecom.scheduler.reconcileOnStart()]);
    const runs = await withCorp(h.app.ctx.db, CORP, (tx) =>
      tx.selectFrom('sync_runs').select(['id', 'status']).where('corp_id', '=', CORP).where('trigger', '=', 'startup').execute(),
    );
    expect(runs).toHaveLength(1);
    await until(
      'start-up reconcile done',
      async () => {
        const r = await withCorp(h.app.ctx.db, CORP, (tx) => tx.selectFrom('sync_runs').select('status').where('corp_id', '=', CORP).where('id', '=', runs[0].id).executeTakeFirstOrThrow());
        return r.status === 'done' ? r : null;
      },
      60_000,
      200,
    );
    await settle(h);
    const { body } = await h.api<{ groups: Array<{ groupId: string; name: string }> }>('GET', '/api/tags');
    expect(body.groups.find((g) => g.groupId === created.id)?.name).toBe('停机期间');

    // a start on its own (one process) queues one too
    await h.app.wecom.stop();
    await h.app.wecom.start();
    const after = await withCorp(h.app.ctx.db, CORP, (tx) => tx.selectFrom('sync_runs').select('id').where('corp_id', '=', CORP).where('trigger', '=', 'startup').execute());
    expect(after).toHaveLength(2);
  }, 120_000);
});
