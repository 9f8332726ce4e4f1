import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from './schema';

export type Tx = Transaction<DB>;

// Every tenant read or write runs here: the corp setting is transaction-local, so RLS hides other corps.
export async function withCorp<T>(db: Kysely<DB>, corpId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (tx) => {
    await sql`select set_config('siyu.corp_id', ${corpId}, true)`.execute(tx);
    return fn(tx);
  });
}

// For the few reads keyed on the user rather than the corp (the corp switcher, login).
export async function withUser<T>(db: Kysely<DB>, userId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (tx) => {
    await sql`select set_config('siyu.user_id', ${userId}, true)`.execute(tx);
    return fn(tx);
  });
}

// For an invitee reading their own invitations (by the link's token hash, or logged in by their email) before
// they belong to the corp. Writes still need the corp set, with set_config inside the same transaction.
export async function withInvitee<T>(db: Kysely<DB>, key: { tokenHash: string } | { email: string }, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (tx) => {
    if ('tokenHash' in key) await sql`select set_config('siyu.invitation_token', ${key.tokenHash}, true)`.execute(tx);
    else await sql`select set_config('siyu.invitee_email', ${key.email}, true)`.execute(tx);
    return fn(tx);
  });
}

export async function setCorp(tx: Tx, corpId: string): Promise<void> {
  await sql`select set_config('siyu.corp_id', ${corpId}, true)`.execute(tx);
}
