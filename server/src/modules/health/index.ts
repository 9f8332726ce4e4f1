// The health port: /healthz and /readyz, for app.ts.
export { registerHealthRoutes } from './health.routes';
export { createHealthModule } from './health.module';
