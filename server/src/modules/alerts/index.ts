// The alerts port: churn and repurchase alerts (rules, scan, staff reminders) as other modules and app.ts use them.
export { registerAlertsRoutes } from './alerts.routes';
export { createAlertsService, type AlertsService } from './alerts.service';
export { registerRepurchaseCyclesRoutes } from './repurchase-cycles.routes';
export { createRepurchaseCyclesService, type RepurchaseCyclesService } from './repurchase-cycles.service';
export { resolveOpenAlerts } from './resolve-open-alerts';
export { createProfileScanner, SCAN_QUEUE, scanCorps, type ProfileScanner, type ScanJob } from './scan-profiles.job';
export { createAlertsModule, type AlertsModule } from './alerts.module';
