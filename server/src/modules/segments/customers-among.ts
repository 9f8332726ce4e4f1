// Which of the given customers a rule matches now (an SOP's entry condition, branch or goal): the rule is checked
// and compiled like a segment's, and evaluated over just those customers in one statement.
import type { Rule } from '@siyu/contracts';
import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy';
import { compileRule } from './compile-rule';
import { prepareRule } from './segments.service';

export async function customersAmong(tx: Tx, corpId: string, rule: Rule, customerIds: readonly string[], now: Date): Promise<Set<string>> {
  if (customerIds.length === 0) return new Set();
  const { rule: checked, segments } = await prepareRule(tx, corpId, rule);
  const match = compileRule(checked, { corpId, now, mode: 'set', segments });
  const { rows } = await sql<{ id: string }>`
    select c.id from customers c where c.corp_id = ${corpId} and c.id = any(${[...customerIds]}::uuid[]) and ${match}`.execute(tx);
  return new Set(rows.map((r) => r.id));
}
