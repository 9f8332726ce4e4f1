import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy';
import { DomainError } from '../../http/errors';

/** Spends points oldest-expiring first; refuses when the balance is short. */
export async function spendPoints(tx: Tx, corpId: string, customerId: string, points: number, reason: string): Promise<number> {
  const m = await sql<{ points: number }>`select points from customer_membership where corp_id = ${corpId} and customer_id = ${customerId} for update`.execute(tx);
  const balance = m.rows[0]?.points ?? 0;
  if (balance < points) throw new DomainError('insufficient_points');
  await sql`
    with lots as (
      select id, remaining, sum(remaining) over (order by expires_at nulls last, id) as running
        from points_ledger where corp_id = ${corpId} and customer_id = ${customerId} and remaining > 0
    )
    update points_ledger l set remaining = case when lots.running <= ${points} then 0 else lots.running - ${points} end
      from lots where l.corp_id = ${corpId} and l.id = lots.id and lots.running - lots.remaining < ${points}`.execute(tx);
  await tx.insertInto('points_ledger').values({ corp_id: corpId, customer_id: customerId, delta: -points, remaining: 0, reason, event_id: null, expires_at: null }).execute();
  await sql`update customer_membership set points = points - ${points}, updated_at = now() where corp_id = ${corpId} and customer_id = ${customerId}`.execute(tx);
  return balance - points;
}

/** Expires what is left of lots past their date: one negative ledger row per lot. */
export async function expirePoints(tx: Tx, corpId: string): Promise<number> {
  const { rows } = await sql<{ customer_id: string; remaining: number }>`
    with old as (
      select id, customer_id, remaining from points_ledger
       where corp_id = ${corpId} and remaining > 0 and expires_at < now() for update
    )
    update points_ledger l set remaining = 0 from old where l.corp_id = ${corpId} and l.id = old.id
    returning old.customer_id, old.remaining`.execute(tx);
  if (rows.length === 0) return 0;
  const by = new Map<string, number>();
  for (const r of rows) by.set(r.customer_id, (by.get(r.customer_id) ?? 0) + Number(r.remaining));
  const list = [...by].map(([customer_id, n]) => ({ customer_id, n }));
  await sql`insert into points_ledger (corp_id, customer_id, delta, remaining, reason)
            select ${corpId}, v.customer_id, -v.n, 0, 'expired' from jsonb_to_recordset(${JSON.stringify(list)}::jsonb) as v(customer_id uuid, n integer)`.execute(tx);
  await sql`update customer_membership m set points = greatest(m.points - v.n, 0), updated_at = now()
              from jsonb_to_recordset(${JSON.stringify(list)}::jsonb) as v(customer_id uuid, n integer)
             where m.corp_id = ${corpId} and m.customer_id = v.customer_id`.execute(tx);
  return rows.length;
}

export function ledger(tx: Tx, corpId: string, customerId: string) {
  return tx
    .selectFrom('points_ledger')
    .select(['id', 'delta', 'remaining', 'reason', 'expires_at as expiresAt', 'created_at as createdAt'])
    .where('corp_id', '=', corpId)
    .where('customer_id', '=', customerId)
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
}

/** A manual grant: a ledger row with everything still to spend and no expiry. */
export async function grantPoints(tx: Tx, corpId: string, customerId: string, delta: number, reason: string): Promise<void> {
  await tx.insertInto('points_ledger').values({ corp_id: corpId, customer_id: customerId, delta, remaining: delta, reason, event_id: null, expires_at: null }).execute();
}

/** A customer's points, growth and level; undefined before their first points. */
export function membershipOf(tx: Tx, corpId: string, customerId: string) {
  return tx.selectFrom('customer_membership').select(['points', 'growth', 'level']).where('corp_id', '=', corpId).where('customer_id', '=', customerId).executeTakeFirst();
}
