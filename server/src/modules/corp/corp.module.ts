// Composition of corp: the tenant's own settings.
import type { AppContext } from '../../context';
import type { SiyuModule } from '../../platform/module';
import { registerCorpRoutes } from './corp.routes';
import { createCorpService } from './corp.service';

export function createCorpModule(ctx: AppContext): SiyuModule {
  return { name: 'corp', menu: ['corp', 'settings'], routes: (app) => registerCorpRoutes(app, createCorpService(ctx)) };
}
