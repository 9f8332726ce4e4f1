// The event spine: record domain events with a change (the port), and the router that delivers them.
export { afterCommit, recordEvent, recordEvents, recordFacts, type FactBatch, type RecordEntry, type Recorded, type TimelineRow } from './record-events';
export { createEventRouter, EFFECT_QUEUE, MAX_DERIVE_ROUNDS, oneByOne, PHASES, type Changes, type Deriver, type EffectHandler, type EffectJob, type EventHandler, type EventRouter, type Phase, type Reactions, type Reactor } from './event-router';
export { skippingUnreadFacts, TIMELINE_ONLY_FACTS, type TimelineTypesRead } from './timeline-only-facts';
