// Composition of mass messages (群发): routes, the send job (one per broadcast) and the results job (repeating
// every BROADCAST_POLL_SECONDS, default 60, until every task is final).
import { createHash } from 'node:crypto';
import type { AppContext } from '../../context';
import type { SiyuModule } from '../../platform/module';
import type { WecomConnections } from '../wecom';
import { registerBroadcastsRoutes } from './broadcasts.routes';
import { createBroadcastsService } from './broadcasts.service';
import { pollResults, POLL_QUEUE, type PollJob } from './poll-results.job';
import { sendBroadcast, SEND_QUEUE, type SendJob } from './send-broadcast.job';

/** A job id from a key, so that the same poll round is queued once however many ask for it. */
function jobId(key: string): string {
  const h = createHash('md5').update(key).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function createBroadcastsModule(ctx: AppContext, wecom: { connections: WecomConnections }): SiyuModule {
  const pollSeconds = Math.max(1, Number(process.env.BROADCAST_POLL_SECONDS ?? 60));
  const schedulePoll = async (corpId: string, broadcastId: string, delaySeconds: number) => {
    const at = Date.now() + delaySeconds * 1000;
    const round = Math.floor(at / (pollSeconds * 1000));
    await ctx.queue.send<PollJob>(POLL_QUEUE, { corpId, broadcastId }, { id: jobId(`broadcast-poll:${broadcastId}:${round}`), startAfter: at });
  };
  const pollNow = async (corpId: string, broadcastId: string) => {
    await ctx.queue.send<PollJob>(POLL_QUEUE, { corpId, broadcastId }, { id: jobId(`broadcast-poll-now:${broadcastId}:${Math.floor(Date.now() / 2000)}`) });
  };
  const service = createBroadcastsService({ ctx, connections: wecom.connections, pollNow });
  return {
    name: 'broadcasts',
    menu: ['broadcasts'],
    routes: (app) => registerBroadcastsRoutes(app, service),
    jobs() {
      ctx.queue.register<SendJob>(SEND_QUEUE, (job) => sendBroadcast({ ctx, connections: wecom.connections, schedulePoll }, job), {
        retryLimit: 12,
        retryDelaySeconds: 2,
        expireInSeconds: 900,
      });
      ctx.queue.register<PollJob>(
        POLL_QUEUE,
        async (job) => {
          const final = await pollResults({ ctx, connections: wecom.connections }, job);
          if (!final) await schedulePoll(job.corpId, job.broadcastId, pollSeconds);
        },
        { retryLimit: 10, retryDelaySeconds: 5, expireInSeconds: 3600 },
      );
    },
  };
}
