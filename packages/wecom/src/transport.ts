import { WecomErrcode, WecomError } from './errors';
import type { FetchLike } from './fetch-like';
import type { RateLimiter, Sleep } from './rate-limiter';
import type { RetryPolicy } from './retry-policy';
import type { WecomResponse } from './types/base';

export type Query = Record<string, string | number | boolean | undefined>;

export interface TransportOptions {
  baseUrl: string;
  fetch: FetchLike;
  sleep: Sleep;
  limiter: RateLimiter;
  retry: RetryPolicy;
  timeoutMs: number;
}

export interface RawRequest {
  method: 'GET' | 'POST';
  /** Path under /cgi-bin/, e.g. `externalcontact/get`. */
  api: string;
  query?: Query;
  body?: unknown;
}

function buildUrl(baseUrl: string, api: string, query: Query): string {
  const url = new URL(`/cgi-bin/${api}`, baseUrl);
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined) url.searchParams.set(k, String(v));
  }
  return url.toString();
}

/** One HTTP exchange through the rate limiter; transport failures become WecomError -1. */
async function sendOnce(opts: TransportOptions, req: RawRequest): Promise<WecomResponse & Record<string, unknown>> {
  const url = buildUrl(opts.baseUrl, req.api, req.query ?? {});
  return opts.limiter.run(req.api, async () => {
    let status = 0;
    let text: string;
    try {
      const res = await opts.fetch(url, {
        method: req.method,
        // A FormData body (media uploads) sets its own multipart content type.
        headers: req.body === undefined || req.body instanceof FormData ? undefined : { 'content-type': 'application/json; charset=utf-8' },
        body: req.body === undefined ? undefined : req.body instanceof FormData ? req.body : JSON.stringify(req.body),
        signal: AbortSignal.timeout(opts.timeoutMs),
      });
      status = res.status;
      text = await res.text();
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
    } catch (cause) {
      throw new WecomError({
        errcode: WecomErrcode.SYSTEM_BUSY,
        errmsg: `transport failure: ${cause instanceof Error ? cause.message : String(cause)}`,
        api: req.api,
        httpStatus: status || undefined,
        cause,
      });
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (cause) {
      throw new WecomError({
        errcode: WecomErrcode.SYSTEM_BUSY,
        errmsg: 'response is not JSON',
        api: req.api,
        httpStatus: status,
        cause,
      });
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new WecomError({
        errcode: WecomErrcode.SYSTEM_BUSY,
        errmsg: 'response is not a JSON object',
        api: req.api,
        httpStatus: status,
      });
    }
    const body = parsed as Record<string, unknown>;
    const errcode = typeof body.errcode === 'number' ? body.errcode : Number(body.errcode ?? 0);
    const errmsg = typeof body.errmsg === 'string' ? body.errmsg : '';
    return { ...body, errcode, errmsg };
  });
}

/**
 * Sends with retries: -1 and transport failures back off exponentially (busyRetries),
 * 45009/45033 back off and retry (limitRetries). Other non-zero errcodes throw at once,
 * except those `passThrough` lists, which are returned for the caller to handle.
 */
export async function sendWithRetry(
  opts: TransportOptions,
  req: RawRequest,
  passThrough: readonly number[] = [],
): Promise<WecomResponse & Record<string, unknown>> {
  let busy = 0;
  let limited = 0;
  for (;;) {
    let res: WecomResponse & Record<string, unknown>;
    try {
      res = await sendOnce(opts, req);
    } catch (err) {
      if (err instanceof WecomError && busy < opts.retry.busyRetries) {
        await opts.sleep(opts.retry.busyDelayMs * 2 ** busy++);
        continue;
      }
      throw err;
    }
    const code = res.errcode;
    if (code === 0 || passThrough.includes(code)) return res;
    if (code === WecomErrcode.SYSTEM_BUSY && busy < opts.retry.busyRetries) {
      await opts.sleep(opts.retry.busyDelayMs * 2 ** busy++);
      continue;
    }
    if (
      (code === WecomErrcode.FREQUENCY_LIMIT || code === WecomErrcode.CONCURRENCY_LIMIT) &&
      limited < opts.retry.limitRetries
    ) {
      const base = code === WecomErrcode.FREQUENCY_LIMIT ? opts.retry.frequencyDelayMs : opts.retry.concurrencyDelayMs;
      await opts.sleep(base * 2 ** limited++);
      continue;
    }
    throw new WecomError({ errcode: code, errmsg: res.errmsg, api: req.api });
  }
}
