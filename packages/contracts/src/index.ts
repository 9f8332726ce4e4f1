// What server and console must agree on: domain event types, the rule language, route schemas, permission names.
export * from './domain-events';
export * from './permissions';
export * from './rules';
export * from './common';
export * from './segments';
export * from './rule-options';
export * from './customers';
export * from './custom-fields';
export * from './dashboard';
export * from './stages';
export * from './tags';
export * from './broadcasts';
export * from './scripts';
export * from './sidebar';
export * from './materials';
export * from './moments';
export * from './sop';
