// Composition of membership: points, levels and RFM (会员 积分 / 等级).
import type { AppContext } from '../../context';
import type { SiyuModule } from '../../platform/module';
import { registerMembershipRoutes } from './membership.routes';
import { createMembershipService } from './membership.service';

export function createMembershipModule(ctx: AppContext): SiyuModule {
  return { name: 'membership', menu: ['profile-settings'], routes: (app) => registerMembershipRoutes(app, createMembershipService(ctx)) };
}
