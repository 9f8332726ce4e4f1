// A new login with its membership in one corp, in the caller's transaction (the demo seed's extra roles).
import type { Role } from '../../db/schema';
import type { Tx } from '../../db/tenancy';
import { insertMembership, insertUser } from './users.repo';

export async function addCorpUser(
  tx: Tx,
  u: { corpId: string; email: string; name: string; passwordHash: string; role: Role; staffUserid: string | null },
): Promise<string> {
  const userId = await insertUser(tx, { email: u.email, name: u.name, passwordHash: u.passwordHash });
  await insertMembership(tx, { corpId: u.corpId, userId, role: u.role, staffUserid: u.staffUserid });
  return userId;
}
