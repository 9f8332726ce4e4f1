// The corp port: the corp settings routes and service, for app.ts.
export { registerCorpRoutes } from './corp.routes';
export { createCorpService, type CorpService } from './corp.service';
export { createCorpModule } from './corp.module';
