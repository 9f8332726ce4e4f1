import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context';
import { registerStoresRoutes } from './stores.routes';
import { createStoresService } from './stores.service';

export function createStoresModule(ctx: AppContext) {
  const service = createStoresService(ctx);
  return {
    service,
    registerRoutes(app: FastifyInstance): void {
      registerStoresRoutes(app, service);
    },
  };
}
