// End to end on the sandbox: a WeCom customer gets an identity and a timeline, buys through the events API, is
// tagged (single and bulk, reaching WeCom), moves through stages, gets RFM, points and level, alerts and reminders.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCorp } from '../../src/db/tenancy';
import { until } from '../helpers/until';
import { settle, startHarness, type Harness } from '../wecom/harness';

let h: Harness;
let key: string;
const CORP = 'wwprofiles0001';
type State = { follows: Array<{ userid: string; external_userid: string; tag_ids: string[] }>; app_messages: Array<{ touser: string; body: { text: { content: string } } }>; tag_groups: Array<{ group_id: string; group_name: string; tag: Array<{ id: string; name: string }> }> };

// Like h.api, but a 204 has no body.
const api = async <T = Record<string, unknown>>(method: string, url: string, payload?: unknown) => {
  const res = await h.app.app.inject({ method: method as 'GET', url, headers: { cookie: h.admin.cookie }, payload: payload as object });
  return { status: res.statusCode, body: (res.body ? res.json() : {}) as T };
};
const q = <T>(text: ReturnType<typeof sql<T>>) => withCorp(h.app.ctx.db, CORP, async (tx) => (await text.execute(tx)).rows);
const ingest = async (events: unknown[]) => {
  const res = await h.app.app.inject({ method: 'POST', url: '/api/events', headers: { authorization: `Bearer ${key}` }, payload: { events } });
  expect(res.statusCode).toBe(200);
  return res.json() as { accepted: number; rejected: unknown[] };
};
const customerIdOf = async (ext: string) => (await q(sql<{ id: string }>`select id from customers where corp_id = ${CORP} and external_userid = ${ext}`))[0]?.id;
const days = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

beforeAll(async () => {
  h = await startHarness(CORP);
  const creds = await h.sb<{ corps: Array<{ corp_id: string; app: { agentid: number; secret: string } }> }>('/sandbox/corps');
  const app = creds.corps.find((c) => c.corp_id === CORP)!.app;
  expect((await api('PUT', '/api/wecom/connection', { agentId: String(app.agentid), appSecret: app.secret })).status).toBe(200);
  for (const [userid, name] of [['zhang', '张伟'], ['li', '李娜']]) await h.sb(`/sandbox/corps/${CORP}/staff`, { userid, name });
  const k = await api<{ key: string }>('POST', '/api/api-keys', { name: 'shop', scopes: ['events:write'] });
  key = k.body.key;
}, 60_000);
afterAll(async () => h?.close());

