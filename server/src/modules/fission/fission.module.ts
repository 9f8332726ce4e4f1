// Composition of fission: routes (console API and A's public page) and the reactions to follows (credit, withdraw).
import type { AppContext } from '../../context';
import type { SiyuModule } from '../../platform/module';
import type { WecomModule } from '../wecom';
import { fissionReactor } from './fission.listener';
import { registerFissionRoutes } from './fission.routes';
import { createFissionService } from './fission.service';

export function createFissionModule(ctx: AppContext, wecom: WecomModule): SiyuModule {
  const service = createFissionService(ctx, wecom.connections);
  const reactor = fissionReactor(ctx, wecom.connections);
  return { name: 'fission', menu: ['fission'], phase: reactor.phase, on: reactor.on, effects: reactor.effects, routes: (app) => registerFissionRoutes(app, service) };
}
