// Composition of jobs: the console's view of the durable queue (sizes, dead letters, retry).
import type { AppContext } from '../../context';
import type { SiyuModule } from '../../platform/module';
import { registerJobsRoutes } from './jobs.routes';

export function createJobsModule(ctx: AppContext): SiyuModule {
  return { name: 'jobs', routes: (app) => registerJobsRoutes(app, ctx) };
}
