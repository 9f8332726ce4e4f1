// Composition of store codes: routes (console and the public landing page that finds the nearest store).
import type { AppContext } from '../../context';
import type { SiyuModule } from '../../platform/module';
import { registerStoresRoutes } from './stores.routes';
import { createStoresService } from './stores.service';

export function createStoresModule(ctx: AppContext): SiyuModule {
  const service = createStoresService(ctx);
  return { name: 'stores', routes: (app) => registerStoresRoutes(app, service) };
}
