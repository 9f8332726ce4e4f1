// A world for the broadcast tests, seeded set-based on both sides: the sandbox's state in memory and Siyu's mirror
// with one INSERT … SELECT generate_series each. Customers `wmbc00001…` followed by staff `bs01…bsNN` (customer i by
// staff i % staff + 1); every 100th customer also by the next staff member, later (a duplicate); every 250th + 1 no
// longer a friend (deleted follow in Siyu, none in the sandbox); every 125th + 2 already reached today by an earlier
// broadcast (with the cap set to 1 a day); every 500th + 3 opted out.
import type { Sandbox } from '@siyu/sandbox';
import { sql } from 'kysely';
import type { TestApp } from '../helpers/test-app';
import { withCorp } from '../../src/db/tenancy';

export const ext = (i: number) => `wmbc${String(i).padStart(5, '0')}`;
export const staffId = (n: number) => `bs${String(n).padStart(2, '0')}`;
export const isDuplicate = (i: number) => i % 100 === 0;
export const isGone = (i: number) => i % 250 === 1;
export const isCapped = (i: number) => i % 125 === 2;
export const isOptedOut = (i: number) => i % 500 === 3;

export type World = { customers: number; staff: number };

export async function seedWorld(app: TestApp, sandbox: Sandbox, corpId: string, w: World): Promise<void> {
  const corp = sandbox.state.corps.get(corpId)!;
  const base = Math.floor(Date.now() / 1000) - 86_400;
  for (let n = 1; n <= w.staff; n++) {
    const userid = staffId(n);
    corp.staff.set(userid, { userid, name: `导购${n}`, department: [1], position: '', mobile: '', gender: '0', email: '', status: 1, can_have_customers: true });
  }
  for (let i = 1; i <= w.customers; i++) {
    const id = ext(i);
    corp.customers.set(id, { external_userid: id, name: `客户${i}`, avatar: '', type: 1, gender: 0, unionid: '', phone: '', position: '', corp_name: '', corp_full_name: '' });
    if (isGone(i)) continue;
    sandbox.state.addFollow(corp, { userid: staffId((i % w.staff) + 1), external_userid: id, createtime: base + i });
    if (isDuplicate(i)) sandbox.state.addFollow(corp, { userid: staffId(((i + 1) % w.staff) + 1), external_userid: id, createtime: base + w.customers + i });
  }
  await withCorp(app.ctx.db, corpId, async (tx) => {
    await sql`INSERT INTO staff (corp_id, userid, name, status, is_follow_user)
      SELECT ${corpId}, 'bs' || lpad(n::text, 2, '0'), '导购' || n, 1, true FROM generate_series(1, ${w.staff}) n`.execute(tx);
    await sql`INSERT INTO customers (corp_id, external_userid, name)
      SELECT ${corpId}, 'wmbc' || lpad(i::text, 5, '0'), '客户' || i FROM generate_series(1, ${w.customers}) i`.execute(tx);
    await sql`INSERT INTO follows (corp_id, customer_id, staff_userid, followed_at, deleted_at)
      SELECT ${corpId}, c.id, 'bs' || lpad(((n.i % ${w.staff}) + 1)::text, 2, '0'), to_timestamp(${base} + n.i),
             CASE WHEN n.i % 250 = 1 THEN now() END
        FROM customers c CROSS JOIN LATERAL (SELECT substr(c.external_userid, 5)::int AS i) n
       WHERE c.corp_id = ${corpId} AND c.external_userid LIKE 'wmbc%'`.execute(tx);
    await sql`INSERT INTO follows (corp_id, customer_id, staff_userid, followed_at)
      SELECT ${corpId}, c.id, 'bs' || lpad((((n.i + 1) % ${w.staff}) + 1)::text, 2, '0'), to_timestamp(${base + w.customers} + n.i)
        FROM customers c CROSS JOIN LATERAL (SELECT substr(c.external_userid, 5)::int AS i) n
       WHERE c.corp_id = ${corpId} AND c.external_userid LIKE 'wmbc%' AND n.i % 100 = 0`.execute(tx);
    await sql`INSERT INTO broadcast_opt_outs (corp_id, customer_id)
      SELECT ${corpId}, c.id FROM customers c WHERE c.corp_id = ${corpId} AND c.external_userid LIKE 'wmbc%'
         AND substr(c.external_userid, 5)::int % 500 = 3`.execute(tx);
    // An earlier broadcast that reached every 125th + 2 customer today.
    const { rows } = await sql<{ id: string }>`
      INSERT INTO broadcasts (corp_id, kind, name, status, audience, variants, seed, send_at, sent_at, completed_at)
      VALUES (${corpId}, 'customer', '昨日群发', 'completed', '{}', '[{"text":"hi"}]', 'x', now(), now(), now()) RETURNING id`.execute(tx);
    await sql`INSERT INTO broadcast_recipients (corp_id, broadcast_id, target, customer_id, staff_userid, variant, task_no, role, status, sent_at)
      SELECT ${corpId}, ${rows[0].id}::uuid, c.external_userid, c.id, 'bs01', 'A', 1, 'send', 1, now()
        FROM customers c WHERE c.corp_id = ${corpId} AND c.external_userid LIKE 'wmbc%' AND substr(c.external_userid, 5)::int % 125 = 2`.execute(tx);
  });
}

/** What the preview and the plan must count for a world (customers 1…n). */
export function expectedCounts(w: World) {
  const c = { not_friend: 0, cap: 0, opted_out: 0, duplicate: 0, recipients: 0 };
  for (let i = 1; i <= w.customers; i++) {
    if (isOptedOut(i)) c.opted_out++;
    else if (isGone(i)) c.not_friend++;
    else if (isCapped(i)) c.cap++;
    else {
      c.recipients++;
      if (isDuplicate(i)) c.duplicate++;
    }
  }
  return c;
}
