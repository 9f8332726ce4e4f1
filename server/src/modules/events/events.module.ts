// Composition of events: the public events API and webhook (behaviour and orders from shops and mini-programs).
import type { AppContext } from '../../context';
import type { SiyuModule } from '../../platform/module';
import { registerEventsRoutes } from './events.routes';
import { createEventsService } from './events.service';

export function createEventsModule(ctx: AppContext): SiyuModule {
  return { name: 'events', menu: ['integrations'], routes: (app) => registerEventsRoutes(app, createEventsService(ctx)) };
}
