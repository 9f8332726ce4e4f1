// Leads end to end against the sandbox: CSV and XLSX import with per-row errors and progress, distribution with
// one app message per staff member, matching a new follow by its remark mobile, manual confirm, reclaim and
// reassignment at the deadline, conversion per staff and per batch.
import { createWecomClient } from '@siyu/wecom';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCorp } from '../../src/db/tenancy';
import { inviteAndAccept } from '../helpers/test-app';
import { until } from '../helpers/until';
import { runSync, SECRET, settle, startHarness, type Harness } from '../wecom/harness';

const CORP = 'wwleadse2e01';
const STAFF = ['staff_a', 'sales_b', 'sales_c'];
let h: Harness;

type Batch = {
  id: string;
  status: string;
  total: number;
  done: number;
  imported: number;
  failed: number;
  round: number;
  errors: Record<string, number>;
  leads: { pool: number; assigned: number; added: number };
  reclaimed: number;
  reminders: Array<{ status: string; reason: string | null; count: number }>;
};
type Lead = {
  id: string;
  phone: string;
  status: string;
  staffUserid: string | null;
  round: number;
  addedBy: string | null;
};

async function upload(body: Buffer | string, contentType: string, filename: string): Promise<string> {
  const res = await h.app.app.inject({
    method: 'POST',
    url: `/api/leads/imports?filename=${encodeURIComponent(filename)}`,
    headers: { cookie: h.admin.cookie, 'content-type': contentType },
    payload: body,
  });
  expect(res.statusCode, res.body).toBe(202);
  return res.json().id;
}

async function imported(id: string): Promise<Batch> {
  return until(
    'batch imported',
    async () => {
      const { body } = await h.api<Batch>('GET', `/api/leads/batches/${id}`);
      return body.status === 'imported' || body.status === 'failed' ? body : undefined;
    },
    30_000,
    100,
  );
}

async function leadsOf(batchId: string): Promise<Lead[]> {
  const { body } = await h.api<{ items: Lead[] }>('GET', `/api/leads?batchId=${batchId}&pageSize=200`);
  return body.items;
}

beforeAll(async () => {
  h = await startHarness(CORP);
  for (const userid of STAFF) await h.sb(`/sandbox/corps/${CORP}/staff`, { userid, name: userid });
  // An existing customer whose follow carries a mobile in its remark: importing that number is "already a customer".
  await h.sb(`/sandbox/corps/${CORP}/customers`, { name: '老客户' });
  const corp = h.sandbox.state.corps.get(CORP)!;
  const old = [...corp.customers.keys()][0];
  await h.sb(`/sandbox/corps/${CORP}/add-friend`, { external_userid: old, userid: 'staff_a' });
  const client = createWecomClient({ corpId: CORP, secret: SECRET, baseUrl: h.sandbox.url });
  await client.remarkExternalContact({ userid: 'staff_a', external_userid: old, remark_mobiles: ['13900000001'] });
  const run = await runSync(h, 'sync');
  expect(run.status).toBe('done');
}, 120_000);
afterAll(async () => h?.close());

