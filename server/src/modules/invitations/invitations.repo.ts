// SQL for invitations. Reads by token or by the invitee's email run inside withInvitee; writes inside the corp.
import type { Role } from '../../db/schema';
import type { InvitationStatus } from '../../db/schema-invitations';
import type { Tx } from '../../db/tenancy';

export type Invitation = {
  corpId: string;
  id: string;
  email: string;
  name: string;
  role: Role;
  staffUserid: string | null;
  status: InvitationStatus;
  expiresAt: Date;
  createdAt: Date;
  inviterName: string | null;
};

function selectInvitations(tx: Tx) {
  return tx
    .selectFrom('invitations as i')
    .leftJoin('users as u', 'u.id', 'i.invited_by')
    .select([
      'i.corp_id as corpId',
      'i.id',
      'i.email',
      'i.name',
      'i.role',
      'i.staff_userid as staffUserid',
      'i.status',
      'i.expires_at as expiresAt',
      'i.created_at as createdAt',
      'u.name as inviterName',
    ]);
}

export async function insertInvitation(
  tx: Tx,
  inv: { corpId: string; email: string; name: string; role: Role; staffUserid: string | null; tokenHash: string; invitedBy: string; expiresAt: Date },
): Promise<string> {
  const r = await tx
    .insertInto('invitations')
    .values({
      corp_id: inv.corpId,
      email: inv.email,
      name: inv.name,
      role: inv.role,
      staff_userid: inv.staffUserid,
      token_hash: inv.tokenHash,
      invited_by: inv.invitedBy,
      expires_at: inv.expiresAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** Ends the corp's pending invitation of this email (a new one replaces it); returns the ended ids. */
export async function revokePendingForEmail(tx: Tx, corpId: string, email: string): Promise<string[]> {
  const rows = await tx
    .updateTable('invitations')
    .set({ status: 'revoked', decided_at: new Date() })
    .where('corp_id', '=', corpId)
    .where('email', '=', email)
    .where('status', '=', 'pending')
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

export function listPending(tx: Tx, corpId: string): Promise<Invitation[]> {
  return selectInvitations(tx).where('i.corp_id', '=', corpId).where('i.status', '=', 'pending').orderBy('i.created_at').execute();
}

export function findInvitation(tx: Tx, corpId: string, id: string): Promise<Invitation | undefined> {
  return selectInvitations(tx).where('i.corp_id', '=', corpId).where('i.id', '=', id).executeTakeFirst();
}

export function findByTokenHash(tx: Tx, tokenHash: string): Promise<Invitation | undefined> {
  return selectInvitations(tx).where('i.token_hash', '=', tokenHash).executeTakeFirst();
}

export function listPendingForEmail(tx: Tx, email: string, now: Date): Promise<Invitation[]> {
  return selectInvitations(tx)
    .where('i.email', '=', email)
    .where('i.status', '=', 'pending')
    .where('i.expires_at', '>', now)
    .orderBy('i.created_at')
    .execute();
}

/** Moves a pending invitation to its outcome; false when it was no longer pending (used, ended, or raced). */
export async function decide(tx: Tx, corpId: string, id: string, status: Exclude<InvitationStatus, 'pending'>): Promise<boolean> {
  const r = await tx
    .updateTable('invitations')
    .set({ status, decided_at: new Date() })
    .where('corp_id', '=', corpId)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function replaceToken(tx: Tx, corpId: string, id: string, tokenHash: string, expiresAt: Date): Promise<boolean> {
  const r = await tx
    .updateTable('invitations')
    .set({ token_hash: tokenHash, expires_at: expiresAt })
    .where('corp_id', '=', corpId)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function corpName(tx: Tx, corpId: string): Promise<string> {
  const r = await tx.selectFrom('corps').select('name').where('id', '=', corpId).executeTakeFirst();
  return r?.name ?? '';
}

export function findAccount(tx: Tx, email: string) {
  return tx.selectFrom('users').select(['id', 'email', 'name', 'password_hash']).where('email', '=', email).executeTakeFirst();
}

export async function userEmail(tx: Tx, userId: string): Promise<string | undefined> {
  return (await tx.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirst())?.email;
}

/** Creates the account unless one appeared meanwhile (then undefined: its password was never checked). */
export async function insertAccount(tx: Tx, u: { email: string; name: string; passwordHash: string }): Promise<string | undefined> {
  const r = await tx
    .insertInto('users')
    .values({ email: u.email, name: u.name, password_hash: u.passwordHash })
    .onConflict((oc) => oc.column('email').doNothing())
    .returning('id')
    .executeTakeFirst();
  return r?.id;
}

export async function isMember(tx: Tx, corpId: string, userId: string): Promise<boolean> {
  const r = await tx.selectFrom('memberships').select('user_id').where('corp_id', '=', corpId).where('user_id', '=', userId).executeTakeFirst();
  return r !== undefined;
}

export async function insertMembership(tx: Tx, m: { corpId: string; userId: string; role: Role; staffUserid: string | null }): Promise<void> {
  await tx.insertInto('memberships').values({ corp_id: m.corpId, user_id: m.userId, role: m.role, staff_userid: m.staffUserid }).execute();
}
