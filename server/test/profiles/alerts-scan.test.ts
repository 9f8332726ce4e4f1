// End to end on the sandbox: customers with a past (WeCom friends made months ago, orders dated in the past through
// the events API), the profile scan, and what staff and operators see: churn and repurchase alerts (per product by
// the corp's repurchase cycles, else by the customer's own interval), one grouped WeCom app message per staff member,
// no duplicates, alerts that close by themselves, the list API, and reminders that survive a WeCom fault.
import { startSandbox, type Sandbox } from '@siyu/sandbox';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCorp } from '../../src/db/tenancy';
import { SCAN_QUEUE } from '../../src/modules/alerts/scan-profiles.job';
import { login } from '../helpers/test-app';
import { until } from '../helpers/until';
import { settle, startHarness, type Harness } from '../wecom/harness';

const CORP = 'wwalertscan01';
const DAY = 86_400_000;
let h: Harness;
let sandbox: Sandbox;
let key: string;
let staffCookie: string;
let clockOffset = 0;
/** When set, the sandbox clock stands still (several WeCom events in one second). */
let frozenAt: number | null = null;

type AppMessage = { touser: string; body: { text: { content: string } } };
type AlertItem = { id: string; kind: string; status: string; subject: string; customerId: string; staffUserid: string; detail: Record<string, unknown>; resolvedReason: string | null };
type AlertRow = { id: string; customer_id: string; kind: string; subject: string; status: string; staff_userid: string; detail: Record<string, unknown>; notified_at: Date | null; resolved_reason: string | null };

const api = async <T = Record<string, unknown>>(method: string, url: string, payload?: unknown, cookie = h.admin.cookie) => {
  const res = await h.app.app.inject({ method: method as 'GET', url, headers: { cookie }, payload: payload as object });
  return { status: res.statusCode, body: (res.body ? res.json() : {}) as T };
};
const ingest = async (events: unknown[]) => {
  const res = await h.app.app.inject({ method: 'POST', url: '/api/events', headers: { authorization: `Bearer ${key}` }, payload: { events } });
  expect(res.statusCode).toBe(200);
  expect(res.json()).toMatchObject({ accepted: events.length, rejected: [] });
};
const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString();
let orderSeq = 0;
const order = (ext: string, days: number, amount: number, items: Array<{ sku: string; name: string; category: string }>) => ({
  id: `o-${++orderSeq}`,
  type: 'order',
  occurredAt: daysAgo(days),
  customer: { externalUserid: ext },
  properties: { orderNo: `NO-${orderSeq}`, amount, items: items.map((i) => ({ ...i, quantity: 1, price: amount / items.length })) },
});
const alerts = () =>
  withCorp(h.app.ctx.db, CORP, async (tx) =>
    (await sql<AlertRow>`select id, customer_id, kind, subject, status, staff_userid, detail, notified_at, resolved_reason from alerts where corp_id = ${CORP} order by created_at, kind, subject`.execute(tx)).rows,
  );
const messagesTo = async (userid: string) =>
  (await h.sb<{ app_messages: AppMessage[] }>(`/sandbox/corps/${CORP}/state`)).app_messages.filter((m) => m.touser === userid).map((m) => m.body.text.content);

