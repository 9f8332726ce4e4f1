// The rule language moved to @siyu/contracts; this re-export stays only until stages/advance-by-rules.ts and
// reevaluate-customer.ts (the lead's files) import it from there. Import '@siyu/contracts' in new code.
export type { Leaf, Rule } from '@siyu/contracts';
