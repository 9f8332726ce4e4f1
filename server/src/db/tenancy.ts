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
