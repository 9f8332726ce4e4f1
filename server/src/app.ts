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
import { migrate } from './db/migrate';
import { registerAccessControl, type RouteAccess } from './http/access';
import { registerErrorHandler } from './http/error-handler';
import { DomainError } from './http/errors';
import { createMetrics } from './http/metrics';
import { listenMetrics, registerMetricsRoute, type MetricsListener } from './http/metrics-endpoint';
import { registerSameOriginCheck } from './http/same-origin';
import { registerSecurityHeaders } from './http/security-headers';
import { registerTextChecks } from './http/text';
import { validatorCompiler } from './http/validation';
import { JobQueue } from './jobs/queue';
import { createLogger, withRedaction, type Logger } from './logger';
import { registerAuthRoutes } from './modules/auth/auth.routes';
import { createAuthService } from './modules/auth/auth.service';
import { registerCorpRoutes } from './modules/corp/corp.routes';
import { createCorpService } from './modules/corp/corp.service';
import { registerCustomersRoutes } from './modules/customers/customers.routes';
import { createCustomersService } from './modules/customers/customers.service';
import { registerDashboardRoutes } from './modules/dashboard/dashboard.routes';
import { createDashboardService } from './modules/dashboard/dashboard.service';
import { seedDemo } from './modules/demo/seed-demo';
import { registerHealthRoutes } from './modules/health/health.routes';
import { registerJobsRoutes } from './modules/jobs/jobs.routes';
import { registerStaffRoutes } from './modules/staff/staff.routes';
import { createStaffService } from './modules/staff/staff.service';
import { registerUsersRoutes } from './modules/users/users.routes';
import { registerInvitationsRoutes } from './modules/invitations/invitations.routes';
import { createInvitationsService } from './modules/invitations/invitations.service';
import { createUsersService } from './modules/users/users.service';
import { createWecomModule, type WecomModuleOptions } from './modules/wecom/wecom.module';
import { registerProfilesModule } from './modules/customers/profiles.module';
import { createChannelsModule } from './modules/channels/channels.module';
import { createGroupCodesModule } from './modules/group-codes/group-codes.module';
import { createStoresModule } from './modules/stores/stores.module';
import { createLeadsModule } from './modules/leads/leads.module';
import { createFissionModule } from './modules/fission/fission.module';
import { createSegmentsModule } from './modules/segments/segments.module';

export type Siyu = {
  app: FastifyInstance;
  ctx: AppContext;
  wecom: ReturnType<typeof createWecomModule>;
  channels: ReturnType<typeof createChannelsModule>;
  segments: ReturnType<typeof createSegmentsModule>;
  profiles: ReturnType<typeof registerProfilesModule>;
  routes: RouteAccess[];
  demo: { email: string; password: string } | null;
  /** The separate /metrics listener's URL once listen() ran with METRICS_PORT set; else null. */
  readonly metricsUrl: string | null;
  listen(): Promise<string>;
  stop(): Promise<void>;
};

export type CreateOptions = { logger?: Logger; startJobs?: boolean; beforeStart?: (ctx: AppContext, app: FastifyInstance) => void; wecom?: WecomModuleOptions };

export async function createSiyu(config: Config, options: CreateOptions = {}): Promise<Siyu> {
  const logger = options.logger ? withRedaction(options.logger) : createLogger(config.logLevel);
  const database = await openDatabase(config);
  await migrate(database);
  const metrics = createMetrics();
  const queue = new JobQueue(database, logger, config.jobPollSeconds, config.databaseUrl);
  const ctx: AppContext = { config, logger, database, db: database.db, queue, metrics };

  const app = Fastify({ loggerInstance: logger as FastifyBaseLogger, bodyLimit: 1024 * 1024, logController: new LogController({ disableRequestLogging: true }), trustProxy: config.trustProxy });
  app.setValidatorCompiler(validatorCompiler);
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
  const modules = ['dashboard', 'customers', 'staff', 'corp', 'settings', 'wecom', 'groups'];
  modules.push('channels');
  modules.push('leads', 'fission');
  modules.push('segments');
  modules.push('tags', 'stages');
  modules.push('alerts', 'profile-settings');
  let ready = false;

  registerHealthRoutes(app, ctx, () => ready);
  registerMetricsRoute(app, config, metrics);
  registerAuthRoutes(app, auth, {
    secureCookies: config.secureCookies,
    ttlHours: config.sessionTtlHours,
    modules: () => modules,
  });
  registerUsersRoutes(app, createUsersService(ctx));
  registerInvitationsRoutes(app, createInvitationsService(ctx, auth), { secureCookies: config.secureCookies, ttlHours: config.sessionTtlHours });
  registerCorpRoutes(app, createCorpService(ctx));
  registerCustomersRoutes(app, createCustomersService(ctx));
  registerStaffRoutes(app, createStaffService(ctx));
  registerDashboardRoutes(app, createDashboardService(ctx));
  registerJobsRoutes(app, ctx);
  const wecom = createWecomModule(ctx, options.wecom);
  wecom.registerRoutes(app);
  wecom.registerJobs();
  const profiles = registerProfilesModule(app, ctx, wecom);
  const channels = createChannelsModule(ctx, wecom);
  channels.registerRoutes(app);
  channels.registerJobs();
  const groupCodes = createGroupCodesModule(ctx, wecom);
  groupCodes.registerRoutes(app);
  createStoresModule(ctx).registerRoutes(app);
  const leads = createLeadsModule(ctx, wecom);
  leads.registerRoutes(app);
  leads.registerJobs();
  createFissionModule(ctx, wecom).registerRoutes(app);
  const segments = createSegmentsModule(ctx, wecom);
  segments.registerRoutes(app);
  segments.registerJobs();
  options.beforeStart?.(ctx, app);

  const hasWeb = fs.existsSync(path.join(config.webDist, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: config.webDist, wildcard: false });
  app.setNotFoundHandler((request, reply) => {
    const url = request.url;
    if (hasWeb && request.method === 'GET' && !/^\/(api|wecom|sandbox)\//.test(url)) return reply.sendFile('index.html');
    throw new DomainError('not_found');
  });

  await app.ready();
  const demo = config.demo ? await seedDemo(ctx) : null;
  if (options.startJobs !== false) await queue.start();
  if (options.startJobs !== false) await wecom.start();
  if (options.startJobs !== false) channels.start();
  if (options.startJobs !== false) segments.start();
  if (options.startJobs !== false) profiles.start();
  ready = true;
  let metricsListener: MetricsListener | null = null;

  return {
    app,
    ctx,
    wecom,
    routes,
    channels,
    segments,
    profiles,
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
      await wecom.stop();
      channels.stop();
      segments.stop();
      profiles.stop();
      if (options.startJobs !== false) await queue.stop();
      await database.close();
    },
  };
}
