// The segments port: the only file other modules import from segments (the rule language itself is in @siyu/contracts).
export { evaluateRule, walkLeaves, type Leaf, type Rule } from '@siyu/contracts';
export { compileRule, compileRuleIds, type CompileContext, type CompileMode } from './compile-rule';
export { createSegmentsModule } from './segments.module';
export { customersMatchingRule } from './customers-matching-rule';
export { customersAmong } from './customers-among';
export { ownFilter, segmentRules } from './segments.repo';
export { createSegmentsService, prepareRule, type SegmentsService } from './segments.service';
export { seedDemoSegments } from './seed-demo-segments';
