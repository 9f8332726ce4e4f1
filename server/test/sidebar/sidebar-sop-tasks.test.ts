// SOP tasks in the chat sidebar: a reminder step's "send this" task shows on the customer's card for the staff member
// who looks after them, with its title and text; they mark it done from the phone (the console sees it done), and
// another staff member's task cannot be touched from their sidebar.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCorp } from '../../src/db/tenancy';
import { until } from '../helpers/until';
import { signIn, startSidebarWorld, type SidebarWorld } from './sidebar-world';

let w: SidebarWorld;
let cookieA: string;

beforeAll(async () => {
  w = await startSidebarWorld('wwsidebarsop01');
  cookieA = await signIn(w, w.staffA);
});
afterAll(async () => w?.h.close());

type Task = { id: string; source: string; kind: string; title: string | null; text: string | null };

describe('SOP tasks in the sidebar', () => {
  it('shows the guide their SOP task for this customer, lets them finish it, and not another guide’s', async () => {
    const flow = await w.h.api<{ id: string }>('POST', '/api/sop/flows', {
      name: '侧边栏提醒',
      entry: { kind: 'event', event: 'tag.added', filter: { tagIds: [w.tagIds[1]] } },
      reentry: 'never',
      exit: { leaveWhenConditionFails: false },
      holdoutPercent: 0,
      steps: [{ id: 'remind', kind: 'remind', name: '推荐新品', content: { text: '这款新品很适合您～' } }],
    });
    expect(flow.status, JSON.stringify(flow.body)).toBe(201);
    expect((await w.h.api('POST', `/api/sop/flows/${flow.body.id}/activate`)).status).toBe(200);
    for (const c of [w.custA, w.custB]) expect((await w.h.api('POST', `/api/customers/${c.id}/tags`, { add: [w.tagIds[1]], remove: [] })).status).toBe(200);
    await w.h.app.sop.engine.sweep();
    await until('two SOP tasks', async () => (await w.h.api<{ items: unknown[] }>('GET', '/api/sop/tasks')).body.items.length === 2);

    const card = await w.h.app.app.inject({ method: 'GET', url: `/api/sidebar/customers/${w.custA.id}`, headers: { cookie: cookieA } });
    expect(card.statusCode).toBe(200);
    const tasks = (card.json() as { tasks: Task[] }).tasks.filter((t) => t.source === 'sop');
    expect(tasks).toEqual([expect.objectContaining({ kind: 'send', title: '推荐新品', text: '这款新品很适合您～' })]);

    const theirs = await withCorp(w.h.app.ctx.db, w.corpId, async (tx) => (await sql<{ id: string }>`select id from sop_tasks where customer_id = ${w.custB.id}`.execute(tx)).rows[0].id);
    const refused = await w.h.app.app.inject({ method: 'POST', url: `/api/sidebar/tasks/${theirs}/done`, headers: { cookie: cookieA } });
    expect(refused.statusCode).toBe(404);
    expect(refused.json().code).toBe('sidebar_task_gone');

    const done = await w.h.app.app.inject({ method: 'POST', url: `/api/sidebar/tasks/${tasks[0].id}/done`, headers: { cookie: cookieA } });
    expect(done.statusCode).toBeLessThan(300);
    const list = await w.h.api<{ items: Array<{ id: string; status: string; customerId: string }> }>('GET', '/api/sop/tasks');
    expect(Object.fromEntries(list.body.items.map((t) => [t.customerId, t.status]))).toEqual({ [w.custA.id]: 'done', [w.custB.id]: 'open' });
    const after = await w.h.app.app.inject({ method: 'GET', url: `/api/sidebar/customers/${w.custA.id}`, headers: { cookie: cookieA } });
    expect((after.json() as { tasks: Task[] }).tasks.filter((t) => t.source === 'sop')).toEqual([]);
  });
});
