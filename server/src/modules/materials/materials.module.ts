// Composition of the material library: its console routes and its menu entry. Other modules use it through index.ts
// (materialAttachments when they send, getMaterials for pickers, recordMaterialUse for usage counts).
import type { AppContext } from '../../context';
import type { SiyuModule } from '../../platform/module';
import { registerMaterialsRoutes } from './materials.routes';
import { createMaterialsService } from './materials.service';

export function createMaterialsModule(ctx: AppContext): SiyuModule {
  const service = createMaterialsService(ctx.db);
  return { name: 'materials', menu: ['materials'], routes: (app) => registerMaterialsRoutes(app, service) };
}
