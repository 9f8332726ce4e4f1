// Composition of the audit log's reader: its route and the console page it feeds (the integrations page's tab).
import type { AppContext } from '../../context';
import type { SiyuModule } from '../../platform/module';
import { registerAuditRoutes } from './audit.routes';
import { createAuditService } from './audit.service';

export function createAuditModule(ctx: AppContext): SiyuModule {
  return { name: 'audit', routes: (app) => registerAuditRoutes(app, createAuditService(ctx)) };
}
