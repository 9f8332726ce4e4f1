// Composition of the dashboard: the corp's figures at a glance.
import type { AppContext } from '../../context';
import type { SiyuModule } from '../../platform/module';
import { registerDashboardRoutes } from './dashboard.routes';
import { createDashboardService } from './dashboard.service';

export function createDashboardModule(ctx: AppContext): SiyuModule {
  return { name: 'dashboard', menu: ['dashboard'], routes: (app) => registerDashboardRoutes(app, createDashboardService(ctx)) };
}
