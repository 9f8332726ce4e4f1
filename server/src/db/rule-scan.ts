// Settings for a transaction that evaluates segment rules over a whole corp (a segment refresh, a customer list's
// count, a stage run), as SET LOCAL:
// - work_mem: a rule's sets are hashed only when they fit; at the default 4 MB a million-customer corp's sets do not,
//   and each customer rescans them (seconds to minutes).
// - no JIT: PostgreSQL JIT-compiles such a statement (costly by its estimate) anew each time; at a million customers
//   that was 435–475 ms of inlining, optimization and emission for a 2–3 s statement, more than it saved.
// - parallel_tuple_cost 0.01 (default 0.1): a rule's sets (`c.id IN (SELECT … FROM follows|events …)`) are then each
//   built by a Gather over parallel workers, once, in the leader. At the default the planner found passing 150,000 ids
//   up a Gather too dear, and either built every set in one process or, for rules without a per-customer aggregate,
//   scanned customers in parallel with every worker building every set again. The bench's nested rule at 1M
//   customers on 2 cores, 10 alternating samples each: 2.07–2.35–2.98 s → 1.76–1.96–2.27 s.
import { sql } from 'kysely';
import type { Tx } from './tenancy';

export async function prepareRuleScan(tx: Tx, workMem: '64MB' | '128MB' = '128MB'): Promise<void> {
  await sql`SELECT set_config('work_mem', ${workMem}, true), set_config('jit', 'off', true),
    set_config('parallel_tuple_cost', '0.01', true)`.execute(tx);
}
