// Who may read /metrics (issue 9, finding 10: it was open to anyone). METRICS_PORT serves it on its own listener
// (METRICS_HOST, default 127.0.0.1) and not on the main port; METRICS_TOKEN requires `Authorization: Bearer <token>`
// wherever it is served. With neither, only loopback clients that came through no proxy (no X-Forwarded-For,
// X-Real-IP or Forwarded header) may read it: a reverse proxy on the same machine does not open it to the world.
import { createHash, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config';
import { DomainError } from './errors';
import type { Metrics } from './metrics';

type MetricsConfig = Pick<Config, 'metricsToken' | 'metricsHost' | 'metricsPort'>;
type Verdict = 'ok' | 'unauthenticated' | 'forbidden';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const FORWARDING_HEADERS = ['x-forwarded-for', 'x-real-ip', 'forwarded'];

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

export function metricsVerdict(
  token: string | null,
  headers: http.IncomingHttpHeaders,
  socketAddress: string | undefined,
  ownListener: boolean,
): Verdict {
  if (token) {
    const m = /^Bearer\s+(\S+)$/.exec(headers.authorization ?? '');
    return m && timingSafeEqual(digest(m[1]), digest(token)) ? 'ok' : 'unauthenticated';
  }
  if (ownListener) return 'ok';
  const proxied = FORWARDING_HEADERS.some((h) => headers[h] !== undefined);
  return !proxied && socketAddress !== undefined && LOOPBACK.has(socketAddress) ? 'ok' : 'forbidden';
}

/** /metrics on the main port, unless METRICS_PORT moves it to its own listener. */
export function registerMetricsRoute(app: FastifyInstance, config: MetricsConfig, metrics: Metrics) {
  if (config.metricsPort !== null) return;
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    const verdict = metricsVerdict(config.metricsToken, request.headers, request.socket.remoteAddress, false);
    if (verdict !== 'ok') throw new DomainError(verdict);
    reply.header('content-type', metrics.registry.contentType);
    return metrics.registry.metrics();
  });
}

export type MetricsListener = { url: string; close(): Promise<void> };

/** The separate metrics listener (METRICS_HOST:METRICS_PORT); null when /metrics is on the main port. */
export async function listenMetrics(config: MetricsConfig, metrics: Metrics): Promise<MetricsListener | null> {
  const listenPort = config.metricsPort;
  if (listenPort === null) return null;
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' || path !== '/metrics') return void res.writeHead(404).end();
    const verdict = metricsVerdict(config.metricsToken, req.headers, req.socket.remoteAddress, true);
    if (verdict !== 'ok') return void res.writeHead(401, { 'www-authenticate': 'Bearer' }).end();
    metrics.registry.metrics().then(
      (body) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(body),
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listenPort, config.metricsHost, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${config.metricsHost.includes(':') ? `[${config.metricsHost}]` : config.metricsHost}:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
