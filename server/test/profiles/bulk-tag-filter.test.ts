// Bulk tagging of a filtered list: the console sends the customer list's rule instead of ids; the server resolves
// it to the matching customers and the job marks every active follow of each in WeCom, with progress.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCorp } from '../../src/db/tenancy';
import { until } from '../helpers/until';
import { settle, startHarness, type Harness } from '../wecom/harness';

const CORP = 'wwbulkfilter0001';
type State = { follows: Array<{ userid: string; external_userid: string; tag_ids: string[] }> };
type Job = { status: string; total: number; done: number; failed: number; customers: number };

let h: Harness;
let tagId: string;
const ext: Record<string, string> = {};

const q = <T>(text: ReturnType<typeof sql<T>>) => withCorp(h.app.ctx.db, CORP, async (tx) => (await text.execute(tx)).rows);
const tagsOf = async (name: string) =>
  (
    await q(sql<{ staff_userid: string; tag_ids: string[] }>`
      select f.staff_userid, f.tag_ids from follows f join customers c on c.corp_id = f.corp_id and c.id = f.customer_id
       where f.corp_id = ${CORP} and c.external_userid = ${ext[name]} order by f.staff_userid`)
  ).map((r) => [r.staff_userid, r.tag_ids.includes(tagId)]);
const remoteTagsOf = async (name: string) => {
  const s = await h.sb<State>(`/sandbox/corps/${CORP}/state`);
  return s.follows
    .filter((f) => f.external_userid === ext[name])
    .map((f) => [f.userid, f.tag_ids.includes(tagId)])
    .sort();
};
const runJob = async (body: unknown) => {
  const started = await h.api<{ id: string; customers: number }>('POST', '/api/tags/bulk', body);
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  const job = await until(
    'bulk tag job to end',
    async () => {
      const j = await h.api<Job>('GET', `/api/tag-jobs/${started.body.id}`);
      return ['done', 'partial', 'failed'].includes(j.body.status) ? j.body : undefined;
    },
    30_000,
    100,
  );
  return { started: started.body, job };
};

beforeAll(async () => {
  h = await startHarness(CORP);
  for (const [userid, name] of [['zhang', '张伟'], ['li', '李娜']]) await h.sb(`/sandbox/corps/${CORP}/staff`, { userid, name });
  const friends: Array<[string, string[]]> = [
    ['批量甲', ['zhang']],
    ['批量乙', ['zhang', 'li']],
    ['批量丙', ['li']],
    ['路人丁', ['zhang']],
  ];
  for (const [name, staff] of friends) {
    const c = await h.sb<{ external_userid: string }>(`/sandbox/corps/${CORP}/customers`, { name });
    ext[name] = c.external_userid;
    for (const userid of staff) await h.sb(`/sandbox/corps/${CORP}/add-friend`, { external_userid: c.external_userid, userid });
  }
  await settle(h);
  await until('customers synced', async () => (await q(sql<{ n: number }>`select count(*)::int as n from customers where corp_id = ${CORP}`))[0].n === 4 || undefined);
  const created = await h.api<{ tags: Array<{ tagId: string }> }>('POST', '/api/tags', { groupName: '批量', tags: ['重点跟进'] });
  expect(created.status).toBe(201);
  tagId = created.body.tags[0].tagId;
}, 60_000);
afterAll(async () => h?.close());

describe('bulk tagging by filter', () => {
  it('tags every follow of the customers matching the rule, in WeCom and in the database, and reports progress', async () => {
    const filter = {
      all: [
        { kind: 'attribute', field: 'name', op: 'contains', value: '批量' },
        { kind: 'owner', staffUserids: ['zhang'] },
      ],
    };
    const { started, job } = await runJob({ filter, add: [tagId], remove: [] });
    expect(started.customers).toBe(2);
    expect(job).toMatchObject({ status: 'done', customers: 2, total: 3, done: 3, failed: 0 });

    expect(await tagsOf('批量甲')).toEqual([['zhang', true]]);
    expect(await tagsOf('批量乙')).toEqual([['li', true], ['zhang', true]]);
    expect(await tagsOf('批量丙')).toEqual([['li', false]]);
    expect(await tagsOf('路人丁')).toEqual([['zhang', false]]);
    expect(await remoteTagsOf('批量甲')).toEqual([['zhang', true]]);
    expect(await remoteTagsOf('批量乙')).toEqual([['li', true], ['zhang', true]]);
    expect(await remoteTagsOf('批量丙')).toEqual([['li', false]]);
    expect(await remoteTagsOf('路人丁')).toEqual([['zhang', false]]);

    const audit = await q(sql<{ detail: { customers: number; filter: unknown } }>`
      select detail from audit_log where corp_id = ${CORP} and action = 'customer.bulk_tag' order by id desc limit 1`);
    expect(audit[0].detail).toMatchObject({ customers: 2, filter });
  });

  it('removes a tag from everyone a tag rule selects', async () => {
    const { job } = await runJob({ filter: { kind: 'tags', match: 'any', tagIds: [tagId] }, add: [], remove: [tagId] });
    expect(job).toMatchObject({ status: 'done', customers: 2, done: 3, failed: 0 });
    for (const name of ['批量甲', '批量乙']) {
      expect((await tagsOf(name)).every(([, has]) => !has)).toBe(true);
      expect((await remoteTagsOf(name)).every(([, has]) => !has)).toBe(true);
    }
  });

  it('takes exactly one target, and refuses a bad rule or one that matches nobody', async () => {
    const ids = await q(sql<{ id: string }>`select id from customers where corp_id = ${CORP} limit 1`);
    const filter = { kind: 'attribute', field: 'name', op: 'contains', value: '批量' };
    const both = await h.api<{ code: string }>('POST', '/api/tags/bulk', { customerIds: [ids[0].id], filter, add: [tagId], remove: [] });
    expect([both.status, both.body.code]).toEqual([400, 'invalid_request']);
    const neither = await h.api<{ code: string }>('POST', '/api/tags/bulk', { add: [tagId], remove: [] });
    expect([neither.status, neither.body.code]).toEqual([400, 'invalid_request']);
    const bad = await h.api<{ code: string }>('POST', '/api/tags/bulk', { filter: { kind: 'attribute', field: 'nope' }, add: [tagId], remove: [] });
    expect([bad.status, bad.body.code]).toEqual([400, 'invalid_rule']);
    const nobody = await h.api<{ code: string }>('POST', '/api/tags/bulk', { filter: { kind: 'attribute', field: 'name', op: 'eq', value: '没有这个人' }, add: [tagId], remove: [] });
    expect([nobody.status, nobody.body.code]).toEqual([400, 'bulk_tag_no_customers']);
    const nothing = await h.api<{ code: string }>('POST', '/api/tags/bulk', { filter, add: [], remove: [] });
    expect([nothing.status, nothing.body.code]).toEqual([400, 'invalid_request']);
    const jobs = await q(sql<{ n: number }>`select count(*)::int as n from tag_jobs where corp_id = ${CORP}`);
    expect(jobs[0].n).toBe(2);
  });
});
