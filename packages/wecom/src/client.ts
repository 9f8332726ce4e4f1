import { getJsApiSignature } from '@wecom/crypto';
import type { Caller } from './api/caller';
import { contactWayApi } from './api/contact-ways';
import { customerApi } from './api/customers';
import { groupApi } from './api/groups';
import { mediaApi } from './api/media';
import { messageApi } from './api/messages';
import { momentApi } from './api/moments';
import { orgApi } from './api/org';
import { transferApi } from './api/transfer';
import { WecomErrcode, WecomError } from './errors';
import type { FetchLike } from './fetch-like';
import { RateLimiter, realSleep, type Sleep, type WecomLimits } from './rate-limiter';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy';
import { sharedTokenStore, TokenStore } from './token-cache';
import { sendWithRetry, type Query, type RawRequest, type TransportOptions } from './transport';
import { undiciFetch } from './undici-fetch';
import type { WecomResponse } from './types/base';
import type { AccessTokenResponse, TicketResponse } from './types/org';

export interface WecomClientOptions {
  corpId: string;
  /** The secret of the app or of customer contact (客户联系); each has its own token. */
  secret: string;
  baseUrl?: string;
  fetch?: FetchLike;
  limits?: WecomLimits;
  retry?: Partial<RetryPolicy>;
  /** Injected in tests so back-off does not wait real time. */
  sleep?: Sleep;
  now?: () => number;
  /** Default: a process-wide store, so clients of the same (baseUrl, corpId, secret) share a token. */
  tokenStore?: TokenStore;
  /** Share one limiter between clients of the same corp (per-API limits are per corp). */
  rateLimiter?: RateLimiter;
  /** Per HTTP request. Default 15 s. */
  timeoutMs?: number;
}

const TOKEN_ERRCODES: readonly number[] = [WecomErrcode.INVALID_ACCESS_TOKEN, WecomErrcode.ACCESS_TOKEN_EXPIRED];

export type JsapiTicketKind = 'corp' | 'agent';

export function createWecomClient(options: WecomClientOptions) {
  const baseUrl = options.baseUrl ?? 'https://qyapi.weixin.qq.com';
  const sleep = options.sleep ?? realSleep;
  const now = options.now ?? Date.now;
  const fetchImpl: FetchLike = options.fetch ?? undiciFetch;
  const tokens = options.tokenStore ?? sharedTokenStore;
  const transport: TransportOptions = {
    baseUrl,
    fetch: fetchImpl,
    sleep,
    limiter: options.rateLimiter ?? new RateLimiter(options.limits, now, sleep),
    retry: { ...DEFAULT_RETRY_POLICY, ...options.retry },
    timeoutMs: options.timeoutMs ?? 15_000,
  };
  const key = `${baseUrl}|${options.corpId}|${options.secret}`;

  const accessToken = (): Promise<string> =>
    tokens.get(key, async () => {
      const res = (await sendWithRetry(transport, {
        method: 'GET',
        api: 'gettoken',
        query: { corpid: options.corpId, corpsecret: options.secret },
      })) as unknown as AccessTokenResponse;
      return { value: res.access_token, expiresIn: res.expires_in };
    });

  /** Adds the token; on 40014/42001 drops it, refetches and retries once. */
  async function call<T extends WecomResponse>(req: RawRequest): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const token = await accessToken();
      const query: Query = { access_token: token, ...req.query };
      const res = await sendWithRetry(transport, { ...req, query }, TOKEN_ERRCODES);
      if (res.errcode === 0) return res as unknown as T;
      tokens.invalidate(key, token);
      if (attempt >= 1) throw new WecomError({ errcode: res.errcode, errmsg: res.errmsg, api: req.api });
    }
  }

  const caller: Caller = {
    get: <T extends WecomResponse>(api: string, query?: Query) => call<T>({ method: 'GET', api, query }),
    post: <T extends WecomResponse>(api: string, body: unknown, query?: Query) =>
      call<T>({ method: 'POST', api, body, query }),
  };

  const org = orgApi(caller);

  /** Cached jsapi ticket ('corp' = get_jsapi_ticket, 'agent' = ticket/get?type=agent_config). */
  const jsapiTicket = (kind: JsapiTicketKind): Promise<string> =>
    tokens.get(`${key}|ticket:${kind}`, async () => {
      const res: TicketResponse = kind === 'corp' ? await org.getJsapiTicket() : await org.getAgentConfigTicket();
      return { value: res.ticket, expiresIn: res.expires_in };
    });

  return {
    corpId: options.corpId,
    /** The cached access token (fetched when missing or near expiry). */
    accessToken,
    /** Forget the cached token, e.g. after the secret changed. */
    invalidateToken: () => tokens.invalidate(key),
    /** Escape hatch for an API without a typed method: `request('GET', 'agent/get', { agentid: 1 })`. */
    request: <T extends WecomResponse = WecomResponse>(
      method: 'GET' | 'POST',
      api: string,
      query?: Query,
      body?: unknown,
    ) => call<T>({ method, api, query, body }),
    ...customerApi(caller),
    ...contactWayApi(caller),
    ...messageApi(caller),
    ...groupApi(caller),
    ...transferApi(caller),
    ...mediaApi(caller),
    ...momentApi(caller),
    ...org,
    jsapiTicket,
    /** wx/ww config signature for the sidebar: `ww.register({ getConfigSignature, getAgentConfigSignature })`. */
    async signJsApi(url: string, kind: JsapiTicketKind, opts: { nonceStr?: string; timestamp?: number } = {}) {
      const ticket = await jsapiTicket(kind);
      const sig = getJsApiSignature({ url, ticket, nonceStr: opts.nonceStr, timestamp: opts.timestamp });
      return { timestamp: Number(sig.timestamp), nonceStr: sig.nonceStr, signature: sig.signature };
    },
  };
}

export type WecomClient = ReturnType<typeof createWecomClient>;
