import { sql, type Kysely } from 'kysely';
import type { DB, Role } from '../../db/schema';
import { withCorp, withUser } from '../../db/tenancy';

export type UserRow = { id: string; email: string; name: string; password_hash: string };
export type MembershipRow = { corpId: string; corpName: string; role: Role; staffUserid: string | null };

export function findUserByEmail(db: Kysely<DB>, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').select(['id', 'email', 'name', 'password_hash']).where('email', '=', email).executeTakeFirst();
}

export function findUserById(db: Kysely<DB>, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').select(['id', 'email', 'name', 'password_hash']).where('id', '=', id).executeTakeFirst();
}

export async function countUsers(db: Kysely<DB>): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export function listMemberships(db: Kysely<DB>, userId: string): Promise<MembershipRow[]> {
  return withUser(db, userId, (tx) =>
    tx
      .selectFrom('memberships as m')
      .innerJoin('corps as c', 'c.id', 'm.corp_id')
      .select(['m.corp_id as corpId', 'c.name as corpName', 'm.role', 'm.staff_userid as staffUserid'])
      .where('m.user_id', '=', userId)
      .orderBy('c.created_at')
      .execute(),
  );
}

export async function createSession(db: Kysely<DB>, s: { id: string; userId: string; corpId: string; expiresAt: Date }) {
  await db.insertInto('sessions').values({ id: s.id, user_id: s.userId, corp_id: s.corpId, expires_at: s.expiresAt }).execute();
}

/** A live session with the caller's membership in its corp, in one statement (siyu_session_of, migration 0036). */
export async function findSessionMembership(db: Kysely<DB>, id: string) {
  const r = await sql<{ id: string; user_id: string; corp_id: string; role: Role; staff_userid: string | null }>`
    select id, user_id, corp_id, role, staff_userid from siyu_session_of(${id})`.execute(db);
  return r.rows[0];
}

export async function setSessionCorp(db: Kysely<DB>, id: string, corpId: string) {
  await db.updateTable('sessions').set({ corp_id: corpId }).where('id', '=', id).execute();
}

export async function deleteSession(db: Kysely<DB>, id: string) {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteOtherSessions(db: Kysely<DB>, userId: string, keepId: string) {
  await db.deleteFrom('sessions').where('user_id', '=', userId).where('id', '!=', keepId).execute();
}

export async function updatePasswordHash(db: Kysely<DB>, userId: string, hash: string) {
  await db.updateTable('users').set({ password_hash: hash, password_changed_at: new Date() }).where('id', '=', userId).execute();
}

export async function createCorpWithAdmin(
  db: Kysely<DB>,
  input: { corpId: string; corpName: string; email: string; name: string; passwordHash: string; isDemo?: boolean },
): Promise<string> {
  const user = await db
    .insertInto('users')
    .values({ email: input.email, name: input.name, password_hash: input.passwordHash })
    .returning('id')
    .executeTakeFirstOrThrow();
  await withCorp(db, input.corpId, async (tx) => {
    await tx.insertInto('corps').values({
      id: input.corpId,
      name: input.corpName,
      is_demo: input.isDemo ?? false,
      wecom_corp_id: null,
      contact_secret: null,
      agent_id: null,
      app_secret: null,
      callback_token: null,
      callback_aes_key: null,
      api_base: null,
    }).execute();
    await tx.insertInto('memberships').values({ corp_id: input.corpId, user_id: user.id, role: 'admin', staff_userid: null }).execute();
  });
  return user.id;
}
