// Registers a WeCom API route: access_token check, fault injection, frequency limits, errcode rendering.

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { errmsgFor, SandboxError, WxError } from './errors';
import { Params, sandboxFail } from './params';
import type { SandboxState } from './state';
import type { AccessToken, CorpState, JsonObject } from './types';

export interface ApiCtx {
  state: SandboxState;
  corp: CorpState;
  token: AccessToken;
  body: Params;
  query: Params;
  req: FastifyRequest;
}

export type ApiResult = Record<string, unknown>;
export type ApiHandler = (ctx: ApiCtx) => ApiResult | Promise<ApiResult>;

const PER_MINUTE = 10_000;
const PER_HOUR = 150_000;

export function wxError(errcode: number, detail?: string): { errcode: number; errmsg: string } {
  return { errcode, errmsg: errmsgFor(errcode, detail) };
}

/** JSON body from the raw string the catch-all parser keeps; WeCom answers 47001 to bad JSON. */
export function parseWxBody(raw: unknown): Params {
  if (typeof raw !== 'string' || raw.trim() === '') return Params.of({});
  try {
    return Params.of(JSON.parse(raw) as unknown);
  } catch {
    throw new WxError(47001, 'body is not valid JSON');
  }
}

export function parseSandboxBody(raw: unknown): Params {
  if (typeof raw !== 'string' || raw.trim() === '') return Params.of({}, sandboxFail);
  let v: unknown;
  try {
    v = JSON.parse(raw) as unknown;
  } catch {
    throw new SandboxError(400, 'bad_json', 'body is not valid JSON');
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw new SandboxError(400, 'bad_request', 'body must be a JSON object');
  }
  return Params.of(v, sandboxFail);
}

export function queryParams(req: FastifyRequest): Params {
  return Params.of(req.query as JsonObject);
}

/** Checks the token; returns it or the WeCom error. */
export function checkToken(state: SandboxState, tokenStr: string | undefined): AccessToken {
  if (!tokenStr) throw new WxError(41001);
  const token = state.tokens.get(tokenStr);
  if (!token || !state.corps.has(token.corpid)) throw new WxError(40014);
  if (token.expires_at <= state.now()) throw new WxError(42001);
  return token;
}

function overRate(state: SandboxState, corpid: string, api: string): boolean {
  if (!state.rateLimits) return false;
  const now = state.now();
  const minute = `${corpid}|${api}|m${Math.floor(now / 60_000)}`;
  const hour = `${corpid}|${api}|h${Math.floor(now / 3_600_000)}`;
  const m = (state.rateCounters.get(minute) ?? 0) + 1;
  const h = (state.rateCounters.get(hour) ?? 0) + 1;
  if (state.rateCounters.size > 100_000) state.rateCounters.clear();
  state.rateCounters.set(minute, m);
  state.rateCounters.set(hour, h);
  return m > PER_MINUTE || h > PER_HOUR;
}

export function defineApi(
  app: FastifyInstance,
  state: SandboxState,
  method: 'GET' | 'POST',
  api: string,
  handler: ApiHandler,
): void {
  app.route({
    method,
    url: `/cgi-bin/${api}`,
    handler: async (req) => {
      try {
        const query = queryParams(req);
        const token = checkToken(state, query.optStr('access_token'));
        const corp = state.corps.get(token.corpid) as CorpState;
        const injected = state.faults.takeApi(corp.corpid, api);
        if (injected !== null) return wxError(injected, 'injected by sandbox');
        if (overRate(state, corp.corpid, api)) throw new WxError(45009);
        const body = method === 'POST' ? parseWxBody(req.body) : Params.of({});
        const result = await handler({ state, corp, token, body, query, req });
        return { errcode: 0, errmsg: 'ok', ...result };
      } catch (err) {
        if (err instanceof WxError) return { errcode: err.errcode, errmsg: err.message };
        req.log.error(err);
        return wxError(-1, 'sandbox internal error');
      }
    },
  });
}
