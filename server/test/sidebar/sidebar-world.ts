// A corp for the sidebar tests: the sandbox with two staff members (each with a customer of their own, A also with a
// customer group), WeCom's app (agent id + secret) connected, everything synced, a tag group and a pipeline; and
// signing a staff member into the sidebar the way the phone does (authorize → code → callback → cookie).
import { expect } from 'vitest';
import { runSync, startHarness, type Harness } from '../wecom/harness';
import { until } from '../helpers/until';

export type SidebarWorld = {
  h: Harness;
  corpId: string;
  staffA: string;
  staffB: string;
  custA: { ext: string; id: string };
  custB: { ext: string; id: string };
  chatA: string;
  tagIds: string[];
  pipeline: { id: string; stageIds: string[] };
};

export async function startSidebarWorld(corpId: string): Promise<SidebarWorld> {
  const h = await startHarness(corpId);
  const sb = h.sb;
  const staffA = (await sb<{ userid: string }>(`/sandbox/corps/${corpId}/staff`, { userid: 'guide_a', name: '导购甲', can_have_customers: true })).userid;
  const staffB = (await sb<{ userid: string }>(`/sandbox/corps/${corpId}/staff`, { userid: 'guide_b', name: '导购乙', can_have_customers: true })).userid;
  const a = await sb<{ external_userid: string }>(`/sandbox/corps/${corpId}/customers`, { name: '客户甲' });
  const b = await sb<{ external_userid: string }>(`/sandbox/corps/${corpId}/customers`, { name: '客户乙' });
  await sb(`/sandbox/corps/${corpId}/add-friend`, { external_userid: a.external_userid, userid: staffA });
  await sb(`/sandbox/corps/${corpId}/add-friend`, { external_userid: b.external_userid, userid: staffB });
  await sb(`/sandbox/corps/${corpId}/groups`, { owner: staffA, name: '甲的客户群', members: [a.external_userid] });
  const chatA = [...h.sandbox.state.corps.get(corpId)!.groups.values()].find((g) => g.name === '甲的客户群')!.chat_id;
  const app = h.sandbox.state.corps.get(corpId)!.app;
  const conn = await h.api('PUT', '/api/wecom/connection', { corpId, agentId: String(app.agentid), appSecret: app.secret });
  expect(conn.status).toBe(200);
  await runSync(h, 'sync');
  const idOf = async (ext: string) =>
    until(`customer ${ext}`, async () => {
      const r = await h.api<{ items: Array<{ id: string; externalUserid: string | null }> }>('GET', `/api/customers?q=${ext}&page=1&pageSize=5`);
      return r.body.items.find((i) => i.externalUserid === ext)?.id;
    });
  const tags = await h.api<{ tags: Array<{ tagId: string }> }>('POST', '/api/tags', { groupName: '兴趣', tags: ['爱咖啡', '爱茶'] });
  expect(tags.status).toBe(201);
  const p = await h.api<{ id: string }>('POST', '/api/pipelines', { name: '购买旅程', stages: [{ name: '初识' }, { name: '意向' }, { name: '成交' }] });
  expect(p.status).toBe(201);
  const list = await h.api<{ items: Array<{ id: string; stages: Array<{ id: string }> }> }>('GET', '/api/pipelines');
  const stageIds = list.body.items.find((x) => x.id === p.body.id)!.stages.map((s) => s.id);
  return {
    h,
    corpId,
    staffA,
    staffB,
    custA: { ext: a.external_userid, id: await idOf(a.external_userid) },
    custB: { ext: b.external_userid, id: await idOf(b.external_userid) },
    chatA,
    tagIds: tags.body.tags.map((t) => t.tagId),
    pipeline: { id: p.body.id, stageIds },
  };
}

/** Signs a staff member in as the phone does; returns the sidebar cookie. */
export async function signIn(w: SidebarWorld, userid: string): Promise<string> {
  const code = (await w.h.sb<{ code: string }>(`/sandbox/corps/${w.corpId}/oauth-code`, { userid })).code;
  return finishSignIn(w, code);
}

/** Starts the OAuth round trip and returns the callback's answer for a given code. */
export async function callback(w: SidebarWorld, code: string) {
  const start = await w.h.app.app.inject({ method: 'GET', url: `/api/sidebar/oauth?corp=${w.corpId}` });
  expect(start.statusCode).toBe(302);
  const state = new URL(String(start.headers.location).replace('#wechat_redirect', '')).searchParams.get('state')!;
  const nonce = start.cookies.find((c) => c.name === 'siyu_sidebar_oauth')!.value;
  return w.h.app.app.inject({ method: 'GET', url: `/api/sidebar/oauth/callback?code=${code}&state=${encodeURIComponent(state)}`, headers: { cookie: `siyu_sidebar_oauth=${nonce}` } });
}

export async function finishSignIn(w: SidebarWorld, code: string): Promise<string> {
  const res = await callback(w, code);
  expect(res.statusCode).toBe(302);
  expect(res.headers.location).toBe(`/sidebar?corp=${w.corpId}`);
  const c = res.cookies.find((x) => x.name === 'siyu_sidebar');
  expect(c).toBeDefined();
  return `siyu_sidebar=${c!.value}`;
}
