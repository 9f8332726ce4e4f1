import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCorp } from '../../src/db/tenancy';
import { localRows, remoteRows, runSync, startHarness, type Harness } from './harness';

let h: Harness;
const CORP = 'wwfault480001';
beforeAll(async () => {
  h = await startHarness(CORP);
});
afterAll(async () => h?.close());

type Status = { features: Array<{ feature: string; status: string; errcode: number | null; api: string | null }>; warnings: unknown[] };

describe('WeCom permission faults', () => {
  it('a 48009 on one API disables only that sync, with a visible warning; the server keeps answering', async () => {
    await h.sb(`/sandbox/corps/${CORP}/population`, { seed: 'fault', staff: 5, customers: 120, groups: 4 });
    await h.sb('/sandbox/faults', { corp_id: CORP, api: 'externalcontact/groupchat/list', errcode: 48009 });

    const run = await runSync(h, 'sync');
    expect(run.status).toBe('partial');
    expect(run.report.warnings).toEqual([
      expect.objectContaining({ feature: 'groups', errcode: 48009, api: 'externalcontact/groupchat/list' }),
    ]);

    const status = await h.api<Status>('GET', '/api/wecom/status');
    expect(status.status).toBe(200);
    expect(status.body.features).toEqual([
      expect.objectContaining({ feature: 'groups', status: 'disabled', errcode: 48009, api: 'externalcontact/groupchat/list' }),
    ]);
    expect(status.body.warnings).toHaveLength(1);

    // Customers synced regardless; no groups.
    const local = await localRows(h);
    const remote = await remoteRows(h);
    expect(local.follows).toEqual(remote.follows);
    expect(local.tags).toEqual(remote.tags);
    expect(local.groups).toEqual([]);

    // The server still answers.
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
    expect((await h.api('GET', '/api/customers')).status).toBe(200);

    // Permission restored: the next run clears the warning and fills the groups.
    await h.sb(`/sandbox/faults?corp_id=${CORP}`, undefined, 'DELETE');
    const healed = await runSync(h, 'reconcile');
    expect(healed.status).toBe('done');
    const after = await h.api<Status>('GET', '/api/wecom/status');
    expect(after.body.features).toEqual([expect.objectContaining({ feature: 'groups', status: 'ok' })]);
    expect(after.body.warnings).toEqual([]);
    expect((await localRows(h)).members).toEqual((await remoteRows(h)).members);
  });

  it('the connection test reports WeCom errors instead of failing', async () => {
    const ok = await h.api<{ ok: boolean; followUsers: number }>('POST', '/api/wecom/connection/test');
    expect(ok.body).toMatchObject({ ok: true, followUsers: 5 });
    await h.sb('/sandbox/faults', { corp_id: CORP, api: 'externalcontact/get_follow_user_list', errcode: 48002, times: 1 });
    const denied = await h.api<{ ok: boolean; errcode: number }>('POST', '/api/wecom/connection/test');
    expect(denied.status).toBe(200);
    expect(denied.body).toMatchObject({ ok: false, errcode: 48002 });
    const conn = await h.api<{ callbackUrl: string; corpId: string; hasContactSecret: boolean }>('GET', '/api/wecom/connection');
    expect(conn.body).toMatchObject({ corpId: CORP, hasContactSecret: true });
    expect(conn.body.callbackUrl).toMatch(new RegExp(`/wecom/callback/${CORP}$`));
  });

  it('an interrupted sync (WeCom busy past its retries) resumes from its checkpoint and completes', async () => {
    // 4 × -1 outlasts the client's 3 retries: the run stops in the customers phase, then the queue retries it.
    await h.sb('/sandbox/faults', { corp_id: CORP, api: 'externalcontact/batch/get_by_user', errcode: -1, times: 4 });
    const run = await runSync(h, 'sync');
    expect(run.status).toBe('done');
    const row = await withCorp(h.app.ctx.db, CORP, (tx) =>
      tx.selectFrom('sync_runs').select(['checkpoint', 'error']).where('id', '=', run.id).executeTakeFirstOrThrow(),
    );
    expect(row.checkpoint).toMatchObject({ attempts: 1, phasesDone: ['org', 'tags', 'customers', 'groups'] });
    expect(row.error).toBeNull();
    expect(run.report.interruptions).toEqual([expect.objectContaining({ phase: 'customers', error: expect.stringMatching(/batch\/get_by_user/) })]);
    expect((await localRows(h)).follows).toEqual((await remoteRows(h)).follows);
  });
});
