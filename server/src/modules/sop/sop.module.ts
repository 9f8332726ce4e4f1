// Composition of customer SOP: routes, the reaction that enters, wakes and ends runs on domain events, the effects
// that send to WeCom and call webhooks after commit, and the engine that sweeps due runs. `clock` lets tests move
// time (the engine, entries and waits all read it).
import type { AppContext } from '../../context';
import type { SiyuModule } from '../../platform/module';
import type { WecomModule } from '../wecom';
import { callSopWebhook } from './call-webhook';
import { sopReactions } from './enter-flows';
import { sendSopMessages } from './send-sop-messages';
import { createSopEngine } from './sop-engine';
import { registerSopRoutes } from './sop.routes';
import { createSopService } from './sop.service';
import { SEND_EFFECT, WEBHOOK_EFFECT } from './step-actions';

export type SopModuleOptions = { clock?: () => Date; tickMs?: number };

export function createSopModule(ctx: AppContext, wecom: WecomModule, options: SopModuleOptions = {}) {
  const clock = options.clock ?? (() => new Date());
  const engine = createSopEngine(ctx, clock, { tickMs: options.tickMs });
  const service = createSopService(ctx, clock);
  return {
    name: 'sop',
    menu: ['sop'],
    phase: 'derive',
    on: sopReactions(clock),
    effects: { [SEND_EFFECT]: sendSopMessages(ctx, wecom.connections, clock), [WEBHOOK_EFFECT]: callSopWebhook(ctx) },
    routes: (app) => registerSopRoutes(app, service),
    start: () => engine.start(),
    stop: () => engine.stop(),
    engine,
    service,
  } satisfies SiyuModule & Record<string, unknown>;
}

export type SopModule = ReturnType<typeof createSopModule>;
