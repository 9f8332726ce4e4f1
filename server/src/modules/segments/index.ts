// The segments port: the only file other modules import from segments (the rule language itself is in @siyu/contracts).
export { evaluateRule, walkLeaves, type Leaf, type Rule } from '@siyu/contracts';
