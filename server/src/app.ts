import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Config } from './config';
import type { AppContext } from './context';
import { openDatabase } from './db/database';
import { setTransactionHooks } from './db/tenancy';
import { migrate } from './db/migrate';
import { registerAccessControl, type RouteAccess } from './http/access';
import { registerErrorHandler } from './http/error-handler';
import { DomainError } from './http/errors';
import { createMetrics } from './http/metrics';
import { listenMetrics, registerMetricsRoute, type MetricsListener } from './http/metrics-endpoint';
import { registerSameOriginCheck } from './http/same-origin';
import { registerSecurityHeaders } from './http/security-headers';
import { registerTextChecks } from './http/text';
import { serializerCompiler } from './http/serializer-cache';
import { validatorCompiler } from './http/validation';
import { JobQueue } from './jobs/queue';
import { createLogger, withRedaction, type Logger } from './logger';
import { createAlertsModule, type AlertsModule } from './modules/alerts';
import { createAuthModule, createAuthService } from './modules/auth';
import { createBroadcastsModule } from './modules/broadcasts';
import { createChannelsModule } from './modules/channels';
import { createCorpModule } from './modules/corp';
import { createCustomersModule } from './modules/customers';
import { createDashboardModule } from './modules/dashboard';
import { seedDemo } from './modules/demo';
import { createEventsModule } from './modules/events';
import { createAuditModule } from './modules/audit';
import { createFissionModule } from './modules/fission';
import { createGroupCodesModule } from './modules/group-codes';
import { createHealthModule } from './modules/health';
import { createIdentityModule } from './modules/identity';
import { createInvitationsModule } from './modules/invitations';
import { createJobsModule } from './modules/jobs';
import { createLeadsModule } from './modules/leads';
import { createMaterialsModule } from './modules/materials';
import { createMomentsModule } from './modules/moments';
import { createMembershipModule } from './modules/membership';
import { createScriptsModule } from './modules/scripts';
import { createSegmentsModule } from './modules/segments';
import { createSidebarModule } from './modules/sidebar';
import { createGroupSopModule, createSopModule, type SopModule, type SopModuleOptions } from './modules/sop';
import { createStaffModule } from './modules/staff';
import { createStagesModule, type StagesModule } from './modules/stages';
import { createStoresModule } from './modules/stores';
import { createTagsModule } from './modules/tags';
import { createUsersModule } from './modules/users';
import { createWecomModule, type WecomModuleOptions } from './modules/wecom';
import { createEventRouter, EFFECT_QUEUE, type EffectJob, type EventRouter } from './platform/events';
import { reactorsOf, type SiyuModule } from './platform/module';

export type Siyu = {
  app: FastifyInstance;
  ctx: AppContext;
  wecom: ReturnType<typeof createWecomModule>;
  channels: ReturnType<typeof createChannelsModule>;
  segments: ReturnType<typeof createSegmentsModule>;
  stages: StagesModule;
  alerts: AlertsModule;
  sop: SopModule;
  /** Every module, in the order their derive steps run; the same list gives the console its menu. */
  modules: readonly SiyuModule[];
  events: EventRouter;
  routes: RouteAccess[];
  demo: { email: string; password: string } | null;
  /** The separate /metrics listener's URL once listen() ran with METRICS_PORT set; else null. */
  readonly metricsUrl: string | null;
  listen(): Promise<string>;
  stop(): Promise<void>;
};

export type CreateOptions = {
  logger?: Logger;
  startJobs?: boolean;
  beforeStart?: (ctx: AppContext, app: FastifyInstance) => void;
  wecom?: WecomModuleOptions;
  /** The SOP engine's clock and tick (tests move time). */
  sop?: SopModuleOptions;
  /** Modules added after the built-in ones (a plug-in, or a probe in tests). */
  modules?: readonly SiyuModule[];
};

