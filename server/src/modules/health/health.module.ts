// Composition of health: liveness and readiness for load balancers and orchestrators.
import type { AppContext } from '../../context';
import type { SiyuModule } from '../../platform/module';
import { registerHealthRoutes } from './health.routes';

export function createHealthModule(ctx: AppContext, isReady: () => boolean): SiyuModule {
  return { name: 'health', routes: (app) => registerHealthRoutes(app, ctx, isReady) };
}
