// The rule language: its AST and schemas, shape validation, value semantics and the in-memory evaluator.
export * from './rule';
export * from './rule-values';
export * from './validate-rule';
export * from './evaluate-rule';
export * from './rule-sources';
export * from './rule-clock';
export * from './clock-edges';
