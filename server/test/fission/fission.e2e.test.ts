// Fission end to end against the sandbox: campaign, A's poster and code, adds through A's code credited only for
// new customers and only once, self-invites and old customers ignored, withdrawal on deletion within the window,
// reward issued exactly once (also under 50 concurrent adds), public progress page, funnel and leaderboard.
import { createWecomClient } from '@siyu/wecom';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCorp } from '../../src/db/tenancy';
import { creditFissionAdd } from '../../src/modules/fission/credit-fission-add';
import { until } from '../helpers/until';
import { runSync, SECRET, settle, startHarness, type Harness } from '../wecom/harness';

const CORP = 'wwfissione2e1';
let h: Harness;
let tagId = '';
let aExt = '';
/** The first participant's poster, to tell another participant's from it. */
let firstPoster = Buffer.alloc(0);
let oldExt = '';

type Participant = { id: string; token: string; configId: string; state: string; progressUrl: string };
type Campaign = {
  funnel: { posters: number; scans: number; adds: number; withdrawn: number; completions: number; rewards: number };
  outcomes: Record<string, number>;
  codes: { total: number; issued: number };
};

const corpState = () => h.sandbox.state.corps.get(CORP)!;

async function newCustomer(name: string): Promise<string> {
  return (await h.sb<{ external_userid: string }>(`/sandbox/corps/${CORP}/customers`, { name })).external_userid;
}

