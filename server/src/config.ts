import path from 'node:path';

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  /** An empty embedded-database cluster that a new dataDir starts as (made by `npm start`: scripts/pglite-initdb.mjs). */
  pgliteInitdbTemplate: string;
  databaseUrl: string | null;
  logLevel: string;
  sessionTtlHours: number;
  secureCookies: boolean;
  loginRateLimit: number;
  /** Which proxies may set X-Forwarded-For (Fastify's trustProxy); false: the socket address is the client. */
  trustProxy: boolean | string[] | ((address: string, hop: number) => boolean);
  demo: boolean;
  /** The built-in WeCom sandbox (its /sandbox/corps shows secrets): on only with the demo, or when SIYU_SANDBOX=true. */
  sandbox: boolean;
  /** /metrics: bearer token required when set; on its own listener when metricsPort is set; else loopback clients only. */
  metricsToken: string | null;
  metricsHost: string;
  metricsPort: number | null;
  sandboxPort: number;
  publicUrl: string | null;
  webDist: string;
  jobPollSeconds: number;
  /** How long a claimed inbox batch stays leased to its worker before another may take it (a crashed worker's). */
  inboxLeaseSeconds: number;
  /** How often each process looks for stored callbacks it was not handed (another process's, a crashed worker's). */
  inboxSweepSeconds: number;
  /** Webhooks may call private network addresses (intranet receivers, tests). */
  webhooksToPrivate: boolean;
  wecom: {
    corpId: string | null;
    contactSecret: string | null;
    callbackToken: string | null;
    callbackAesKey: string | null;
    apiBase: string | null;
  };
};

type Env = Record<string, string | undefined>;

function bool(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  return ['1', 'true', 'yes', 'on'].includes(value.toLowerCase());
}

// TRUST_PROXY: unset/false, true, a hop count (trust that many proxies in front), or a comma list of proxy
// addresses/CIDRs.
function trustProxy(value: string | undefined): Config['trustProxy'] {
  const v = (value ?? '').trim();
  if (v === '' || /^(false|no|off)$/i.test(v)) return false;
  if (/^(true|yes|on)$/i.test(v)) return true;
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    return (_address, hop) => hop < hops;
  }
  return v.split(',').map((s) => s.trim()).filter(Boolean);
}

function int(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Error(`${name} must be a number, got "${value}"`);
  return n;
}

/** A duration or a limit: 0 would turn a timer into a busy loop or a lease into none, so only positive numbers pass. */
function positive(name: string, value: string | undefined, fallback: number): number {
  const n = int(name, value, fallback);
  if (n <= 0) throw new Error(`${name} must be greater than 0, got "${value}"`);
  return n;
}

export function loadConfig(env: Env = process.env): Config {
  const root = path.resolve(import.meta.dirname, '../..');
  const dataDir = env.SIYU_DATA_DIR ?? './data';
  // A production deployment (NODE_ENV=production) gets no demo corp and no sandbox unless asked for.
  const demo = bool(env.SIYU_DEMO, env.NODE_ENV !== 'production');
  return {
    port: int('PORT', env.PORT, 3000),
    host: env.HOST ?? '0.0.0.0',
    dataDir: dataDir.startsWith('memory://') ? dataDir : path.resolve(dataDir),
    pgliteInitdbTemplate: path.join(root, 'server/dist/pglite-initdb'),
    databaseUrl: env.DATABASE_URL || null,
    logLevel: env.LOG_LEVEL ?? 'info',
    sessionTtlHours: positive('SESSION_TTL_HOURS', env.SESSION_TTL_HOURS, 24 * 7),
    secureCookies: bool(env.SECURE_COOKIES, false),
    loginRateLimit: positive('LOGIN_RATE_LIMIT', env.LOGIN_RATE_LIMIT, 10),
    trustProxy: trustProxy(env.TRUST_PROXY),
    demo,
    sandbox: bool(env.SIYU_SANDBOX, demo),
    metricsToken: env.METRICS_TOKEN || null,
    metricsHost: env.METRICS_HOST || '127.0.0.1',
    metricsPort: env.METRICS_PORT ? int('METRICS_PORT', env.METRICS_PORT, 0) : null,
    sandboxPort: int('SANDBOX_PORT', env.SANDBOX_PORT, 3900),
    publicUrl: env.PUBLIC_URL || null,
    webDist: path.join(root, 'web/dist'),
    jobPollSeconds: positive('JOB_POLL_SECONDS', env.JOB_POLL_SECONDS, 1),
    inboxLeaseSeconds: positive('INBOX_LEASE_SECONDS', env.INBOX_LEASE_SECONDS, 120),
    inboxSweepSeconds: positive('INBOX_SWEEP_SECONDS', env.INBOX_SWEEP_SECONDS, 5),
    webhooksToPrivate: bool(env.SIYU_WEBHOOK_PRIVATE, false),
    wecom: {
      corpId: env.WECOM_CORP_ID || null,
      contactSecret: env.WECOM_CONTACT_SECRET || null,
      callbackToken: env.WECOM_CALLBACK_TOKEN || null,
      callbackAesKey: env.WECOM_CALLBACK_AES_KEY || null,
      apiBase: env.WECOM_API_BASE || null,
    },
  };
}