export async function createSiyu(config: Config, options: CreateOptions = {}): Promise<Siyu> {
  const logger = options.logger ? withRedaction(options.logger) : createLogger(config.logLevel);
  const database = await openDatabase(config);
  await migrate(database);
  const metrics = createMetrics();
  const queue = new JobQueue(database, logger, config.jobPollSeconds, config.databaseUrl);
  const ctx: AppContext = { config, logger, database, db: database.db, queue, metrics };

  const app = Fastify({ loggerInstance: logger as FastifyBaseLogger, bodyLimit: 1024 * 1024, logController: new LogController({ disableRequestLogging: true }), trustProxy: config.trustProxy });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  registerSecurityHeaders(app);
  registerSameOriginCheck(app, config.publicUrl);
  registerTextChecks(app);
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    hook: 'preHandler', // after body parsing, so the login limit can key on the email
    errorResponseBuilder: () => new DomainError('rate_limited'),
  });
  await app.register(swagger, {
    openapi: { info: { title: 'Siyu API', version: '0.1.0', description: 'Siyu SCRM console and sidebar API' } },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.addHook('onResponse', async (request, reply) => {
    metrics.httpDuration
      .labels(request.method, request.routeOptions.url ?? 'unmatched', String(reply.statusCode))
      .observe(reply.elapsedTime / 1000);
  });

  const auth = createAuthService(ctx);
  const routes = registerAccessControl(app, (sid) => auth.resolveSession(sid));
  let ready = false;
  registerMetricsRoute(app, config, metrics);

  const wecom = createWecomModule(ctx, { ...options.wecom, inbox: { leaseSeconds: config.inboxLeaseSeconds, sweepMs: config.inboxSweepSeconds * 1000, ...options.wecom?.inbox } });
  const channels = createChannelsModule(ctx, wecom);
  const segments = createSegmentsModule(ctx, wecom);
  const stages = createStagesModule(ctx);
  const alerts = createAlertsModule(ctx, wecom);
  const sop = createSopModule(ctx, wecom, options.sop);
  // One list: routes, jobs, reactions (phases first, then this order within a phase), timers and the console menu.
  const modules: SiyuModule[] = [
    createHealthModule(ctx, () => ready),
    createAuthModule(ctx, auth, () => menu),
    createUsersModule(ctx),
    createInvitationsModule(ctx, auth),
    createCorpModule(ctx),
    createStaffModule(ctx),
    createDashboardModule(ctx),
    createJobsModule(ctx),
    wecom,
    createIdentityModule(),
    createCustomersModule(ctx),
    createEventsModule(ctx),
    createAuditModule(ctx),
    createTagsModule(ctx, wecom),
    createMembershipModule(ctx),
    channels,
    createGroupCodesModule(ctx, wecom),
    createStoresModule(ctx),
    createLeadsModule(ctx, wecom),
    createFissionModule(ctx, wecom),
    createMaterialsModule(ctx),
    createMomentsModule(ctx, wecom),
    segments,
    stages,
    alerts,
    createBroadcastsModule(ctx, wecom),
    sop,
    createGroupSopModule(ctx, wecom),
    createScriptsModule(ctx),
    createSidebarModule(ctx, wecom),
    ...(options.modules ?? []),
  ];
  const menu = modules.flatMap((m) => m.menu ?? []);
  const events = createEventRouter(reactorsOf(modules), logger, queue);
  queue.register<EffectJob>(EFFECT_QUEUE, (job) => events.runEffectJob(job), { retryLimit: 8, retryDelaySeconds: 5, expireInSeconds: 300 });
  setTransactionHooks(database.db, events);
  for (const m of modules) m.routes?.(app);
  for (const m of modules) m.jobs?.();
  options.beforeStart?.(ctx, app);

  const hasWeb = fs.existsSync(path.join(config.webDist, 'index.html'));
  // built files: the compressed copy the build wrote (.br/.gz) when the browser takes it; hashed assets cached for good
  if (hasWeb) await app.register(fastifyStatic, { root: config.webDist, wildcard: false, preCompressed: true, setHeaders: (reply, file) => void (file.includes(`${path.sep}assets${path.sep}`) && reply.header('cache-control', 'public, max-age=31536000, immutable')) });
  app.setNotFoundHandler((request, reply) => {
    const url = request.url;
    if (hasWeb && request.method === 'GET' && !/^\/(api|wecom|sandbox)\//.test(url)) return reply.sendFile('index.html');
    throw new DomainError('not_found');
  });

  await app.ready();
  const demo = config.demo ? await seedDemo(ctx) : null;
  if (options.startJobs !== false) {
    await queue.start();
    for (const m of modules) await m.start?.();
  }
  ready = true;
  let metricsListener: MetricsListener | null = null;

  return {
    app,
    ctx,
    wecom,
    routes,
    channels,
    segments,
    stages,
    alerts,
    sop,
    modules,
    events,
    demo,
    get metricsUrl() {
      return metricsListener?.url ?? null;
    },
    async listen() {
      const url = await app.listen({ port: config.port, host: config.host });
      metricsListener = await listenMetrics(config, metrics);
      return url;
    },
    async stop() {
      ready = false;
      await metricsListener?.close();
      await app.close();
      for (const m of [...modules].reverse()) await m.stop?.();
      await events.idle();
      if (options.startJobs !== false) await queue.stop();
      setTransactionHooks(database.db, null);
      await database.close();
    },
  };
}
