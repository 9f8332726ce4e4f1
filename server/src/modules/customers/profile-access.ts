// Who may see a customer's profile: everyone in the corp but staff, who see only customers they follow.
import type { Tx } from '../../db/tenancy';
import type { AuthContext } from '../../http/access';
import { DomainError } from '../../http/errors';
import { ownScope } from '../../platform/policy/visible-scope';
import { resolveCustomerId } from '../identity';

/** The customer's current id (following merges), or not_found when it is missing or outside the caller's scope. */
export async function visibleCustomerId(tx: Tx, auth: AuthContext, id: string): Promise<string> {
  const resolved = await resolveCustomerId(tx, auth.corpId, id);
  if (!resolved) throw new DomainError('not_found');
  const scope = ownScope(auth);
  if (scope) {
    const f = await tx
      .selectFrom('follows')
      .select('staff_userid')
      .where('corp_id', '=', auth.corpId)
      .where('customer_id', '=', resolved)
      .where('staff_userid', '=', scope)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (!f) throw new DomainError('not_found');
  }
  return resolved;
}
