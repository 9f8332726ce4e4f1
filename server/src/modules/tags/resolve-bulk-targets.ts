// The customers a bulk-tag job covers: the ids given (deduplicated), or every customer matching a rule filter,
// matched by segments (checked and compiled like a segment's rule) and limited to what the caller may see.
import type { Tx } from '../../db/tenancy';
import type { AuthContext } from '../../http/access';
import { DomainError } from '../../http/errors';
import { ownScope } from '../../platform/policy/visible-scope';
import { customersMatchingRule } from '../segments';

export const MAX_FILTER_CUSTOMERS = 100_000;

export type BulkTarget = { customerIds: string[] } | { filter: unknown };

export async function resolveBulkTargets(tx: Tx, auth: AuthContext, target: BulkTarget): Promise<string[]> {
  if ('customerIds' in target) return [...new Set(target.customerIds)];
  const { total, ids } = await customersMatchingRule(tx, auth.corpId, target.filter, {
    limit: MAX_FILTER_CUSTOMERS,
    staffUserid: ownScope(auth),
  });
  if (total > MAX_FILTER_CUSTOMERS) throw new DomainError('bulk_tag_too_many', `${total} customers match`);
  if (ids.length === 0) throw new DomainError('bulk_tag_no_customers');
  return ids;
}
