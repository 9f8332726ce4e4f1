// The broadcasts port (群发): the module for app.ts.
export { createBroadcastsModule } from './broadcasts.module';
