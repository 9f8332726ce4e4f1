// The in-memory evaluator moved to @siyu/contracts; this re-export stays only until reevaluate-customer.ts (the
// lead's file) imports it from there. Import '@siyu/contracts' in new code.
export { evaluateRule } from '@siyu/contracts';
