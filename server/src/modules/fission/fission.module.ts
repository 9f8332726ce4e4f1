// Composition of fission: routes (console API and A's public page) and the callback listener.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context';
import type { WecomModule } from '../wecom/wecom.module';
import { fissionListener } from './fission.listener';
import { registerFissionRoutes } from './fission.routes';
import { createFissionService } from './fission.service';

export function createFissionModule(ctx: AppContext, wecom: WecomModule) {
  const service = createFissionService(ctx, wecom.connections);
  wecom.listeners.add(fissionListener(ctx, wecom.connections));
  return { service, registerRoutes: (app: FastifyInstance) => registerFissionRoutes(app, service) };
}
