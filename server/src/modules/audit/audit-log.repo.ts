// Reading the audit log: a corp's entries newest first with the actor's name (a removed user keeps the name the
// users table still holds), filtered by actor, action prefix and time, a page at a time by id.
import type { AuditEntry, AuditFilter } from '@siyu/contracts';
import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy';

type Row = { id: string; at: Date; action: string; actor_user_id: string | null; name: string | null; email: string | null; target: string | null; detail: Record<string, unknown> };

export async function listAudit(tx: Tx, corpId: string, f: AuditFilter & { limit: number }): Promise<AuditEntry[]> {
  const actor = f.actor === 'system' ? sql`and a.actor_user_id is null` : f.actor ? sql`and a.actor_user_id = ${f.actor}::uuid` : sql``;
  const action = f.action ? sql`and (a.action = ${f.action} or a.action like ${`${f.action.replace(/_/g, '\\_')}.%`})` : sql``;
  const from = f.from ? sql`and a.at >= ${f.from}::timestamptz` : sql``;
  const to = f.to ? sql`and a.at < ${f.to}::timestamptz` : sql``;
  const before = f.before ? sql`and a.id < ${f.before}::bigint` : sql``;
  const { rows } = await sql<Row>`
    select a.id::text as id, a.at, a.action, a.actor_user_id, u.name, u.email, a.target, a.detail
      from audit_log a left join users u on u.id = a.actor_user_id
     where a.corp_id = ${corpId} ${actor} ${action} ${from} ${to} ${before}
     order by a.id desc
     limit ${f.limit}`.execute(tx);
  return rows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    action: r.action,
    actor: r.actor_user_id ? { userId: r.actor_user_id, name: r.name ?? '', email: r.email ?? '' } : null,
    target: r.target,
    detail: r.detail,
  }));
}

/** The corp's users for the actor picker. */
export async function listActors(tx: Tx, corpId: string): Promise<Array<{ userId: string; name: string; email: string }>> {
  const { rows } = await sql<{ userId: string; name: string; email: string }>`
    select u.id as "userId", u.name, u.email from memberships m join users u on u.id = m.user_id
     where m.corp_id = ${corpId} order by u.name`.execute(tx);
  return rows;
}
