// The moments port (朋友圈): the module for app.ts.
export { createMomentsModule } from './moments.module';
