import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from './schema';

export type Tx = Transaction<DB>;

/**
 * What a database's tenant transactions do around their work: `beforeCommit` runs inside the transaction after the
 * caller's work (the event spine settles what was recorded), `afterCommit` once it committed (effects outside the
 * database). Set once per database by the composition root; a database without hooks just commits.
 */
export type TransactionHooks = {
  beforeCommit(tx: Tx, corpId: string): Promise<void>;
  afterCommit(tx: Tx, corpId: string): void;
  rolledBack(tx: Tx): void;
};

const hooksOf = new WeakMap<Kysely<DB>, TransactionHooks>();

export function setTransactionHooks(db: Kysely<DB>, hooks: TransactionHooks | null): void {
  if (hooks) hooksOf.set(db, hooks);
  else hooksOf.delete(db);
}

// Every tenant read or write runs here: the corp setting is transaction-local, so RLS hides other corps.
// `last` runs after everything else in the transaction (after the event spine settled), just before commit.
export async function withCorp<T>(db: Kysely<DB>, corpId: string, fn: (tx: Tx) => Promise<T>, last?: (tx: Tx) => Promise<void>): Promise<T> {
  const hooks = hooksOf.get(db);
  if (!hooks) {
    return db.transaction().execute(async (tx) => {
      await sql`select set_config('siyu.corp_id', ${corpId}, true)`.execute(tx);
      const result = await fn(tx);
      await last?.(tx);
      return result;
    });
  }
  let used: Tx | null = null;
  try {
    const out = await db.transaction().execute(async (tx) => {
      used = tx;
      await sql`select set_config('siyu.corp_id', ${corpId}, true)`.execute(tx);
      const result = await fn(tx);
      await hooks.beforeCommit(tx, corpId);
      await last?.(tx);
      return result;
    });
    if (used) hooks.afterCommit(used, corpId);
    return out;
  } catch (err) {
    if (used) hooks.rolledBack(used);
    throw err;
  }
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
