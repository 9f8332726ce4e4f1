// The events port: the public events API and order import for the composition, event ingestion for the demo, and
// (until the event spine replaces it) the customer-change announcement other modules call after a change.
export { registerEventsRoutes } from './events.routes';
export { createEventsService, type EventsService } from './events.service';
export { ingestEvents, type EventSource, type IngestResult } from './ingest-events';
export { ensureWebhookSecret } from './ensure-webhook-secret';
export { createEventsModule } from './events.module';
