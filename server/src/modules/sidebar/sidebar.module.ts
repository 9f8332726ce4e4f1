// Composition of the chat sidebar (聊天侧边栏): OAuth sign-in of staff, JS-SDK signatures, the customer and group
// views and the guide's actions, built on the tags, stages, customers, alerts and scripts ports.
import type { AppContext } from '../../context';
import type { SiyuModule } from '../../platform/module';
import { createAlertsService } from '../alerts';
import { createProfileService } from '../customers';
import { createStagesService } from '../stages';
import { createTagsService } from '../tags';
import type { WecomModule } from '../wecom';
import { createCustomerView } from './customer-view';
import { createSidebarFirstScreen } from './sidebar-first-screen';
import { createSidebarGroupSop } from './sidebar-group-sop';
import { createSidebarLibrary } from './sidebar-library';
import { createSidebarMaterials } from './sidebar-materials';
import { registerSidebarPage } from './sidebar-page';
import { createSidebarStart } from './sidebar-start';
import { registerSidebarRoutes } from './sidebar.routes';
import { createSidebarService } from './sidebar.service';
import { createSidebarWecom } from './sidebar-wecom';
import { createSignIn } from './sign-in-staff';

export function createSidebarModule(ctx: AppContext, wecom: WecomModule): SiyuModule {
  const sidebarWecom = createSidebarWecom(wecom.connections);
  const profiles = createProfileService(ctx);
  const ports = {
    tags: createTagsService(ctx, wecom.connections, (corpId) => wecom.service.startRun(corpId, 'reconcile', 'repair')),
    stages: createStagesService(ctx),
    profiles,
    alerts: createAlertsService(ctx),
  };
  const start = createSidebarStart(sidebarWecom);
  return {
    name: 'sidebar',
    routes: (app) => {
      registerSidebarPage(app, ctx, wecom.connections, start);
      const customers = createCustomerView(ctx, profiles);
      registerSidebarRoutes(app, {
        ctx,
        signIn: createSignIn(ctx, sidebarWecom),
        wecom: sidebarWecom,
        service: createSidebarService(ctx, ports),
        customers,
        firstScreen: createSidebarFirstScreen(ctx, customers),
        library: createSidebarLibrary(ctx, createSidebarMaterials(ctx, wecom.connections)),
        groupSop: createSidebarGroupSop(ctx),
        start,
      });
    },
  };
}