/** A WeCom customer who added `staff` `days` ago (the sandbox clock is moved back while they do). */
async function friend(name: string, staff: string, days = 0): Promise<{ ext: string; id: string }> {
  const c = await h.sb<{ external_userid: string }>(`/sandbox/corps/${CORP}/customers`, { name });
  clockOffset = -days * DAY;
  try {
    await h.sb(`/sandbox/corps/${CORP}/add-friend`, { external_userid: c.external_userid, userid: staff });
    await settle(h);
  } finally {
    clockOffset = 0;
  }
  const id = await until(`${name} synced`, async () =>
    withCorp(h.app.ctx.db, CORP, async (tx) => (await tx.selectFrom('customers').select('id').where('corp_id', '=', CORP).where('external_userid', '=', c.external_userid).executeTakeFirst())?.id),
  );
  return { ext: c.external_userid, id };
}

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 11, callbackRetryDelayMs: 50, reorderWindowMs: 200, now: () => frozenAt ?? Date.now() + clockOffset });
  h = await startHarness(CORP, { sandbox });
  const creds = await h.sb<{ corps: Array<{ corp_id: string; app: { agentid: number; secret: string } }> }>('/sandbox/corps');
  const app = creds.corps.find((c) => c.corp_id === CORP)!.app;
  expect((await api('PUT', '/api/wecom/connection', { agentId: String(app.agentid), appSecret: app.secret })).status).toBe(200);
  for (const [userid, name] of [['staff_a', '安然'], ['li', '李娜']]) await h.sb(`/sandbox/corps/${CORP}/staff`, { userid, name });
  key = (await api<{ key: string }>('POST', '/api/api-keys', { name: 'shop', scopes: ['events:write'] })).body.key;
  staffCookie = await login(h.app, `staff@${CORP}.test`); // the staff-role user is staff member staff_a
}, 60_000);
afterAll(async () => {
  await h?.close();
  await sandbox?.close();
});

