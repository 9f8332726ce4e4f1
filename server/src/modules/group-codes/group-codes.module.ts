// Composition of group codes: routes and the reactions to groups created and joined.
import type { AppContext } from '../../context';
import type { SiyuModule } from '../../platform/module';
import type { WecomModule } from '../wecom';
import { groupJoinReactor } from './apply-group-join';
import { registerGroupCodesRoutes } from './group-codes.routes';
import { createGroupCodesService } from './group-codes.service';

export function createGroupCodesModule(ctx: AppContext, wecom: WecomModule): SiyuModule {
  const service = createGroupCodesService(ctx, wecom.connections);
  const reactor = groupJoinReactor(ctx, wecom.connections, service);
  return { name: 'group-codes', phase: reactor.phase, on: reactor.on, effects: reactor.effects, routes: (app) => registerGroupCodesRoutes(app, service) };
}
