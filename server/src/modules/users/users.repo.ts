import type { Role } from '../../db/schema';
import type { Tx } from '../../db/tenancy';

export type CorpUser = { id: string; email: string; name: string; role: Role; staffUserid: string | null; createdAt: Date };

export function listCorpUsers(tx: Tx, corpId: string): Promise<CorpUser[]> {
  return tx
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.email', 'u.name', 'm.role', 'm.staff_userid as staffUserid', 'm.created_at as createdAt'])
    .where('m.corp_id', '=', corpId)
    .orderBy('m.created_at')
    .execute();
}

export function findCorpUser(tx: Tx, corpId: string, userId: string): Promise<CorpUser | undefined> {
  return tx
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.email', 'u.name', 'm.role', 'm.staff_userid as staffUserid', 'm.created_at as createdAt'])
    .where('m.corp_id', '=', corpId)
    .where('m.user_id', '=', userId)
    .executeTakeFirst();
}

export async function countAdmins(tx: Tx, corpId: string): Promise<number> {
  const r = await tx
    .selectFrom('memberships')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('corp_id', '=', corpId)
    .where('role', '=', 'admin')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertUser(tx: Tx, u: { email: string; name: string; passwordHash: string }): Promise<string> {
  const r = await tx.insertInto('users').values({ email: u.email, name: u.name, password_hash: u.passwordHash }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function insertMembership(tx: Tx, m: { corpId: string; userId: string; role: Role; staffUserid: string | null }) {
  await tx.insertInto('memberships').values({ corp_id: m.corpId, user_id: m.userId, role: m.role, staff_userid: m.staffUserid }).execute();
}

export async function updateMembership(tx: Tx, corpId: string, userId: string, patch: { role?: Role; staffUserid?: string | null }) {
  const r = await tx
    .updateTable('memberships')
    .set({ ...(patch.role ? { role: patch.role } : {}), ...(patch.staffUserid !== undefined ? { staff_userid: patch.staffUserid } : {}) })
    .where('corp_id', '=', corpId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function deleteMembership(tx: Tx, corpId: string, userId: string) {
  const r = await tx.deleteFrom('memberships').where('corp_id', '=', corpId).where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows);
}
