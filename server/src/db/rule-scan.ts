// Settings for a transaction that evaluates segment rules over a whole corp (a segment refresh, a customer list's
// count, a stage run), as SET LOCAL:
// - work_mem: a rule's sets are hashed only when they fit; at the default 4 MB a million-customer corp's sets do not,
//   and each customer rescans them (seconds to minutes).
// - no JIT: PostgreSQL JIT-compiles such a statement (costly by its estimate) anew each time; at a million customers
//   that was 435–475 ms of inlining, optimization and emission for a 2–3 s statement, more than it saved.
import { sql } from 'kysely';
import type { Tx } from './tenancy';

export async function prepareRuleScan(tx: Tx, workMem: '64MB' | '128MB' = '128MB'): Promise<void> {
  await sql`SELECT set_config('work_mem', ${workMem}, true), set_config('jit', 'off', true)`.execute(tx);
}
