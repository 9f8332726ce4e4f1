// Composition of customers: the list, search and export, and each customer's profile and timeline.
import type { AppContext } from '../../context';
import type { SiyuModule } from '../../platform/module';
import { registerCustomersRoutes } from './customers.routes';
import { createCustomersService } from './customers.service';
import { registerProfileRoutes } from './profile.routes';
import { createProfileService } from './profile.service';

export function createCustomersModule(ctx: AppContext): SiyuModule {
  return {
    name: 'customers',
    menu: ['customers'],
    routes(app) {
      registerCustomersRoutes(app, createCustomersService(ctx));
      registerProfileRoutes(app, createProfileService(ctx));
    },
  };
}
