// Group SOP in the chat sidebar's group view: a plan for two groups (one each of two guides) reaches its time — the
// owner is reminded through the corp app and a WeCom group message task is created (sandbox) — and each owner's
// sidebar shows their own group's items due today (text, materials by name, what is left to do); the owner marks
// one done (the run row of that group says when and who); the other guide's group is refused both ways, and bad
// input is a 400 with a code that changes nothing.
import type { SidebarGroupSop } from '@siyu/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCorp } from '../../src/db/tenancy';
import type { GroupSopModule } from '../../src/modules/sop';
import { signIn, startSidebarWorld, type SidebarWorld } from './sidebar-world';

// 1×1 PNG
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const CHAT_B = 'wrsidebargsopB';

let w: SidebarWorld;
let cookieA: string;
let cookieB: string;

beforeAll(async () => {
  w = await startSidebarWorld('wwsidebargsop01');
  const t = Math.floor(Date.now() / 1000);
  w.h.sandbox.state.corps.get(w.corpId)!.groups.set(CHAT_B, { chat_id: CHAT_B, name: '乙的客户群', owner: w.staffB, create_time: t, notice: '', members: [], admin_list: [], status: 0, dismissed: false, mem_ver: 0, msg_count: 0 });
  await withCorp(w.h.app.ctx.db, w.corpId, (tx) => sql`INSERT INTO groups (corp_id, chat_id, name, owner_userid) VALUES (${w.corpId}, ${CHAT_B}, '乙的客户群', ${w.staffB})`.execute(tx));
  cookieA = await signIn(w, w.staffA);
  cookieB = await signIn(w, w.staffB);
}, 300_000);
afterAll(async () => w?.h.close());

const get = (cookie: string, chatId: string) => w.h.app.app.inject({ method: 'GET', url: `/api/sidebar/group-sop?chatId=${encodeURIComponent(chatId)}`, headers: { cookie } });
const done = (cookie: string, payload: object) => w.h.app.app.inject({ method: 'POST', url: '/api/sidebar/group-sop/done', headers: { cookie }, payload });
const doneRows = () =>
  withCorp(w.h.app.ctx.db, w.corpId, async (tx) => (await sql<{ chat_id: string; action: string; done_by: string | null; done: boolean }>`
    SELECT chat_id, action, done_by, done_at IS NOT NULL AS done FROM group_sop_runs ORDER BY chat_id, action`.execute(tx)).rows);

describe('group SOP in the sidebar', () => {
  it('shows each owner their group’s items due today, marks one done, and refuses another guide’s group', async () => {
    const poster = await w.h.api<{ id: string }>('POST', '/api/materials', { kind: 'image', title: '抽奖海报', file: { name: 'p.png', base64: PNG } });
    expect(poster.status).toBe(201);
    const gs = w.h.app.modules.find((m) => m.name === 'group-sop') as GroupSopModule;
    const at = new Date(Date.now() + 2_000);
    const plan = await w.h.api<{ id: string; pushes: Array<{ id: string; action: string }> }>('POST', '/api/group-sop/plans', {
      name: '周五抽奖',
      selection: { chatIds: [w.chatA, CHAT_B] },
      pushes: [
        { schedule: { kind: 'once', at: at.toISOString() }, action: 'remind_owner', content: { text: '今晚 8 点群内抽奖，提醒大家参加' } },
        { schedule: { kind: 'once', at: at.toISOString() }, action: 'group_message', content: { text: '抽奖开始啦', materialIds: [poster.body.id] } },
      ],
    });
    expect(plan.status, JSON.stringify(plan.body)).toBe(201);
    gs.setNow(() => new Date(at.getTime() + 1_000));
    try {
      await gs.runNow(w.corpId);
    } finally {
      gs.setNow(() => new Date());
    }
    // WeCom (the sandbox) got the owners' reminders and the group message task
    const c = w.h.sandbox.state.corps.get(w.corpId)!;
    expect(c.appMessages.filter((m) => JSON.stringify(m.body).includes('今晚 8 点群内抽奖')).map((m) => m.touser).sort()).toEqual([w.staffA, w.staffB].sort());
    expect([...c.msgTasks.values()].filter((t) => (t.text as { content?: string } | null)?.content === '抽奖开始啦').map((t) => t.creator).sort()).toEqual([w.staffA, w.staffB].sort());

    const mine = await get(cookieA, w.chatA);
    expect(mine.statusCode, mine.body).toBe(200);
    const items = (mine.json() as SidebarGroupSop).items;
    const remind = items.find((i) => i.action === 'remind_owner')!;
    const message = items.find((i) => i.action === 'group_message')!;
    expect(items).toHaveLength(2);
    expect(remind).toMatchObject({ planName: '周五抽奖', text: '今晚 8 点群内抽奖，提醒大家参加', materials: [], status: 'to_send', doneAt: null });
    expect(message).toMatchObject({ text: '抽奖开始啦', materials: [{ id: poster.body.id, title: '抽奖海报', kind: 'image' }], materialsGone: 0, status: 'wecom_task' });
    expect(new Date(remind.occurrenceAt).getTime()).toBe(at.getTime());

    // another guide's group: refused to read and to finish, and nothing changes
    for (const [cookie, chatId] of [
      [cookieA, CHAT_B],
      [cookieB, w.chatA],
    ]) {
      const r = await get(cookie, chatId);
      expect(r.statusCode).toBe(404);
      expect(r.json().code).toBe('sidebar_group_not_yours');
    }
    const theirs = await done(cookieB, { chatId: w.chatA, pushId: remind.pushId, occurrenceAt: remind.occurrenceAt });
    expect(theirs.statusCode).toBe(404);
    expect(theirs.json().code).toBe('sidebar_group_not_yours');
    expect((await doneRows()).filter((r) => r.done)).toEqual([]);

    // bad input: 400 with a code; an item that is not there: gone
    const bad = await done(cookieA, { chatId: w.chatA, pushId: 'not-a-uuid', occurrenceAt: remind.occurrenceAt });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBeTruthy();
    const unknown = await done(cookieA, { chatId: w.chatA, pushId: remind.pushId, occurrenceAt: new Date(at.getTime() - 3_600_000).toISOString() });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('sidebar_task_gone');
    expect((await doneRows()).filter((r) => r.done)).toEqual([]);

    // the owner marks their reminder done: that group's run only
    const ok = await done(cookieA, { chatId: w.chatA, pushId: remind.pushId, occurrenceAt: remind.occurrenceAt });
    expect(ok.statusCode).toBe(204);
    expect((await doneRows()).filter((r) => r.done)).toEqual([{ chat_id: w.chatA, action: 'remind_owner', done_by: w.staffA, done: true }]);
    const after = (await get(cookieA, w.chatA)).json() as SidebarGroupSop;
    expect(after.items.find((i) => i.action === 'remind_owner')).toMatchObject({ status: 'done', doneAt: expect.any(String) });
    expect(((await get(cookieB, CHAT_B)).json() as SidebarGroupSop).items.map((i) => i.status).sort()).toEqual(['to_send', 'wecom_task']);

    // the group message's material, sent from the sidebar to the group: ready for sendChatMessage (a WeCom media_id)
    const sent = await w.h.app.app.inject({ method: 'POST', url: '/api/sidebar/send', headers: { cookie: cookieA }, payload: { kind: 'material', id: poster.body.id, chatId: w.chatA } });
    expect(sent.statusCode, sent.body).toBe(200);
    expect((sent.json() as { messages: Array<{ msgtype: string; image?: { mediaid: string } }> }).messages).toEqual([{ msgtype: 'image', image: { mediaid: expect.any(String) } }]);
  });
});