describe('profile end to end', () => {
  let cid: string;
  let ext: string;

  it('a new WeCom friend gets identities and timeline entries; an API event by unionid lands on the same profile', async () => {
    const c = await h.sb<{ external_userid: string }>(`/sandbox/corps/${CORP}/customers`, { name: '王芳', unionid: 'union-wf', phone: '13812345678' });
    ext = c.external_userid;
    await h.sb(`/sandbox/corps/${CORP}/add-friend`, { external_userid: ext, userid: 'zhang', state: 'poster_mall' });
    await h.sb(`/sandbox/corps/${CORP}/add-friend`, { external_userid: ext, userid: 'li' });
    await settle(h);
    cid = await until('customer synced', () => customerIdOf(ext));
    const ids = await q(sql<{ kind: string; value: string }>`select kind, value from customer_identities where corp_id = ${CORP} and customer_id = ${cid} order by kind`);
    expect(ids).toEqual([{ kind: 'external_userid', value: ext }, { kind: 'unionid', value: 'union-wf' }]);

    const r = await ingest([
      { id: 'o1', type: 'order', occurredAt: days(50), customer: { unionid: 'union-wf' }, properties: { orderNo: 'A-1', amount: 300, items: [{ sku: 'F1', name: '车厘子', category: 'fruit', quantity: 1, price: 300 }] } },
      { id: 'o2', type: 'order', occurredAt: days(35), customer: { unionid: 'union-wf' }, properties: { orderNo: 'A-2', amount: 200, items: [{ sku: 'F2', name: '芒果', category: 'fruit', quantity: 2, price: 100 }] } },
      { id: 'o3', type: 'order', occurredAt: days(20), customer: { externalUserid: ext, phone: '13812345678' }, properties: { orderNo: 'A-3', amount: 150, items: [{ sku: 'F1', name: '车厘子', category: 'fruit', quantity: 1, price: 150 }] } },
      { id: 'l1', type: 'link_open', occurredAt: days(1), customer: { externalUserid: ext }, properties: { url: 'https://x/y', seconds: 40 } },
    ]);
    expect(r).toMatchObject({ accepted: 4, rejected: [] });
    expect(await q(sql<{ n: number }>`select count(*)::int as n from customers where corp_id = ${CORP}`)).toEqual([{ n: 1 }]);

    const tl = await api<{ items: Array<{ type: string }>; nextCursor: string | null; types: string[] }>('GET', `/api/customers/${cid}/timeline?limit=3`);
    expect(tl.status).toBe(200);
    expect(tl.body.items.map((i) => i.type)).toEqual(['follow_added', 'follow_added', 'link_open']);
    expect(tl.body.types).toEqual(expect.arrayContaining(['follow_added', 'order', 'link_open']));
    const page2 = await api<{ items: Array<{ type: string }> }>('GET', `/api/customers/${cid}/timeline?limit=10&cursor=${encodeURIComponent(tl.body.nextCursor!)}`);
    expect(page2.body.items.map((i) => i.type)).toEqual(['order', 'order', 'order']);
    const onlyOrders = await api<{ items: unknown[] }>('GET', `/api/customers/${cid}/timeline?types=order&from=${encodeURIComponent(days(40))}`);
    expect(onlyOrders.body.items).toHaveLength(2);
  });

  it('shows the profile: attributes, custom fields, follows, tags, RFM, points and notes', async () => {
    expect((await api('POST', '/api/custom-fields', { key: 'birthday', label: '生日', type: 'date' })).status).toBe(201);
    expect((await api('POST', '/api/custom-fields', { key: 'size', label: '尺码', type: 'select', options: ['S', 'M', 'L'] })).status).toBe(201);
    expect((await api('PUT', `/api/customers/${cid}/fields`, { values: { birthday: '1990-05-01', size: 'M' } })).status).toBe(204);
    const bad = await api<{ code: string }>('PUT', `/api/customers/${cid}/fields`, { values: { size: 'XXL' } });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('invalid_field_value');
    const note = await api<{ id: string }>('POST', `/api/customers/${cid}/notes`, { content: '喜欢车厘子，周末到店' });
    expect(note.status).toBe(201);
    expect((await api('PATCH', `/api/customers/${cid}/notes/${note.body.id}`, { content: '喜欢车厘子和芒果' })).status).toBe(204);

    type Profile = {
      attributes: Record<string, unknown>;
      customFields: Array<{ key: string; value: unknown }>;
      follows: Array<{ staffUserid: string; state: string | null }>;
      rfm: { medianIntervalDays: number };
      notes: Array<{ content: string }>;
    };
    const p = await api<Profile>('GET', `/api/customers/${cid}/profile`);
    expect(p.status).toBe(200);
    expect(p.body.attributes).toMatchObject({ name: '王芳', externalUserid: ext });
    expect(p.body.customFields.map((f) => [f.key, f.value])).toEqual([['birthday', '1990-05-01'], ['size', 'M']]);
    expect(p.body.follows.map((f) => [f.staffUserid, f.state]).sort()).toEqual([['li', null], ['zhang', 'poster_mall']]);
    expect(p.body.rfm).toMatchObject({ orderCount: 3, amount: 650 });
    expect(p.body.rfm.medianIntervalDays).toBeCloseTo(15, 0);
    expect(p.body.notes[0].content).toBe('喜欢车厘子和芒果');
    const audit = await q(sql<{ action: string }>`select action from audit_log where corp_id = ${CORP} and target = ${cid} order by id`);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['customer.fields', 'customer.note_add', 'customer.note_edit']));
  });

  it('creates corp tags in WeCom, tags one customer on every follow, and bulk-tags with progress', async () => {
    const created = await api<{ groupId: string; tags: Array<{ tagId: string; name: string }> }>('POST', '/api/tags', { groupName: '兴趣', tags: ['爱水果', '爱零食'] });
    expect(created.status).toBe(201);
    const fruit = created.body.tags.find((t) => t.name === '爱水果')!.tagId;
    let s = await h.sb<State>(`/sandbox/corps/${CORP}/state`);
    expect(s.tag_groups.find((g) => g.group_name === '兴趣')?.tag.map((t) => t.name).sort()).toEqual(['爱水果', '爱零食']);
    expect((await api('PATCH', `/api/tags/${fruit}`, { name: '水果控' })).status).toBe(204);
    s = await h.sb<State>(`/sandbox/corps/${CORP}/state`);
    expect(s.tag_groups.flatMap((g) => g.tag).find((t) => t.id === fruit)?.name).toBe('水果控');

    const tagged = await api('POST', `/api/customers/${cid}/tags`, { add: [fruit], remove: [] });
    expect(tagged.status).toBe(200);
    s = await h.sb<State>(`/sandbox/corps/${CORP}/state`);
    expect(s.follows.filter((f) => f.external_userid === ext).every((f) => f.tag_ids.includes(fruit))).toBe(true);
    const p = await api<{ tags: Array<{ tagId: string; name: string }> }>('GET', `/api/customers/${cid}/profile`);
    expect(p.body.tags).toEqual([expect.objectContaining({ tagId: fruit, name: '水果控' })]);

    const others: string[] = [];
    for (let i = 0; i < 5; i++) {
      const c = await h.sb<{ external_userid: string }>(`/sandbox/corps/${CORP}/customers`, { name: `客户${i}` });
      await h.sb(`/sandbox/corps/${CORP}/add-friend`, { external_userid: c.external_userid, userid: 'li' });
      others.push(c.external_userid);
    }
    await settle(h);
    const ids = await Promise.all(others.map((e) => until('synced', () => customerIdOf(e))));
    const snack = created.body.tags.find((t) => t.name === '爱零食')!.tagId;
    const job = await api<{ id: string }>('POST', '/api/tags/bulk', { customerIds: [...ids, cid], add: [snack], remove: [] });
    expect(job.status).toBe(202);
    const done = await until('bulk tag job', async () => {
      const j = await api<{ status: string; total: number; done: number; failed: number }>('GET', `/api/tag-jobs/${job.body.id}`);
      return j.body.status === 'done' ? j.body : undefined;
    }, 30_000);
    expect(done).toMatchObject({ total: 7, done: 7, failed: 0 });
    s = await h.sb<State>(`/sandbox/corps/${CORP}/state`);
    for (const e of others) expect(s.follows.find((f) => f.external_userid === e)?.tag_ids).toContain(snack);

    expect((await api('DELETE', `/api/tags/${snack}`)).status).toBe(204);
    s = await h.sb<State>(`/sandbox/corps/${CORP}/state`);
    expect(s.tag_groups.flatMap((g) => g.tag).some((t) => t.id === snack)).toBe(false);
    const left = await q(sql<{ n: number }>`select count(*)::int as n from follows where corp_id = ${CORP} and ${snack} = any(tag_ids)`);
    expect(left[0].n).toBe(0);
  });

  it('moves a customer through stages, keeps history, reorders, deletes with reassignment and reports the funnel', async () => {
    const p = await api<{ id: string }>('POST', '/api/pipelines', { name: '购买频次', stages: [{ name: '新客' }, { name: '首购' }, { name: '复购', dwellDays: 1, remindHour: 0 }] });
    expect(p.status).toBe(201);
    const list = await api<{ items: Array<{ id: string; stages: Array<{ id: string; name: string }> }> }>('GET', '/api/pipelines');
    const [s1, s2, s3] = list.body.items.find((x) => x.id === p.body.id)!.stages.map((s) => s.id);
    for (const st of [s1, s2, s3]) expect((await api('PUT', `/api/customers/${cid}/stages/${p.body.id}`, { stageId: st })).status).toBe(200);
    const hist = await q(sql<{ to_stage_id: string }>`select to_stage_id from customer_stage_history where corp_id = ${CORP} and customer_id = ${cid} order by id`);
    expect(hist.map((x) => x.to_stage_id)).toEqual([s1, s2, s3]);
    const funnel = await api<{ stages: Array<{ stageId: string; current: number; entered: number; medianDays: number | null }> }>('GET', `/api/pipelines/${p.body.id}/funnel`);
    expect(funnel.body.stages.map((x) => [x.current, x.entered])).toEqual([[0, 1], [0, 1], [1, 1]]);
    expect(funnel.body.stages[0].medianDays).toBeGreaterThanOrEqual(0);

    expect((await api('PUT', `/api/pipelines/${p.body.id}/order`, { stageIds: [s3, s1, s2] })).status).toBe(204);
    const refused = await api<{ code: string }>('DELETE', `/api/stages/${s3}`);
    expect(refused.body.code).toBe('stage_reassign_required');
    const deleted = await api<{ moved: number }>('DELETE', `/api/stages/${s3}?reassignTo=${s2}`);
    expect(deleted.body.moved).toBe(1);
    const prof = await api<{ stages: Array<{ stageName: string }> }>('GET', `/api/customers/${cid}/profile`);
    expect(prof.body.stages[0].stageName).toBe('首购');

    // Dwell reminder: pretend the customer entered long ago.
    await q(sql`update customer_stages set entered_at = now() - interval '3 days', reminded_at = null where corp_id = ${CORP} and customer_id = ${cid}`);
    await api('PATCH', `/api/stages/${s2}`, { dwellDays: 2, remindHour: 0 });
    const scan = await h.app.alerts.scanNow(CORP);
    expect(scan.reminders).toBe(1);
    const s = await h.sb<State>(`/sandbox/corps/${CORP}/state`);
    expect(s.app_messages.some((m) => m.body.text.content.includes('首购') && ['zhang', 'li'].includes(m.touser))).toBe(true);
  });

  it('points by earn rules, levels by growth with a level_up event, spend and refusal', async () => {
    expect((await api('PUT', '/api/profile-settings/points-rules', { eventType: 'order', points: 0, pointsPerYuan: 1, growth: 0, growthPerYuan: 1, expiresDays: 365, enabled: true })).status).toBe(204);
    await ingest([{ id: 'o4', type: 'order', customer: { externalUserid: ext }, properties: { amount: 80, items: [{ sku: 'F3', name: '草莓', category: 'fruit', quantity: 1, price: 80 }] } }]);
    const prof = await api<{ membership: { points: number; growth: number; level: number; levelName: string } }>('GET', `/api/customers/${cid}/profile`);
    expect(prof.body.membership).toMatchObject({ points: 80, growth: 80, level: 2, levelName: '铜卡' });
    const lv = await q(sql<{ properties: { to: number } }>`select properties from events where corp_id = ${CORP} and customer_id = ${cid} and type = 'level_up'`);
    expect(lv.map((e) => e.properties.to)).toEqual([2]);
    const spent = await api<{ points: number }>('POST', `/api/customers/${cid}/points`, { delta: -30, reason: 'coupon' });
    expect(spent.body.points).toBe(50);
    const refused = await api<{ code: string }>('POST', `/api/customers/${cid}/points`, { delta: -500, reason: 'coupon' });
    expect(refused.body.code).toBe('insufficient_points');
    const ledger = await api<{ items: Array<{ delta: number; remaining: number }> }>('GET', `/api/customers/${cid}/points`);
    expect(ledger.body.items.map((l) => [l.delta, l.remaining])).toEqual([[-30, 0], [80, 50]]);
  });

  it('raises a churn alert at once when the customer deletes a staff member, and messages that staff member', async () => {
    await h.sb(`/sandbox/corps/${CORP}/customer-deletes-staff`, { external_userid: ext, userid: 'li' });
    await settle(h);
    const alerts = await until('churn alert', async () => {
      const r = await api<{ items: Array<{ kind: string; staffUserid: string; customerId: string }> }>('GET', '/api/alerts?kind=churn_deleted');
      return r.body.items.length ? r.body.items : undefined;
    });
    expect(alerts[0]).toMatchObject({ customerId: cid, staffUserid: 'li' });
    const s = await until('app message', async () => {
      const st = await h.sb<State>(`/sandbox/corps/${CORP}/state`);
      return st.app_messages.some((m) => m.touser === 'li' && m.body.text.content.includes('删除')) ? st : undefined;
    });
    expect(s.app_messages.filter((m) => m.body.text.content.includes('删除')).map((m) => m.touser)).toEqual(['li']);
    const tl = await api<{ items: Array<{ type: string }> }>('GET', `/api/customers/${cid}/timeline?types=follow_deleted_by_customer`);
    expect(tl.body.items).toHaveLength(1);
  });
});
