import {
  createCallbackCrypto,
  createWecomClient,
  RateLimiter,
  type CallbackCrypto,
  type FetchLike,
  type RetryPolicy,
  type WecomClient,
  type WecomLimits,
} from '@siyu/wecom';
import type { AppContext } from '../../context';
import { withCorp } from '../../db/tenancy';
import { DomainError } from '../../http/errors';
import { findConnection, type CorpConnection } from './connection.repo';

export const DEFAULT_API_BASE = 'https://qyapi.weixin.qq.com';

export type ConnectionOptions = {
  /** How long a corp's connection (and its callback crypto) is cached. Default 30 s. */
  cacheMs?: number;
  fetch?: FetchLike;
  retry?: Partial<RetryPolicy>;
  limits?: WecomLimits;
};

type Entry = {
  conn: CorpConnection | null;
  expires: number;
  crypto?: CallbackCrypto | null;
  contact?: WecomClient;
};

export type CallbackCryptoLookup =
  | { status: 'ok'; crypto: CallbackCrypto; conn: CorpConnection }
  | { status: 'unknown_corp' }
  | { status: 'not_configured' };

/**
 * Per-corp WeCom clients and callback crypto, cached. Every client of one corp shares one rate
 * limiter, since WeCom's per-API limits are per corp.
 */
export function createWecomConnections(ctx: Pick<AppContext, 'db' | 'config'>, options: ConnectionOptions = {}) {
  const cacheMs = options.cacheMs ?? 30_000;
  const cache = new Map<string, Entry>();
  const limiters = new Map<string, RateLimiter>();
  const loading = new Map<string, Promise<Entry>>();

  function limiterFor(corpId: string): RateLimiter {
    let l = limiters.get(corpId);
    if (!l) limiters.set(corpId, (l = new RateLimiter(options.limits)));
    return l;
  }

  async function entry(corpId: string): Promise<Entry> {
    const hit = cache.get(corpId);
    if (hit && hit.expires > Date.now()) return hit;
    let p = loading.get(corpId);
    if (!p) {
      p = withCorp(ctx.db, corpId, (tx) => findConnection(tx, corpId))
        .then((conn) => {
          const e: Entry = { conn, expires: Date.now() + (conn ? cacheMs : Math.min(cacheMs, 5000)) };
          cache.set(corpId, e);
          return e;
        })
        .finally(() => loading.delete(corpId));
      loading.set(corpId, p);
    }
    return p;
  }

  function apiBaseOf(conn: CorpConnection): string {
    return conn.apiBase || ctx.config.wecom.apiBase || DEFAULT_API_BASE;
  }

  return {
    async connection(corpId: string): Promise<CorpConnection | null> {
      return (await entry(corpId)).conn;
    },

    /** The callback crypto of a corp, built once per cache period (the hot path of every callback). */
    async callbackCrypto(corpId: string): Promise<CallbackCryptoLookup> {
      const e = await entry(corpId);
      if (!e.conn) return { status: 'unknown_corp' };
      if (e.crypto === undefined) {
        const c = e.conn;
        try {
          e.crypto =
            c.callbackToken && c.callbackAesKey
              ? createCallbackCrypto({ token: c.callbackToken, encodingAESKey: c.callbackAesKey, receiveId: c.wecomCorpId ?? c.corpId })
              : null;
        } catch {
          e.crypto = null;
        }
      }
      return e.crypto ? { status: 'ok', crypto: e.crypto, conn: e.conn } : { status: 'not_configured' };
    },

    /** Client with the customer-contact (客户联系) secret; throws wecom_not_connected when not set up. */
    async contactClient(corpId: string): Promise<WecomClient> {
      const e = await entry(corpId);
      const c = e.conn;
      if (!c || !c.wecomCorpId || !c.contactSecret) throw new DomainError('wecom_not_connected');
      if (!e.contact) e.contact = this.clientFor(corpId, c, c.contactSecret);
      return e.contact;
    },

    /** A client for explicit credentials (the "test connection" button), sharing the corp's limiter. */
    clientFor(corpId: string, conn: Pick<CorpConnection, 'wecomCorpId' | 'apiBase' | 'corpId'>, secret: string): WecomClient {
      return createWecomClient({
        corpId: conn.wecomCorpId ?? conn.corpId,
        secret,
        baseUrl: apiBaseOf(conn as CorpConnection),
        fetch: options.fetch,
        retry: options.retry,
        rateLimiter: limiterFor(corpId),
      });
    },

    apiBaseOf,

    invalidate(corpId: string): void {
      const e = cache.get(corpId);
      e?.contact?.invalidateToken();
      cache.delete(corpId);
    },
  };
}

export type WecomConnections = ReturnType<typeof createWecomConnections>;
