// A staff member enrols only their own customers in a fission campaign: another staff member's customer is a 404
// (as if unknown), no participant is created and no progress page shows that customer's name. Campaign tags must be
// the corp's own.
import { createWecomClient } from '@siyu/wecom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCorp } from '../../src/db/tenancy';
import { createCorpWithRoles, login } from '../helpers/test-app';
import { runSync, SECRET, startHarness, type Harness } from '../wecom/harness';

const CORP = 'wwfissionscope';
let h: Harness;
let mine: string;
let theirs: string;
let tagId: string;
let staffCookie: string;

const body = (extra: Record<string, unknown> = {}) => ({
  name: '邀请有礼',
  goal: 3,
  rewardType: 'link',
  rewardLink: 'https://example.com/gift',
  poster: { background: '#ffe7ba', title: '邀请好友', text: '邀请 3 位好友' },
  startsAt: new Date(Date.now() - 60_000).toISOString(),
  endsAt: new Date(Date.now() + 86_400_000).toISOString(),
  staffUserids: ['staff_a'],
  withdrawHours: 24,
  ...extra,
});

beforeAll(async () => {
  h = await startHarness(CORP);
  for (const userid of ['staff_a', 'sales_b']) await h.sb(`/sandbox/corps/${CORP}/staff`, { userid, name: userid });
  mine = (await h.sb<{ external_userid: string }>(`/sandbox/corps/${CORP}/customers`, { name: '我的客户' })).external_userid;
  theirs = (await h.sb<{ external_userid: string }>(`/sandbox/corps/${CORP}/customers`, { name: '别人的客户张三' })).external_userid;
  await h.sb(`/sandbox/corps/${CORP}/add-friend`, { external_userid: mine, userid: 'staff_a' });
  await h.sb(`/sandbox/corps/${CORP}/add-friend`, { external_userid: theirs, userid: 'sales_b' });
  const client = createWecomClient({ corpId: CORP, secret: SECRET, baseUrl: h.sandbox.url });
  tagId = (await client.addCorpTag({ group_name: '裂变', tag: [{ name: '参与' }] })).tag_group.tag[0].id;
  expect((await runSync(h, 'sync')).status).toBe('done');
  staffCookie = await login(h.app, `staff@${CORP}.test`);
}, 120_000);

afterAll(async () => h?.close());

describe('fission participants and the staff scope', () => {
  it("staff cannot enrol another staff member's customer; their own customer works", async () => {
    const created = await h.api<{ id: string }>('POST', '/api/fission/campaigns', body({ tagIds: [tagId] }));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const asStaff = (ext: string) =>
      h.app.app.inject({ method: 'POST', url: `/api/fission/campaigns/${created.body.id}/participants`, headers: { cookie: staffCookie }, payload: { externalUserid: ext } });

    const denied = await asStaff(theirs);
    expect(denied.statusCode).toBe(404);
    expect(denied.body).not.toContain('别人的客户');
    const rows = await withCorp(h.app.ctx.db, CORP, (tx) => tx.selectFrom('fission_participants').select(['external_userid', 'name', 'token']).where('corp_id', '=', CORP).execute());
    expect(rows).toEqual([]);

    // once an admin enrolled that customer, the staff member still gets nothing of theirs (no token, no page)
    const byAdmin = await h.api<{ token: string }>('POST', `/api/fission/campaigns/${created.body.id}/participants`, { externalUserid: theirs });
    expect(byAdmin.status).toBe(201);
    const again = await asStaff(theirs);
    expect(again.statusCode).toBe(404);
    expect(again.body).not.toContain(byAdmin.body.token);

    const ok = await asStaff(mine);
    expect(ok.statusCode, ok.body).toBe(201);
    const page = await h.app.app.inject({ method: 'GET', url: `/p/fission/${ok.json<{ token: string }>().token}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('我的客户');
    expect(page.body).not.toContain('别人的客户');
  });

  it("a campaign with another corp's tag is refused before anything is written", async () => {
    await createCorpWithRoles(h.app, 'wwfissionother');
    await withCorp(h.app.ctx.db, 'wwfissionother', async (tx) => {
      await tx.insertInto('tag_groups').values({ corp_id: 'wwfissionother', group_id: 'etOTHERgroup', name: 'B 组' }).execute();
      await tx.insertInto('tags').values({ corp_id: 'wwfissionother', tag_id: 'etOTHERtag', group_id: 'etOTHERgroup', name: 'B 标签' }).execute();
    });
    const count = async () => (await withCorp(h.app.ctx.db, CORP, (tx) => tx.selectFrom('fission_campaigns').select('id').where('corp_id', '=', CORP).execute())).length;
    const before = await count();
    const res = await h.api<{ code: string }>('POST', '/api/fission/campaigns', body({ tagIds: ['etOTHERtag'] }));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('tag_unknown');
    expect(await count()).toBe(before);
  });
});