async function campaign(goal: number, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await h.api<{ id: string }>('POST', '/api/fission/campaigns', {
    name: `邀请有礼 ${goal}`,
    goal,
    rewardType: 'code',
    rewardCodes: ['GIFT-001', 'GIFT-002', 'GIFT-003'],
    poster: { background: '#ffe7ba', title: '邀请好友领好礼', text: `邀请 ${goal} 位好友添加顾问即可领取` },
    startsAt: new Date(Date.now() - 60_000).toISOString(),
    endsAt: new Date(Date.now() + 86_400_000).toISOString(),
    staffUserids: ['staff_a', 'sales_b'],
    tagIds: [tagId],
    withdrawHours: 24,
    ...extra,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

beforeAll(async () => {
  h = await startHarness(CORP);
  for (const userid of ['staff_a', 'sales_b']) await h.sb(`/sandbox/corps/${CORP}/staff`, { userid, name: userid });
  aExt = await newCustomer('推荐人A');
  oldExt = await newCustomer('老客户');
  await h.sb(`/sandbox/corps/${CORP}/add-friend`, { external_userid: aExt, userid: 'staff_a' });
  await h.sb(`/sandbox/corps/${CORP}/add-friend`, { external_userid: oldExt, userid: 'sales_b' });
  const client = createWecomClient({ corpId: CORP, secret: SECRET, baseUrl: h.sandbox.url });
  const tg = await client.addCorpTag({ group_name: '裂变活动', tag: [{ name: '裂变参与' }] });
  tagId = tg.tag_group.tag[0].id;
  expect((await runSync(h, 'sync')).status).toBe('done');
}, 120_000);
afterAll(async () => h?.close());

/** Width and height from a PNG's IHDR chunk (bytes 16–23). */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('fission campaign', () => {
  let id = '';
  let a: Participant;

  it('validates the campaign and gives A a personal code whose state identifies campaign and A', async () => {
    const now = new Date().toISOString();
    const bad = await h.api<{ code: string }>('POST', '/api/fission/campaigns', {
      name: 'x',
      goal: 3,
      rewardType: 'link',
      poster: { background: '#ffffff', title: '', text: '' },
      startsAt: now,
      endsAt: now,
      staffUserids: ['staff_a'],
      withdrawHours: 1,
    });
    expect(bad.body.code).toBe('fission_invalid_dates');
    const noReward = await h.api<{ code: string }>('POST', '/api/fission/campaigns', {
      name: 'x',
      goal: 3,
      rewardType: 'code',
      poster: { background: '#ffffff', title: '', text: '' },
      startsAt: now,
      endsAt: new Date(Date.now() + 3600_000).toISOString(),
      staffUserids: ['staff_a'],
      withdrawHours: 1,
    });
    expect(noReward.body.code).toBe('fission_reward_invalid');
    id = await campaign(3);
    const res = await h.api<Participant>('POST', `/api/fission/campaigns/${id}/participants`, { externalUserid: aExt });
    expect(res.status).toBe(201);
    a = res.body;
    expect(a.state.length).toBeLessThanOrEqual(30);
    expect(a.token.length).toBeGreaterThanOrEqual(24);
    const way = corpState().contactWays.get(a.configId)!;
    expect(way.state).toBe(a.state);
    expect([...way.user].sort()).toEqual(['sales_b', 'staff_a']);
    const again = await h.api<Participant>('POST', `/api/fission/campaigns/${id}/participants`, {
      externalUserid: aExt,
    });
    expect(again.body.token).toBe(a.token);
    const unknown = await h.api<{ code: string }>('POST', `/api/fission/campaigns/${id}/participants`, {
      externalUserid: 'wm_nobody',
    });
    expect(unknown.body.code).toBe('fission_customer_unknown');
  });

  it('serves A a poster PNG and a public progress page by token only', async () => {
    const png = await fetch(`${h.url}/p/fission/${a.token}/poster.png`);
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    // A phone poster (title, text, avatar and name, the code), not the bare code it used to be.
    firstPoster = Buffer.from(await png.arrayBuffer());
    expect(pngSize(firstPoster)).toEqual({ width: 750, height: 1334 });
    const page = await fetch(`${h.url}/p/fission/${a.token}`);
    expect(await page.text()).toContain('已邀请 <b id="credits">0</b> / 3');
    expect((await fetch(`${h.url}/p/fission/${'x'.repeat(24)}`)).status).toBe(404);
  });

  it('names the corp in the token; a token made before that still opens its page, another corp never opens it', async () => {
    // The corp comes from the token, so the page's queries filter by corp_id (one shard group on Citus).
    expect(a.token.startsWith(`${CORP}.`)).toBe(true);
    const random = a.token.slice(CORP.length + 1);
    expect(random.length).toBeGreaterThanOrEqual(24);
    // The same random part under another corp, or under none, is not A's page.
    expect((await fetch(`${h.url}/p/fission/wwothercorp1.${random}`)).status).toBe(404);
    expect((await fetch(`${h.url}/p/fission/${random}`)).status).toBe(404);
    // A participant who joined before tokens named their corp keeps the link they shared.
    const setToken = (token: string) =>
      withCorp(h.app.ctx.db, CORP, (tx) => sql`UPDATE fission_participants SET token = ${token} WHERE corp_id = ${CORP} AND id = ${a.id}`.execute(tx));
    const legacy = `legacy${random}`;
    await setToken(legacy);
    try {
      const page = await fetch(`${h.url}/p/fission/${legacy}`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('已邀请 <b id="credits">0</b> / 3');
      expect((await fetch(`${h.url}/p/fission/${CORP}.${legacy}`)).status).toBe(404);
    } finally {
      await setToken(a.token);
    }
    expect((await fetch(`${h.url}/p/fission/${a.token}`)).status).toBe(200);
  });

  it('credits new friends once, ignores A itself and old customers, issues the reward once, withdraws on deletion', async () => {
    const scan = (ext: string) =>
      h.sb(`/sandbox/corps/${CORP}/scan-contact-way`, { external_userid: ext, config_id: a.configId });
    const b = [await newCustomer('B1'), await newCustomer('B2'), await newCustomer('B3'), await newCustomer('B4')];
    await scan(aExt); // A through its own code
    await scan(oldExt); // already a customer of the corp
    await scan(b[0]);
    await scan(b[0]); // same B again (adds the second staff member)
    await scan(b[1]);
    await settle(h);
    type Progress = { credits: number; completed: boolean; reward: { code: string } | null };
    const progress = async () => (await h.api<Progress>('GET', `/api/fission/progress/${a.token}`)).body;
    const outcomes = async () => (await h.api<Campaign>('GET', `/api/fission/campaigns/${id}`)).body.outcomes;
    // callbacks may still be in flight after settle (sandbox reorder window): wait for all five to be applied
    await until('five adds applied', async () => Object.values(await outcomes()).reduce((x, y) => x + y, 0) === 5);
    let p = await progress();
    expect(p).toMatchObject({ credits: 2, completed: false });
    // the new friend carries the campaign tag in WeCom
    await until('campaign tag marked in WeCom', async () =>
      [...(corpState().followsByCustomer.get(b[0])?.values() ?? [])].some((f) => f.tag_ids.includes(tagId)),
    );

    await scan(b[2]);
    await scan(b[3]);
    await settle(h);
    await until('seven adds applied', async () => Object.values(await outcomes()).reduce((x, y) => x + y, 0) === 7);
    p = await progress();
    expect(p).toMatchObject({ credits: 4, completed: true, reward: { code: 'GIFT-001' } });

    // B4 deletes the staff member within the window: the credit goes, the reward stays.
    const b4staff = [...(corpState().followsByCustomer.get(b[3])?.values() ?? [])][0].userid;
    await h.sb(`/sandbox/corps/${CORP}/customer-deletes-staff`, { external_userid: b[3], userid: b4staff });
    await settle(h);
    await until('credit withdrawn', async () => (await progress()).credits === 3);
    const c = (await h.api<Campaign>('GET', `/api/fission/campaigns/${id}`)).body;
    expect(c.funnel).toEqual({ posters: 1, scans: 7, adds: 3, withdrawn: 1, completions: 1, rewards: 1 });
    expect(c.outcomes).toEqual({ self: 1, not_new: 1, duplicate: 1, counted: 4 });
    expect(c.codes).toEqual({ total: 3, issued: 1 });
    const board = await h.api<{
      items: Array<{ externalUserid: string; credits: number; rank: number; kocCandidate: boolean }>;
    }>('GET', `/api/fission/campaigns/${id}/leaderboard`);
    expect(board.body.items[0]).toMatchObject({ externalUserid: aExt, credits: 3, rank: 1, kocCandidate: true });
    const page = await (await fetch(`${h.url}/p/fission/${a.token}`)).text();
    expect(page).toContain('GIFT-001');
  }, 60_000);

  it('50 concurrent adds through the same A: exactly 50 credits and exactly one reward', async () => {
    const cid = await campaign(10);
    const ext = await newCustomer('推荐人C');
    await h.sb(`/sandbox/corps/${CORP}/add-friend`, { external_userid: ext, userid: 'sales_b' });
    await settle(h);
    const p = (await h.api<Participant>('POST', `/api/fission/campaigns/${cid}/participants`, { externalUserid: ext }))
      .body;
    const invitees = await Promise.all(Array.from({ length: 50 }, (_, i) => newCustomer(`并发${i}`)));
    await Promise.all(
      invitees.map((e) =>
        h.sb(`/sandbox/corps/${CORP}/scan-contact-way`, { external_userid: e, config_id: p.configId }),
      ),
    );
    await settle(h);
    await until(
      '50 adds applied',
      async () => (await h.api<Campaign>('GET', `/api/fission/campaigns/${cid}`)).body.funnel.scans === 50,
      60_000,
    );
    const counts = await withCorp(h.app.ctx.db, CORP, async (tx) => {
      const { rows } = await sql<{ credits: number; adds: number; rewards: number; codes: number }>`
        select (select credits from fission_participants where corp_id = ${CORP} and id = ${p.id}::uuid) as credits,
               (select count(*)::int from fission_adds where corp_id = ${CORP} and participant_id = ${p.id}::uuid and outcome = 'counted') as adds,
               (select count(*)::int from fission_rewards where corp_id = ${CORP} and participant_id = ${p.id}::uuid) as rewards,
               (select count(*)::int from fission_reward_codes where corp_id = ${CORP} and participant_id = ${p.id}::uuid) as codes`.execute(
        tx,
      );
      return rows[0];
    });
    expect(counts).toEqual({ credits: 50, adds: 50, rewards: 1, codes: 1 });
  }, 90_000);

  it('50 transactions crediting the same A at once (the service, bypassing the inbox lanes): still one reward', async () => {
    const cid = await campaign(5);
    const ext = await newCustomer('推荐人D');
    await h.sb(`/sandbox/corps/${CORP}/add-friend`, { external_userid: ext, userid: 'staff_a' });
    await settle(h);
    const p = (await h.api<Participant>('POST', `/api/fission/campaigns/${cid}/participants`, { externalUserid: ext }))
      .body;
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        withCorp(h.app.ctx.db, CORP, async (tx) => {
          const c = await tx
            .insertInto('customers')
            .values({
              corp_id: CORP,
              external_userid: `wm_direct_${i}`,
              name: `d${i}`,
              avatar: null,
              type: 1,
              gender: 0,
              unionid: null,
              phone: null,
              corp_name: null,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          await tx
            .insertInto('follows')
            .values({
              corp_id: CORP,
              customer_id: c.id,
              staff_userid: 'staff_a',
              remark: null,
              description: null,
              add_way: 1,
              state: p.state,
              oper_userid: null,
            })
            .execute();
          return creditFissionAdd(tx, CORP, { state: p.state, inviteeExt: `wm_direct_${i}`, staffUserid: 'staff_a', firstSeen: true });
        }),
      ),
    );
    expect(results.filter((r) => r?.outcome === 'counted')).toHaveLength(50);
    expect(results.filter((r) => r?.rewarded)).toHaveLength(1);
    const c = (await h.api<Campaign>('GET', `/api/fission/campaigns/${cid}`)).body;
    expect(c.funnel).toMatchObject({ adds: 50, completions: 1, rewards: 1 });
  }, 60_000);
});

describe('fission poster from the material library', () => {
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(600, 7)]);

  it('a library poster is the campaign poster background, shown on the public page and counted as a use; a text or unknown material is refused', async () => {
    const poster = await h.api<{ id: string }>('POST', '/api/materials', { kind: 'poster', title: '双十一海报', file: { name: 'p.png', base64: png.toString('base64') } });
    expect(poster.status, JSON.stringify(poster.body)).toBe(201);
    const text = await h.api<{ id: string }>('POST', '/api/materials', { kind: 'text', title: '欢迎话术', text: '您好' });
    expect(text.status).toBe(201);
    const count = async () => (await withCorp(h.app.ctx.db, CORP, (tx) => sql<{ n: string }>`SELECT count(*) AS n FROM fission_campaigns WHERE corp_id = ${CORP}`.execute(tx))).rows[0].n;
    const before = await count();
    for (const materialId of [text.body.id, '00000000-0000-4000-8000-000000000000']) {
      const bad = await h.api<{ code: string; message: string }>('POST', '/api/fission/campaigns', {
        name: '海报活动',
        goal: 2,
        rewardType: 'link',
        rewardLink: 'https://shop.example/gift',
        poster: { background: '#ffffff', title: '', text: '', materialId },
        startsAt: new Date(Date.now() - 60_000).toISOString(),
        endsAt: new Date(Date.now() + 86_400_000).toISOString(),
        staffUserids: ['staff_a'],
        withdrawHours: 1,
      });
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe('fission_poster_material_invalid');
    }
    expect(await count()).toBe(before);

    const cid = await campaign(2, { poster: { background: '#ffe7ba', title: '双十一', text: '邀请好友', materialId: poster.body.id } });
    const got = (await h.api<{ poster: { materialId: string | null } }>('GET', `/api/fission/campaigns/${cid}`)).body;
    expect(got.poster.materialId).toBe(poster.body.id);
    const used = (await h.api<{ useCount: number }>('GET', `/api/materials/${poster.body.id}`)).body;
    expect(used.useCount).toBe(1);

    const ext = await newCustomer('海报推荐人');
    await h.sb(`/sandbox/corps/${CORP}/add-friend`, { external_userid: ext, userid: 'staff_a' });
    await settle(h);
    const p = (await h.api<Participant>('POST', `/api/fission/campaigns/${cid}/participants`, { externalUserid: ext })).body;
    const page = await (await fetch(`${h.url}/p/fission/${p.token}`)).text();
    expect(page).toContain(`src="/p/fission/${p.token}/background"`);
    const bg = await fetch(`${h.url}/p/fission/${p.token}/background`);
    expect(bg.status).toBe(200);
    expect(bg.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await bg.arrayBuffer()).equals(png)).toBe(true);
    // The participant's poster is drawn over the library picture, and is their own (their name, their code).
    const drawn = Buffer.from(await (await fetch(`${h.url}/p/fission/${p.token}/poster.png`)).arrayBuffer());
    expect(pngSize(drawn)).toEqual({ width: 750, height: 1334 });
    expect(drawn.equals(firstPoster)).toBe(false);
    // A campaign without a library poster has no background to serve.
    expect((await fetch(`${h.url}/p/fission/${'x'.repeat(24)}/background`)).status).toBe(404);
  }, 60_000);
});
