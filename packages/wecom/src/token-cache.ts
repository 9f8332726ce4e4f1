/** A fetched credential (access token or ticket) and its lifetime in seconds. */
export interface FetchedToken {
  value: string;
  expiresIn: number;
}

interface Entry {
  value?: string;
  refreshAt: number;
  inflight?: Promise<string>;
}

/**
 * Caches credentials by key with single-flight refresh: concurrent callers share one fetch.
 * A token is refreshed `min(5 min, half its lifetime)` before it expires.
 */
export class TokenStore {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = Date.now) {}

  get(key: string, fetcher: () => Promise<FetchedToken>): Promise<string> {
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { refreshAt: 0 };
      this.entries.set(key, entry);
    }
    if (entry.value !== undefined && this.now() < entry.refreshAt) return Promise.resolve(entry.value);
    if (entry.inflight) return entry.inflight;
    const e = entry;
    const p = fetcher()
      .then((t) => {
        const lifetimeMs = Math.max(0, t.expiresIn * 1000);
        const margin = Math.min(300_000, lifetimeMs / 2);
        e.value = t.value;
        e.refreshAt = this.now() + lifetimeMs - margin;
        return t.value;
      })
      .finally(() => {
        if (e.inflight === p) e.inflight = undefined;
      });
    e.inflight = p;
    return p;
  }

  /** Drop the cached value, but only if it is still `value` (a newer token stays). */
  invalidate(key: string, value?: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    if (value === undefined || entry.value === value) {
      entry.value = undefined;
      entry.refreshAt = 0;
    }
  }

  clear(): void {
    this.entries.clear();
  }
}

/** Process-wide store: clients for the same (baseUrl, corpId, secret) share one token. */
export const sharedTokenStore = new TokenStore();
