// The sidebar's wall: a staff member signed in through WeCom OAuth sees and changes only their own customers and
// groups, on every sidebar route; the sign-in refuses expired and reused codes and people who are not staff; the
// sidebar's session is not a console session and the console's is not a sidebar session.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCorp } from '../../src/db/tenancy';
import { callback, signIn, startSidebarWorld, type SidebarWorld } from './sidebar-world';

let w: SidebarWorld;
let cookieA: string;
let cookieB: string;

beforeAll(async () => {
  w = await startSidebarWorld('wwsidebarscope1');
  cookieA = await signIn(w, w.staffA);
  cookieB = await signIn(w, w.staffB);
});
afterAll(async () => w?.h.close());

const call = (cookie: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  w.h.app.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

describe('the sidebar API', () => {
  it('never opens or changes another staff member’s customer or group, on any sidebar route', async () => {
    // B's customer, B's alert and A's group, seen from A's sidebar session.
    const alertB = await withCorp(w.h.app.ctx.db, w.corpId, async (tx) => {
      const r = await sql<{ id: string }>`insert into alerts (corp_id, customer_id, staff_userid, kind) values (${w.corpId}, ${w.custB.id}, ${w.staffB}, 'churn_inactive') returning id`.execute(tx);
      return r.rows[0].id;
    });
    const other = w.custB;
    const attempts: Array<[string, 'GET' | 'POST', string, object | undefined]> = [
      ['customer by external id', 'GET', `/api/sidebar/customer?externalUserid=${other.ext}`, undefined],
      ['first screen (server-rendered) by external id', 'GET', `/api/sidebar/first-screen?externalUserid=${other.ext}&lang=zh-CN&tz=Asia%2FShanghai`, undefined],
      ['customer by id', 'GET', `/api/sidebar/customers/${other.id}`, undefined],
      ['timeline', 'GET', `/api/sidebar/customers/${other.id}/timeline`, undefined],
      ['tags', 'POST', `/api/sidebar/customers/${other.id}/tags`, { add: [w.tagIds[0]], remove: [] }],
      ['stage', 'POST', `/api/sidebar/customers/${other.id}/stage`, { pipelineId: w.pipeline.id, stageId: w.pipeline.stageIds[1] }],
      ['note', 'POST', `/api/sidebar/customers/${other.id}/notes`, { content: '不该写进去' }],
      ['library for the customer', 'GET', `/api/sidebar/library?customerId=${other.id}`, undefined],
      ['send to the customer', 'POST', '/api/sidebar/send', { kind: 'script', id: '00000000-0000-4000-8000-000000000000', customerId: other.id }],
    ];
    for (const [what, method, url, payload] of attempts) {
      const res = await call(cookieA, method, url, payload);
      expect(res.statusCode, what).toBe(404);
      expect(res.json().code, what).toBe('sidebar_customer_not_yours');
    }
    const task = await call(cookieA, 'POST', `/api/sidebar/tasks/${alertB}/done`);
    expect(task.statusCode).toBe(404);
    expect(task.json().code).toBe('sidebar_task_gone');
    // B's group from B's sidebar: not theirs.
    for (const [method, url, payload] of [
      ['GET', `/api/sidebar/group?chatId=${w.chatA}`, undefined],
      ['GET', `/api/sidebar/library?chatId=${w.chatA}`, undefined],
      ['POST', '/api/sidebar/send', { kind: 'script', id: '00000000-0000-4000-8000-000000000000', chatId: w.chatA }],
      ['GET', `/api/sidebar/group-sop?chatId=${w.chatA}`, undefined],
      ['POST', '/api/sidebar/group-sop/done', { chatId: w.chatA, pushId: '00000000-0000-4000-8000-000000000000', occurrenceAt: new Date().toISOString() }],
    ] as const) {
      const res = await call(cookieB, method, url, payload);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().code, url).toBe('sidebar_group_not_yours');
    }
    // A's task list reaches B's alert as "not found" (it is B's), and nothing changed anywhere.
    await withCorp(w.h.app.ctx.db, w.corpId, async (tx) => {
      const alert = await tx.selectFrom('alerts').select('status').where('id', '=', alertB).executeTakeFirstOrThrow();
      expect(alert.status).toBe('open');
      expect(await tx.selectFrom('follow_notes').select('id').where('customer_id', '=', other.id).execute()).toEqual([]);
      expect(await tx.selectFrom('customer_stages').select('stage_id').where('customer_id', '=', other.id).execute()).toEqual([]);
    });
    const follow = w.h.sandbox.state.corps.get(w.corpId)!.followsByCustomer.get(other.ext)!.get(w.staffB)!;
    expect(follow.tag_ids).toEqual([]);

    // The walk covered every sidebar route that names a customer, a group or a task (the rest name none).
    const walked = new Set([...attempts.map((a) => a[2]), `/api/sidebar/tasks/${alertB}/done`, `/api/sidebar/group?chatId=${w.chatA}`, '/api/sidebar/group-sop', '/api/sidebar/group-sop/done'].map((u) => u.split('?')[0].replace(/[0-9a-f-]{36}/g, '{id}')));
    const doc = (await w.h.app.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as { paths: Record<string, unknown> };
    const subjectless = ['/api/sidebar/oauth', '/api/sidebar/oauth/callback', '/api/sidebar/me', '/api/sidebar/start', '/api/sidebar/signatures', '/api/sidebar/tag-options', '/api/sidebar/stage-options'];
    const named = Object.keys(doc.paths).filter((u) => u.startsWith('/api/sidebar/') && !subjectless.includes(u));
    expect(named.length).toBeGreaterThanOrEqual(10);
    for (const u of named) expect(walked.has(u), u).toBe(true);
  });

  it('opens the staff member’s own customer and group', async () => {
    const mine = await call(cookieA, 'GET', `/api/sidebar/customer?externalUserid=${w.custA.ext}`);
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({ id: w.custA.id, name: '客户甲' });
    // the first screen: the same customer, and its HTML when the web build's renderer is there (null without it)
    const first = await call(cookieA, 'GET', `/api/sidebar/first-screen?externalUserid=${w.custA.ext}&lang=en-US&tz=Asia%2FShanghai`);
    expect(first.statusCode).toBe(200);
    const screen = first.json<{ customer: { id: string; name: string }; html: string | null }>();
    expect(screen.customer).toMatchObject({ id: w.custA.id, name: '客户甲' });
    if (screen.html !== null) expect(screen.html).toContain('客户甲');
    const badZone = await call(cookieA, 'GET', `/api/sidebar/first-screen?externalUserid=${w.custA.ext}&tz=${encodeURIComponent('<script>')}`);
    expect(badZone.statusCode).toBe(400);
    const group = await call(cookieA, 'GET', `/api/sidebar/group?chatId=${w.chatA}`);
    expect(group.statusCode).toBe(200);
    expect(group.json()).toMatchObject({ name: '甲的客户群', owner: '导购甲', members: [{ customerId: w.custA.id, name: '客户甲', tags: [] }] });
  });

  it('needs its own session: no cookie, a console cookie or a forged one is signed out', async () => {
    for (const cookie of ['', w.h.admin.cookie, `siyu_sidebar=${w.corpId}.${'x'.repeat(43)}`]) {
      const res = await call(cookie, 'GET', `/api/sidebar/customer?externalUserid=${w.custA.ext}`);
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('sidebar_signed_out');
    }
    // and the sidebar cookie opens nothing in the console
    expect((await call(cookieA, 'GET', '/api/customers')).statusCode).toBe(401);
  });

  it('refuses a reused or expired OAuth code and someone who is not staff, with a message for the phone', async () => {
    const code = (await w.h.sb<{ code: string }>(`/sandbox/corps/${w.corpId}/oauth-code`, { userid: w.staffA })).code;
    expect((await callback(w, code)).statusCode).toBe(302);
    const reused = await callback(w, code);
    expect(reused.headers.location).toBe(`/sidebar?corp=${w.corpId}&error=sidebar_oauth_code_invalid`);
    expect(reused.cookies.find((c) => c.name === 'siyu_sidebar')).toBeUndefined();

    const old = (await w.h.sb<{ code: string }>(`/sandbox/corps/${w.corpId}/oauth-code`, { userid: w.staffA })).code;
    w.h.sandbox.state.corps.get(w.corpId)!.oauthCodes.get(old)!.expires_at = 0;
    expect((await callback(w, old)).headers.location).toBe(`/sidebar?corp=${w.corpId}&error=sidebar_oauth_code_invalid`);

    const customerCode = (await w.h.sb<{ code: string }>(`/sandbox/corps/${w.corpId}/oauth-code`, { userid: w.custA.ext })).code;
    expect((await callback(w, customerCode)).headers.location).toBe(`/sidebar?corp=${w.corpId}&error=sidebar_not_staff`);

    const noState = await w.h.app.app.inject({ method: 'GET', url: `/api/sidebar/oauth/callback?code=abc&state=${w.corpId}.nonce` });
    expect(noState.headers.location).toBe(`/sidebar?corp=${w.corpId}&error=sidebar_oauth_state_invalid`);
  });

  it('signs only its own sidebar page, with signatures WeCom’s formula gives for the current tickets', async () => {
    const page = `${w.h.url}/sidebar?corp=${w.corpId}`;
    const ok = await w.h.app.app.inject({ method: 'GET', url: `/api/sidebar/signatures?url=${encodeURIComponent(page)}`, headers: { cookie: cookieA, host: new URL(w.h.url).host } });
    expect(ok.statusCode).toBe(200);
    const verify = await w.h.sb<{ errMsg: string }>(`/sandbox/corps/${w.corpId}/chat-window/verify`, { url: page, ...(ok.json() as object) });
    expect(verify.errMsg).toBe('register:ok');
    const bad = await w.h.sb<{ errMsg: string }>(`/sandbox/corps/${w.corpId}/chat-window/verify`, { url: `${page}&x=1`, ...(ok.json() as object) });
    expect(bad.errMsg).toMatch(/register:fail/);
    const foreign = await w.h.app.app.inject({ method: 'GET', url: `/api/sidebar/signatures?url=${encodeURIComponent('https://evil.example/sidebar')}`, headers: { cookie: cookieA, host: new URL(w.h.url).host } });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().code).toBe('sidebar_url_not_allowed');
  });
});
