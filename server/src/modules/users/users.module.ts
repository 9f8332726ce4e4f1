// Composition of users: the corp's console accounts and their roles.
import type { AppContext } from '../../context';
import type { SiyuModule } from '../../platform/module';
import { registerUsersRoutes } from './users.routes';
import { createUsersService } from './users.service';

export function createUsersModule(ctx: AppContext): SiyuModule {
  return { name: 'users', routes: (app) => registerUsersRoutes(app, createUsersService(ctx)) };
}
