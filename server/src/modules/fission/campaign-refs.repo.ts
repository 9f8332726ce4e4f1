// Lookups a campaign's flows need outside the campaign tables: which of the named staff are active (when a campaign
// is created) and which corp a public poster/progress token belongs to (before any corp is known, hence on the pool).
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { Tx } from '../../db/tenancy';

/** The named staff members who are active in the corp (status 1). */
export function activeStaff(tx: Tx, corpId: string, staffUserids: string[]) {
  return tx.selectFrom('staff').select('userid').where('corp_id', '=', corpId).where('userid', 'in', staffUserids).where('status', '=', 1).execute();
}

/** The corp of a public fission token (security-definer function; RLS cannot apply before the corp is known). */
export async function tokenCorp(db: Kysely<DB>, token: string): Promise<string | null> {
  const { rows } = await sql<{ corp_id: string | null }>`select siyu_fission_token_corp(${token}) as corp_id`.execute(db);
  return rows[0]?.corp_id ?? null;
}
