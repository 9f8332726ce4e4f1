// Composition of the WeCom integration: callback endpoint, inbox worker, sync runner, scheduler, routes.
import type { AppContext } from '../../context';
import { withCorp } from '../../db/tenancy';
import type { SiyuModule } from '../../platform/module';
import { registerCallbackRoutes } from './callback.routes';
import { registerConnectRoutes } from './connect.routes';
import { upsertCorpConnection, type ConnectionPatch } from './connection.repo';
import { createSyncRunner, SYNC_QUEUE, type SyncJob, type SyncRunnerOptions } from './full-sync.job';
import { createInboxWorker, type InboxWorkerOptions } from './process-inbox-event.job';
import { createReconcileScheduler } from './reconcile.job';
import { registerSyncRoutes } from './sync.routes';
import { createWecomConnections, type ConnectionOptions } from './wecom-connection.service';
import { createWecomService } from './wecom.service';

export type WecomModuleOptions = {
  connection?: ConnectionOptions;
  inbox?: InboxWorkerOptions;
  sync?: SyncRunnerOptions;
  reconcileEveryMs?: number;
};

export function createWecomModule(ctx: AppContext, options: WecomModuleOptions = {}) {
  const connections = createWecomConnections(ctx, options.connection);
  const inbox = createInboxWorker(ctx, connections, options.inbox);
  const runner = createSyncRunner(ctx, connections, options.sync);
  const service = createWecomService(ctx, connections);
  const scheduler = createReconcileScheduler(ctx, service, { everyMs: options.reconcileEveryMs, staleSeconds: runner.staleSeconds });

  /** Single-corp deployments: WECOM_CORP_ID & co. create or update that corp's connection. */
  async function applyEnvConnection(): Promise<void> {
    const w = ctx.config.wecom;
    if (!w.corpId) return;
    const patch: ConnectionPatch = { wecom_corp_id: w.corpId };
    if (w.contactSecret) patch.contact_secret = w.contactSecret;
    if (w.callbackToken) patch.callback_token = w.callbackToken;
    if (w.callbackAesKey) patch.callback_aes_key = w.callbackAesKey;
    if (w.apiBase) patch.api_base = w.apiBase;
    await withCorp(ctx.db, w.corpId, (tx) => upsertCorpConnection(tx, w.corpId!, w.corpId!, patch));
    connections.invalidate(w.corpId);
  }

  return {
    name: 'wecom',
    menu: ['wecom', 'groups'],
    connections,
    inbox,
    runner,
    service,
    scheduler,

    routes(app): void {
      registerCallbackRoutes(app, { ctx, connections, inbox });
      registerConnectRoutes(app, service);
      registerSyncRoutes(app, service);
    },

    jobs(): void {
      ctx.queue.register<SyncJob>(SYNC_QUEUE, (data, meta) => runner.run(data, meta.id, meta.retryCount), {
        retryLimit: 5,
        retryDelaySeconds: 2,
        expireInSeconds: 3600,
      });
    },

    /** After the queue started: env connection, then drain what a previous process left, reconcile the window no
     *  process was listening in, then timers. */
    async start(): Promise<void> {
      await applyEnvConnection();
      inbox.start();
      await scheduler.reconcileOnStart();
      scheduler.start();
      void scheduler.tick();
    },

    async stop(): Promise<void> {
      scheduler.stop();
      await inbox.stop();
    },
  } satisfies SiyuModule & Record<string, unknown>;
}

export type WecomModule = ReturnType<typeof createWecomModule>;
