// The customers a rule filter matches now, within what one staff member may see (or the whole corp): the filter is
// checked and compiled like a segment's rule. For modules that act on "everyone matching" (bulk tagging).
import type { Tx } from '../../db/tenancy';
import { compileRule } from './compile-rule';
import { matchingCustomers } from './segments.repo';
import { prepareRule } from './segments.service';

export async function customersMatchingRule(
  tx: Tx,
  corpId: string,
  filter: unknown,
  opts: { limit: number; staffUserid: string | null },
): Promise<{ total: number; ids: string[] }> {
  const { rule, segments } = await prepareRule(tx, corpId, filter);
  const match = compileRule(rule, { corpId, now: new Date(), mode: 'set', segments });
  return matchingCustomers(tx, corpId, match, opts);
}
