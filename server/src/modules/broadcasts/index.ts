// The broadcasts port (群发): the module for app.ts, and the mass messages customers got (for contact budgets).
export { createBroadcastsModule } from './broadcasts.module';
export { broadcastTouches } from './contact-history.repo';
