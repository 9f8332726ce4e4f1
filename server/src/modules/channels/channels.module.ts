// Composition of channel codes: routes, the add listener on WeCom callbacks, and the rotation job (schedules,
// daily caps, auto-accept windows) that a minute ticker enqueues per connected corp.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context';
import { createTicker } from '../../jobs/ticker';
import { connectedCorpIds } from '../wecom/connection.repo';
import type { WecomModule } from '../wecom/wecom.module';
import { createChannelAddListener } from './apply-channel-add';
import { registerChannelsRoutes } from './channels.routes';
import { createChannelsService } from './channels.service';

export const ROTATE_QUEUE = 'channels.rotate';
export type RotateJob = { corpId: string };

export function createChannelsModule(ctx: AppContext, wecom: WecomModule, options: { tickMs?: number } = {}) {
  const service = createChannelsService(ctx, wecom.connections);
  wecom.listeners.add(createChannelAddListener(ctx, wecom.connections));
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
    service,
    registerRoutes(app: FastifyInstance): void {
      registerChannelsRoutes(app, service);
    },
    registerJobs(): void {
      ctx.queue.register<RotateJob>(ROTATE_QUEUE, async ({ corpId }) => void (await service.rotateCorp(corpId)), {
        retryLimit: 1,
        expireInSeconds: 120,
      });
    },
    start: () => ticker.start(),
    stop: () => ticker.stop(),
  };
}

export type ChannelsModule = ReturnType<typeof createChannelsModule>;
