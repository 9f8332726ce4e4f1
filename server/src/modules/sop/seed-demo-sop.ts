// The demo's SOP flows: the 7-day nurture and post-purchase care templates running (the demo's orders and new
// friends enter them), the repurchase reminder as a draft to try the dry run on. Only once per corp.
import type { AuthContext } from '../../http/access';
import type { SopService } from './sop.service';

export async function seedDemoSop(service: SopService, auth: AuthContext): Promise<void> {
  if ((await service.list(auth)).items.length > 0) return;
  for (const key of ['new_customer_7d', 'post_purchase'] as const) {
    const flow = await service.createFromTemplate(auth, key);
    await service.activate(auth, flow.id);
  }
  await service.createFromTemplate(auth, 'repurchase');
}
