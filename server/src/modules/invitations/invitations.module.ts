// Composition of invitations: inviting someone into a corp, and the public page that accepts or declines.
import type { AppContext } from '../../context';
import type { SiyuModule } from '../../platform/module';
import type { AuthService } from '../auth';
import { registerInvitationsRoutes } from './invitations.routes';
import { createInvitationsService } from './invitations.service';

export function createInvitationsModule(ctx: AppContext, auth: AuthService): SiyuModule {
  const service = createInvitationsService(ctx, auth);
  return {
    name: 'invitations',
    routes: (app) => registerInvitationsRoutes(app, service, { secureCookies: ctx.config.secureCookies, ttlHours: ctx.config.sessionTtlHours }),
  };
}