describe('profile scan: churn and repurchase alerts', () => {
  const c: Record<'inactive' | 'atRisk' | 'ownInterval' | 'slowBuyer' | 'product' | 'fresh', { ext: string; id: string }> = {} as never;

  it('lets managers set repurchase cycles per sku or category, and everyone read them', async () => {
    const put = (body: unknown, cookie?: string) => api<{ id: string; match: string; value: string; name: string; cycleDays: number }>('PUT', '/api/profile-settings/repurchase-cycles', body, cookie);
    const milk = await put({ match: 'sku', value: 'MILK', name: '牛奶', cycleDays: 5 });
    expect(milk.status).toBe(200);
    const again = await put({ match: 'sku', value: 'MILK', name: '牛奶', cycleDays: 7 });
    expect(again.body).toMatchObject({ id: milk.body.id, cycleDays: 7 });
    expect((await put({ match: 'category', value: '水果', cycleDays: 10 })).status).toBe(200);
    expect((await put({ match: 'sku', value: 'APPLE-GOLD', name: '金苹果', cycleDays: 30 })).status).toBe(200);
    const tmp = await put({ match: 'category', value: '纸巾', cycleDays: 20 });

    expect((await put({ match: 'sku', value: 'X', cycleDays: 7 }, staffCookie)).status).toBe(403);
    expect((await put({ match: 'brand', value: 'X', cycleDays: 7 })).status).toBe(400);
    expect((await put({ match: 'sku', value: 'X', cycleDays: 0 })).status).toBe(400);
    expect((await put({ match: 'sku', value: 'X', cycleDays: 7, extra: 1 })).status).toBe(400);
    expect((await put({ match: 'sku', value: '   ', cycleDays: 7 })).status).toBe(400);

    expect((await api('DELETE', `/api/profile-settings/repurchase-cycles/${tmp.body.id}`)).status).toBe(204);
    expect((await api('DELETE', `/api/profile-settings/repurchase-cycles/${tmp.body.id}`)).status).toBe(404);
    const list = await api<{ items: Array<{ match: string; value: string; name: string; cycleDays: number }> }>('GET', '/api/profile-settings/repurchase-cycles', undefined, staffCookie);
    expect(list.status).toBe(200);
    expect(list.body.items.map((i) => [i.match, i.value, i.name, i.cycleDays])).toEqual([
      ['sku', 'APPLE-GOLD', '金苹果', 30],
      ['sku', 'MILK', '牛奶', 7],
      ['category', '水果', '', 10],
    ]);
  });

  it('opens churn_inactive, churn_rfm, own-interval and per-product repurchase alerts, and sends each staff member one message', async () => {
    c.inactive = await friend('久未联系', 'staff_a', 100);
    c.atRisk = await friend('老主顾', 'li');
    c.ownInterval = await friend('面包控', 'staff_a');
    c.slowBuyer = await friend('慢节奏', 'li');
    c.product = await friend('牛奶水果', 'li');
    c.fresh = await friend('刚买过', 'staff_a');
    const gift = [{ sku: 'GIFT', name: '礼盒', category: '礼盒' }];
    const bread = [{ sku: 'BREAD', name: '吐司', category: '烘焙' }];
    await ingest([
      // 3 orders in a year, 900 in all, the last 100 days ago: important_retain (at risk); own interval 100 days, not due.
      order(c.atRisk.ext, 300, 300, gift),
      order(c.atRisk.ext, 200, 300, gift),
      order(c.atRisk.ext, 100, 300, gift),
      // every 10 days, last 20 days ago: due by their own interval (10 × 1.2); no product with a cycle.
      order(c.ownInterval.ext, 40, 50, bread),
      order(c.ownInterval.ext, 30, 50, bread),
      order(c.ownInterval.ext, 20, 50, bread),
      // every 60 days, last 80 days ago: due (60 × 1.2 = 72) although past the 60 inactive days.
      order(c.slowBuyer.ext, 200, 30, bread),
      order(c.slowBuyer.ext, 140, 30, bread),
      order(c.slowBuyer.ext, 80, 30, bread),
      // A banana 13 days ago (fruit: every 10 days → due), a gold apple 11 days ago (fruit too, but its own sku rule of
      // 30 days wins, so it neither is due nor counts as buying fruit), milk 9 days ago (every 7 days → due).
      order(c.product.ext, 13, 30, [{ sku: 'BANANA', name: '香蕉', category: '水果' }]),
      order(c.product.ext, 11, 60, [{ sku: 'APPLE-GOLD', name: '金苹果', category: '水果' }]),
      order(c.product.ext, 9, 20, [{ sku: 'MILK', name: '鲜牛奶 1L', category: '乳品' }]),
      order(c.fresh.ext, 2, 20, [{ sku: 'MILK', name: '鲜牛奶 1L', category: '乳品' }]),
    ]);
    // Staff writing a note is not the customer doing something: still inactive.
    expect((await api('POST', `/api/customers/${c.inactive.id}/notes`, { content: '打过电话，未接' })).status).toBe(201);
    const before = { a: (await messagesTo('staff_a')).length, li: (await messagesTo('li')).length };

    const scan = await h.app.alerts.scanNow(CORP);
    expect(scan.alerts).toBe(6);
    const rows = await alerts();
    const seen = rows.map((r) => [r.customer_id, r.kind, r.subject, r.staff_userid, r.status]).sort();
    expect(seen).toEqual(
      [
        [c.inactive.id, 'churn_inactive', '', 'staff_a', 'open'],
        [c.atRisk.id, 'churn_rfm', '', 'li', 'open'],
        [c.ownInterval.id, 'repurchase', '', 'staff_a', 'open'],
        [c.slowBuyer.id, 'repurchase', '', 'li', 'open'],
        [c.product.id, 'repurchase', 'category:水果', 'li', 'open'],
        [c.product.id, 'repurchase', 'sku:MILK', 'li', 'open'],
      ].sort(),
    );
    const byKey = new Map(rows.map((r) => [`${r.customer_id}|${r.kind}|${r.subject}`, r]));
    expect(byKey.get(`${c.product.id}|repurchase|sku:MILK`)!.detail).toMatchObject({ productName: '牛奶', match: 'sku', value: 'MILK', cycleDays: 7 });
    expect(byKey.get(`${c.product.id}|repurchase|category:水果`)!.detail).toMatchObject({ productName: '水果', match: 'category', cycleDays: 10 });
    expect(byKey.get(`${c.ownInterval.id}|repurchase|`)!.detail).toMatchObject({ medianIntervalDays: 10 });
    expect(byKey.get(`${c.atRisk.id}|churn_rfm|`)!.detail).toMatchObject({ class: 'important_retain' });
    expect(rows.every((r) => r.notified_at !== null)).toBe(true);

    const toA = (await messagesTo('staff_a')).slice(before.a);
    const toLi = (await messagesTo('li')).slice(before.li);
    expect(toA).toHaveLength(1);
    expect(toA[0]).toContain('客户长时间未互动 1 位');
    expect(toA[0]).toContain('客户到了复购周期 1 位');
    expect(toLi).toHaveLength(1);
    expect(toLi[0]).toContain('高价值客户流失风险 1 位');
    expect(toLi[0]).toMatch(/客户到了复购周期 2 位（(牛奶、水果|水果、牛奶)）/); // customers, not alerts
  });

  it('opens no duplicates on the next scan (sent as a job), nor again after an alert was dismissed', async () => {
    const before = { rows: (await alerts()).length, a: (await messagesTo('staff_a')).length, li: (await messagesTo('li')).length };
    const dismissed = (await alerts()).find((r) => r.customer_id === c.ownInterval.id)!;
    expect((await api('PATCH', `/api/alerts/${dismissed.id}`, { status: 'dismissed' })).status).toBe(204);

    const jobId = await h.app.ctx.queue.send(SCAN_QUEUE, { corpId: CORP });
    expect(jobId).toBeTruthy();
    await until('scan job done', async () => {
      const r = await h.app.ctx.database.ownerSql(`select state from pgboss.job where id = $1`, [jobId]);
      return (r.rows[0] as { state?: string } | undefined)?.state === 'completed';
    });
    expect((await h.app.alerts.scanNow(CORP)).alerts).toBe(0);
    const rows = await alerts();
    expect(rows).toHaveLength(before.rows);
    expect(rows.find((r) => r.id === dismissed.id)!.status).toBe('dismissed');
    expect((await messagesTo('staff_a')).length).toBe(before.a);
    expect((await messagesTo('li')).length).toBe(before.li);
  });

  it('lists alerts with filters; a staff member sees only their own', async () => {
    const open = await api<{ items: AlertItem[]; total: number; counts: Record<string, number> }>('GET', '/api/alerts');
    expect(open.status).toBe(200);
    expect(open.body.total).toBe(5);
    const repurchase = await api<{ items: AlertItem[]; total: number }>('GET', '/api/alerts?kind=repurchase');
    expect(repurchase.body.items.map((i) => i.subject).sort()).toEqual(['', 'category:水果', 'sku:MILK']);
    expect(repurchase.body.items.find((i) => i.subject === 'sku:MILK')!.detail.productName).toBe('牛奶');
    const dismissed = await api<{ items: AlertItem[] }>('GET', '/api/alerts?status=dismissed');
    expect(dismissed.body.items.map((i) => [i.customerId, i.kind])).toEqual([[c.ownInterval.id, 'repurchase']]);
    const inactive = await api<{ items: AlertItem[] }>('GET', '/api/alerts?kind=churn_inactive');
    expect(inactive.body.items.map((i) => i.customerId)).toEqual([c.inactive.id]);
    const page = await api<{ items: AlertItem[]; total: number }>('GET', '/api/alerts?pageSize=1&page=2');
    expect(page.body).toMatchObject({ total: 5 });
    expect(page.body.items).toHaveLength(1);
    const mine = await api<{ items: AlertItem[]; total: number }>('GET', '/api/alerts', undefined, staffCookie);
    expect(mine.body.items.map((i) => [i.customerId, i.kind])).toEqual([[c.inactive.id, 'churn_inactive']]);
    expect((await api('GET', '/api/alerts?kind=unknown')).status).toBe(400);
  });

  it('closes alerts by themselves: a new purchase, new activity, a better RFM class, re-adding the staff member', async () => {
    // Milk again closes the milk alert; a gold apple (its own sku rule) does not count as buying fruit.
    await ingest([order(c.product.ext, 0, 80, [{ sku: 'MILK', name: '鲜牛奶 1L', category: '乳品' }, { sku: 'APPLE-GOLD', name: '金苹果', category: '水果' }])]);
    let rows = await alerts();
    const milk = rows.find((r) => r.subject === 'sku:MILK')!;
    expect([milk.status, milk.resolved_reason]).toEqual(['done', 'repurchased']);
    expect(rows.find((r) => r.subject === 'category:水果')!.status).toBe('open');

    await ingest([{ id: 'pv-1', type: 'page_view', customer: { externalUserid: c.inactive.ext }, properties: { url: '/shop' } }]);
    await ingest([order(c.atRisk.ext, 0, 500, [{ sku: 'GIFT', name: '礼盒', category: '礼盒' }])]);
    rows = await alerts();
    expect(rows.find((r) => r.customer_id === c.inactive.id)).toMatchObject({ status: 'done', resolved_reason: 'active_again' });
    expect(rows.find((r) => r.customer_id === c.atRisk.id && r.kind === 'churn_rfm')).toMatchObject({ status: 'done', resolved_reason: 'rfm_recovered' });

    const done = await api<{ items: AlertItem[] }>('GET', '/api/alerts?status=done&kind=repurchase');
    expect(done.body.items.map((i) => [i.subject, i.resolvedReason])).toEqual([['sku:MILK', 'repurchased']]);

    // Deleting the staff member raises churn_deleted at once; adding them again closes it. All three WeCom events
    // fall in one second, so the two adds differ only by their welcome codes.
    frozenAt = Date.now();
    let deleted: AlertRow;
    try {
      const again = await friend('删了又加', 'staff_a');
      await h.sb(`/sandbox/corps/${CORP}/customer-deletes-staff`, { external_userid: again.ext, userid: 'staff_a' });
      await settle(h);
      deleted = await until('churn_deleted', async () => (await alerts()).find((r) => r.kind === 'churn_deleted' && r.status === 'open'));
      expect(deleted.customer_id).toBe(again.id);
      await h.sb(`/sandbox/corps/${CORP}/add-friend`, { external_userid: again.ext, userid: 'staff_a' });
      await settle(h);
    } finally {
      frozenAt = null;
    }
    expect((await alerts()).find((r) => r.id === deleted.id)).toMatchObject({ status: 'done', resolved_reason: 're_added' });

    // Nothing new is due, and what closed stays closed.
    expect((await h.app.alerts.scanNow(CORP)).alerts).toBe(0);
    expect((await alerts()).filter((r) => r.status === 'open').map((r) => [r.customer_id, r.subject])).toEqual([
      [c.slowBuyer.id, ''],
      [c.product.id, 'category:水果'],
    ]);
  });

  it('sends no message when notifyStaff is off', async () => {
    expect((await api('PUT', '/api/profile-settings/alerts', { inactiveDays: 60, repurchaseFactor: 1.2, notifyStaff: false })).status).toBe(204);
    const quiet = await friend('静默', 'staff_a', 90);
    const before = (await messagesTo('staff_a')).length;
    expect((await h.app.alerts.scanNow(CORP)).alerts).toBe(1);
    const row = (await alerts()).find((r) => r.customer_id === quiet.id)!;
    expect(row).toMatchObject({ kind: 'churn_inactive', status: 'open', notified_at: null });
    expect((await messagesTo('staff_a')).length).toBe(before);

    expect((await api('PUT', '/api/profile-settings/alerts', { inactiveDays: 60, repurchaseFactor: 1.2, notifyStaff: true })).status).toBe(204);
    expect((await h.app.alerts.scanNow(CORP)).alerts).toBe(0);
    expect((await messagesTo('staff_a')).length).toBe(before);
  });

  it('opens alerts when the WeCom app message fails, and delivers the reminder on a later scan', async () => {
    await h.sb('/sandbox/faults', { corp_id: CORP, api: 'message/send', errcode: 48002 });
    const late = await friend('故障期间', 'li', 80);
    const before = (await messagesTo('li')).length;
    expect((await h.app.alerts.scanNow(CORP)).alerts).toBe(1);
    expect((await alerts()).find((r) => r.customer_id === late.id)).toMatchObject({ kind: 'churn_inactive', status: 'open', notified_at: null });
    expect((await messagesTo('li')).length).toBe(before);

    await h.sb(`/sandbox/faults?corp_id=${CORP}`, undefined, 'DELETE');
    expect((await h.app.alerts.scanNow(CORP)).alerts).toBe(0);
    const toLi = (await messagesTo('li')).slice(before);
    expect(toLi).toHaveLength(1);
    expect(toLi[0]).toContain('客户长时间未互动 1 位');
    expect((await alerts()).find((r) => r.customer_id === late.id)!.notified_at).not.toBeNull();
    expect((await h.app.alerts.scanNow(CORP)).alerts).toBe(0);
    expect((await messagesTo('li')).length).toBe(before + 1);
  });
});
