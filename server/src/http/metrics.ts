import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export type Metrics = ReturnType<typeof createMetrics>;

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'siyu_' });
  return {
    registry,
    httpDuration: new Histogram({
      name: 'siyu_http_request_duration_seconds',
      help: 'HTTP request duration by route and status',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    jobs: new Counter({
      name: 'siyu_jobs_total',
      help: 'Jobs handled by queue and outcome',
      labelNames: ['queue', 'outcome'] as const,
      registers: [registry],
    }),
    wecomCallbacks: new Counter({
      name: 'siyu_wecom_callbacks_total',
      help: 'WeCom callback requests by outcome',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    wecomCallbackDuration: new Histogram({
      name: 'siyu_wecom_callback_duration_seconds',
      help: 'WeCom callback answer latency by outcome',
      labelNames: ['outcome'] as const,
      buckets: [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 5],
      registers: [registry],
    }),
    wecomInboxEvents: new Counter({
      name: 'siyu_wecom_inbox_events_total',
      help: 'WeCom inbox events processed by kind and outcome',
      labelNames: ['kind', 'outcome'] as const,
      registers: [registry],
    }),
  };
}
