// The broadcasts port (群发): the module for app.ts, and the mass messages customers got (for contact budgets).
export { createBroadcastsModule } from './broadcasts.module';
export { broadcastTouches, massMessageCap } from './contact-history.repo';
