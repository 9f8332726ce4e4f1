export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export interface ApiLimit {
  /** Calls allowed per minute (token bucket, burst up to this many). */
  perMinute: number;
  /** Calls in flight at once. */
  concurrency: number;
}

export interface WecomLimits {
  /** Applies to every API without an override. Default 6,000/min, 20 at once. */
  default?: Partial<ApiLimit>;
  /** Per API path without `/cgi-bin/`, e.g. `externalcontact/groupchat/statistic`. */
  perApi?: Record<string, Partial<ApiLimit>>;
  /** All APIs of this client together (WeCom's per-IP limit is 20,000/min). Default 15,000. */
  totalPerMinute?: number;
}

export const DEFAULT_API_LIMIT: ApiLimit = { perMinute: 6000, concurrency: 20 };

/** APIs WeCom lets run only a few at once (45033 otherwise). */
export const DEFAULT_PER_API_LIMITS: Record<string, Partial<ApiLimit>> = {
  'externalcontact/groupchat/statistic': { concurrency: 5 },
  'externalcontact/groupchat/statistic_group_by_day': { concurrency: 5 },
  'externalcontact/get_user_behavior_data': { concurrency: 5 },
};

/** Token bucket by reservation: callers are served in order and sleep once. */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly perMs: number;

  constructor(
    private readonly capacity: number,
    private readonly now: () => number,
    private readonly sleep: Sleep,
  ) {
    if (!(capacity > 0)) throw new RangeError('perMinute must be > 0');
    this.tokens = capacity;
    this.last = now();
    this.perMs = capacity / 60_000;
  }

  async take(): Promise<void> {
    const t = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + (t - this.last) * this.perMs);
    this.last = t;
    this.tokens -= 1;
    if (this.tokens >= 0) return;
    await this.sleep(Math.ceil(-this.tokens / this.perMs));
  }
}

export class Semaphore {
  private active = 0;
  private readonly waiters: Array<() => void> = [];

  constructor(private readonly max: number) {
    if (!(max >= 1)) throw new RangeError('concurrency must be >= 1');
  }

  get inFlight(): number {
    return this.active;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.max) await new Promise<void>((resolve) => this.waiters.push(resolve));
    else this.active += 1;
    try {
      return await fn();
    } finally {
      const next = this.waiters.shift();
      if (next) next();
      else this.active -= 1;
    }
  }
}

/** Client-side limits per API: a per-minute bucket and a concurrency cap, plus a total bucket. */
export class RateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly semaphores = new Map<string, Semaphore>();
  private readonly total?: TokenBucket;

  constructor(
    private readonly limits: WecomLimits = {},
    private readonly now: () => number = Date.now,
    private readonly sleep: Sleep = realSleep,
  ) {
    const total = limits.totalPerMinute ?? 15_000;
    if (Number.isFinite(total)) this.total = new TokenBucket(total, now, sleep);
  }

  limitFor(api: string): ApiLimit {
    return {
      ...DEFAULT_API_LIMIT,
      ...this.limits.default,
      ...DEFAULT_PER_API_LIMITS[api],
      ...this.limits.perApi?.[api],
    };
  }

  /** Waits for a slot for `api`, then runs `fn` within its concurrency cap. */
  async run<T>(api: string, fn: () => Promise<T>): Promise<T> {
    let bucket = this.buckets.get(api);
    let sem = this.semaphores.get(api);
    if (!bucket || !sem) {
      const limit = this.limitFor(api);
      bucket = new TokenBucket(limit.perMinute, this.now, this.sleep);
      sem = new Semaphore(limit.concurrency);
      this.buckets.set(api, bucket);
      this.semaphores.set(api, sem);
    }
    await bucket.take();
    if (this.total) await this.total.take();
    return sem.run(fn);
  }
}
