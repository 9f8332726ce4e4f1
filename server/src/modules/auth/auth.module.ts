// Composition of auth: sign-in, sessions, the signed-in user's corps and menu.
import type { AppContext } from '../../context';
import type { SiyuModule } from '../../platform/module';
import { registerAuthRoutes } from './auth.routes';
import type { AuthService } from './auth.service';

export function createAuthModule(ctx: AppContext, auth: AuthService, menu: () => string[]): SiyuModule {
  return {
    name: 'auth',
    routes: (app) => registerAuthRoutes(app, auth, { secureCookies: ctx.config.secureCookies, ttlHours: ctx.config.sessionTtlHours, modules: menu }),
  };
}
