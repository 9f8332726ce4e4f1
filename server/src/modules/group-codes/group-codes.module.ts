import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context';
import type { WecomModule } from '../wecom/wecom.module';
import { createGroupJoinListener } from './apply-group-join';
import { registerGroupCodesRoutes } from './group-codes.routes';
import { createGroupCodesService } from './group-codes.service';

export function createGroupCodesModule(ctx: AppContext, wecom: WecomModule) {
  const service = createGroupCodesService(ctx, wecom.connections);
  wecom.listeners.add(createGroupJoinListener(ctx, wecom.connections, service));
  return {
    service,
    registerRoutes(app: FastifyInstance): void {
      registerGroupCodesRoutes(app, service);
    },
  };
}
