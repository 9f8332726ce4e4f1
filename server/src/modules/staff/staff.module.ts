// Composition of staff: the WeCom members who can have customers.
import type { AppContext } from '../../context';
import type { SiyuModule } from '../../platform/module';
import { registerStaffRoutes } from './staff.routes';
import { createStaffService } from './staff.service';

export function createStaffModule(ctx: AppContext): SiyuModule {
  return { name: 'staff', menu: ['staff'], routes: (app) => registerStaffRoutes(app, createStaffService(ctx)) };
}
