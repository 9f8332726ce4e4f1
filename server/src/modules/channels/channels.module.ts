// Composition of channel codes: routes, the reaction to follows added through a code, and the rotation job
// (schedules, daily caps, auto-accept windows) that a minute ticker enqueues per connected corp.
import type { AppContext } from '../../context';
import { createTicker } from '../../jobs/ticker';
import type { SiyuModule } from '../../platform/module';
import { connectedCorpIds, type WecomModule } from '../wecom';
import { channelAddReactor } from './apply-channel-add';
import { registerChannelsRoutes } from './channels.routes';
import { createChannelsService } from './channels.service';

export const ROTATE_QUEUE = 'channels.rotate';
export type RotateJob = { corpId: string };

export function createChannelsModule(ctx: AppContext, wecom: WecomModule, options: { tickMs?: number } = {}) {
  const service = createChannelsService(ctx, wecom.connections);
  const reactor = channelAddReactor(ctx, wecom.connections);
  const ticker = createTicker(options.tickMs ?? 60_000, () => tick());

  async function tick(): Promise<void> {
    try {
      const minute = Math.floor(Date.now() / 60_000);
      for (const corpId of await connectedCorpIds(ctx.db)) {
        await ctx.queue.send<RotateJob>(ROTATE_QUEUE, { corpId }, { singletonKey: `${corpId}:${minute}` });
      }
    } catch (err) {
      ctx.logger.warn({ err }, 'channel rotation tick failed');
    }
  }

  return {
    name: 'channels',
    menu: ['channels'],
    phase: reactor.phase,
    on: reactor.on,
    effects: reactor.effects,
    service,
    routes: (app) => registerChannelsRoutes(app, service),
    jobs(): void {
      ctx.queue.register<RotateJob>(ROTATE_QUEUE, async ({ corpId }) => void (await service.rotateCorp(corpId)), {
        retryLimit: 1,
        expireInSeconds: 120,
      });
    },
    start: () => ticker.start(),
    stop: () => ticker.stop(),
  } satisfies SiyuModule & Record<string, unknown>;
}

export type ChannelsModule = ReturnType<typeof createChannelsModule>;
