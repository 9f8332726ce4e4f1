// Composition of the script library (话术库): the console's routes and menu entry; the sidebar reads it through the port.
import type { AppContext } from '../../context';
import type { SiyuModule } from '../../platform/module';
import { registerScriptsRoutes } from './scripts.routes';
import { createScriptsService } from './scripts.service';

export function createScriptsModule(ctx: AppContext): SiyuModule {
  return { name: 'scripts', menu: ['scripts'], routes: (app) => registerScriptsRoutes(app, createScriptsService(ctx)) };
}
