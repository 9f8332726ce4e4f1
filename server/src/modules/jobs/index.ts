// The jobs port: the job status routes, for app.ts.
export { registerJobsRoutes } from './jobs.routes';
export { createJobsModule } from './jobs.module';
