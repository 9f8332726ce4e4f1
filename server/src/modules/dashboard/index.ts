// The dashboard port: its routes and service, for app.ts.
export { registerDashboardRoutes } from './dashboard.routes';
export { createDashboardService, type DashboardService } from './dashboard.service';
export { createDashboardModule } from './dashboard.module';