describe('leads and the public pool', () => {
  let batchId = '';

  it('imports a CSV: good rows in, each bad row reported with its reason, progress done/total', async () => {
    const rows = ['手机号,姓名,来源,备注'];
    for (let i = 0; i < 9; i++) rows.push(`1380000000${i},线索${i},展会,`);
    rows.push(
      '12345,坏号码,展会,',
      '13800000001,重复,展会,',
      '13900000001,老客户,展会,',
      '+86 138-0000-0100,带前缀,广告,备注',
    );
    batchId = await upload(rows.join('\n'), 'text/csv', 'leads.csv');
    const b = await imported(batchId);
    expect(b).toMatchObject({ status: 'imported', total: 13, done: 13, imported: 10, failed: 3 });
    expect(b.errors).toEqual({ bad_phone: 1, duplicate_in_file: 1, already_customer: 1 });
    const errs = await h.api<{ items: Array<{ rowNo: number; reason: string }> }>(
      'GET',
      `/api/leads/batches/${batchId}/errors`,
    );
    expect(errs.body.items.map((e) => e.reason).sort()).toEqual(['already_customer', 'bad_phone', 'duplicate_in_file']);
    expect(b.leads.pool).toBe(10);
  });

  it('imports an XLSX and reports numbers that are already leads; a file without a phone column fails clearly', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('leads');
    ws.addRow(['phone', 'name', 'source', 'notes']);
    ws.addRow(['13800000003', 'again', 'xlsx', '']);
    ws.addRow([13811112222, 'numeric cell', 'xlsx', 'n']);
    const id = await upload(
      Buffer.from(await wb.xlsx.writeBuffer()),
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'more.xlsx',
    );
    const b = await imported(id);
    expect(b).toMatchObject({ status: 'imported', total: 2, imported: 1, failed: 1, errors: { already_lead: 1 } });

    const bad = await imported(await upload('name,notes\nx,y\n', 'text/csv', 'bad.csv'));
    expect(bad.status).toBe('failed');
    const json = await h.app.app.inject({
      method: 'POST',
      url: '/api/leads/imports',
      headers: { cookie: h.admin.cookie },
      payload: { phone: '1' },
    });
    expect(json.statusCode).toBe(415);

    // No app agent configured yet: the reminder is recorded as skipped, with the reason.
    const d = await h.api<{ assigned: number }>('POST', `/api/leads/batches/${id}/distribute`, {
      mode: 'even',
      staff: [{ userid: 'sales_b' }],
      deadlineHours: 24,
    });
    expect(d.body.assigned).toBe(1);
    await until('reminder skipped', async () =>
      (await h.api<Batch>('GET', `/api/leads/batches/${id}`)).body.reminders.some(
        (r) => r.status === 'skipped' && r.reason === 'no_app_agent',
      ),
    );
  });

  it('refuses unknown staff with a clear code', async () => {
    const res = await h.api<{ code: string }>('POST', `/api/leads/batches/${batchId}/distribute`, {
      mode: 'even',
      staff: [{ userid: 'ghost' }],
      deadlineHours: 1,
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('lead_staff_unknown');
  });

  it('distributes evenly, messages each staff member once, matches follows, confirms, then reclaims and reassigns', async () => {
    const creds = await h.sb<{ corps: Array<{ corp_id: string; app: { agentid: number; secret: string } }> }>(
      '/sandbox/corps',
    );
    const app = creds.corps.find((c) => c.corp_id === CORP)!.app;
    const put = await h.api('PUT', '/api/wecom/connection', { agentId: String(app.agentid), appSecret: app.secret });
    expect(put.status).toBe(200);

    const d = await h.api<{ round: number; assigned: number; perStaff: Array<{ userid: string; count: number }> }>(
      'POST',
      `/api/leads/batches/${batchId}/distribute`,
      { mode: 'even', staff: STAFF.map((userid) => ({ userid })), deadlineHours: 12 / 3600, maxRounds: 2 },
    );
    expect(d.status).toBe(200);
    expect(d.body.assigned).toBe(10);
    const counts = d.body.perStaff.map((p) => p.count);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);

    const corp = h.sandbox.state.corps.get(CORP)!;
    await until(
      'three reminders',
      async () => corp.appMessages.filter((m) => m.body && JSON.stringify(m.body).includes(batchId)).length === 3,
    );
    const msgs = corp.appMessages.filter((m) => JSON.stringify(m.body).includes(batchId));
    expect(msgs.map((m) => m.touser).sort()).toEqual([...STAFF].sort());
    for (const p of d.body.perStaff)
      expect(JSON.stringify(msgs.find((m) => m.touser === p.userid)!.body)).toContain(`${p.count} 条`);

    const leads = await leadsOf(batchId);
    // sales_b adds its lead and writes the mobile into the remark: the edit callback marks the lead added.
    const forB = leads.find((l) => l.staffUserid === 'sales_b')!;
    const cb = await h.sb<{ external_userid: string }>(`/sandbox/corps/${CORP}/customers`, { name: '新客户' });
    await h.sb(`/sandbox/corps/${CORP}/add-friend`, { external_userid: cb.external_userid, userid: 'sales_b' });
    const client = createWecomClient({ corpId: CORP, secret: SECRET, baseUrl: h.sandbox.url });
    await client.remarkExternalContact({
      userid: 'sales_b',
      external_userid: cb.external_userid,
      remark_mobiles: [forB.phone],
    });
    await h.sb(`/sandbox/corps/${CORP}/edit-customer`, {
      external_userid: cb.external_userid,
      userid: 'sales_b',
      remark: '线索',
    });
    await settle(h);
    // sales_c confirms by hand (sidebar); a customer who is not its friend is refused.
    const forC = leads.find((l) => l.staffUserid === 'sales_c')!;
    const cc = await h.sb<{ external_userid: string }>(`/sandbox/corps/${CORP}/customers`, { name: '手动确认' });
    await h.sb(`/sandbox/corps/${CORP}/add-friend`, { external_userid: cc.external_userid, userid: 'sales_c' });
    await settle(h);
    const wrong = await h.api<{ code: string }>('POST', `/api/leads/${forC.id}/confirm`, {
      externalUserid: cb.external_userid,
    });
    expect(wrong.body.code).toBe('lead_not_followed');
    const ok = await h.api('POST', `/api/leads/${forC.id}/confirm`, { externalUserid: cc.external_userid });
    expect(ok.status).toBe(200);

    const after = await leadsOf(batchId);
    expect(after.find((l) => l.id === forB.id)).toMatchObject({ status: 'added', addedBy: 'follow' });
    expect(after.find((l) => l.id === forC.id)).toMatchObject({ status: 'added', addedBy: 'manual' });

    // Deadline: the 8 others go back to the pool and to another staff member (round 2), with new reminders.
    const round2 = await until(
      'round 2',
      async () => {
        const b = (await h.api<Batch>('GET', `/api/leads/batches/${batchId}`)).body;
        return b.round === 2 ? b : undefined;
      },
      40_000,
      250,
    );
    expect(round2.reclaimed).toBe(8);
    const reassigned = await leadsOf(batchId);
    for (const l of reassigned.filter((x) => x.status === 'assigned')) {
      const before = leads.find((x) => x.id === l.id)!;
      expect(l.round).toBe(2);
      expect(l.staffUserid).not.toBe(before.staffUserid);
    }
    await until(
      'round-2 reminders',
      async () => corp.appMessages.filter((m) => JSON.stringify(m.body).includes(batchId)).length >= 5,
    );

    // After the last round, the rest stays in the pool.
    const final = await until(
      'pool after last round',
      async () => {
        const b = (await h.api<Batch>('GET', `/api/leads/batches/${batchId}`)).body;
        return b.leads.pool === 8 ? b : undefined;
      },
      40_000,
      250,
    );
    expect(final.leads).toEqual({ pool: 8, assigned: 0, added: 2 });

    const conv = await h.api<{
      items: Array<{ staffUserid: string; assigned: number; added: number; reclaimed: number }>;
    }>('GET', `/api/leads/conversion/staff?batchId=${batchId}`);
    const byStaff = Object.fromEntries(conv.body.items.map((r) => [r.staffUserid, r]));
    expect(byStaff.sales_b.added).toBe(1);
    expect(byStaff.sales_c.added).toBe(1);
    expect(conv.body.items.reduce((a, r) => a + r.assigned, 0)).toBe(18);
    expect(conv.body.items.reduce((a, r) => a + r.reclaimed, 0)).toBe(16);
  }, 120_000);

  it('shows a staff login only its own leads, and masks phones for analysts', async () => {
    const sessions: Record<string, string> = {};
    for (const role of ['staff', 'analyst'] as const) {
      const email = `${role}2@leads.test`;
      const user = await inviteAndAccept(h.app, h.admin.cookie, { email, name: role, role, ...(role === 'staff' ? { staffUserid: 'sales_b' } : {}) });
      sessions[role] = user.cookie;
    }
    const mine = await h.app.app.inject({
      method: 'GET',
      url: '/api/leads?pageSize=200',
      headers: { cookie: sessions.staff },
    });
    const own = await withCorp(h.app.ctx.db, CORP, (tx) =>
      tx.selectFrom('leads').select('id').where('corp_id', '=', CORP).where('staff_userid', '=', 'sales_b').execute(),
    );
    expect(mine.json().total).toBe(own.length);
    expect(mine.json().items.every((l: Lead) => l.staffUserid === 'sales_b')).toBe(true);
    const masked = await h.app.app.inject({
      method: 'GET',
      url: '/api/leads?pageSize=5',
      headers: { cookie: sessions.analyst },
    });
    expect(masked.json().items[0].phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    const denied = await h.app.app.inject({
      method: 'POST',
      url: `/api/leads/batches/${batchId}/distribute`,
      headers: { cookie: sessions.analyst },
      payload: { mode: 'even', staff: [{ userid: 'sales_b' }], deadlineHours: 1 },
    });
    expect(denied.statusCode).toBe(403);
  });
});
