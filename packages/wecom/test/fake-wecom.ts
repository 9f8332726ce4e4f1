// A small WeCom-shaped HTTP server for client tests: token issuing and checking, scripted faults, recorded requests.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type JsonBody = Record<string, unknown>;

export interface RecordedRequest {
  method: string;
  /** Path under /cgi-bin/. */
  api: string;
  query: Record<string, string>;
  body: JsonBody | undefined;
}

/** A scripted answer: JSON body, or an HTTP status with a text body. */
export type Scripted = JsonBody | { httpStatus: number; text: string };

export type Handler = (req: RecordedRequest) => JsonBody | Promise<JsonBody>;

export interface FakeWecom {
  baseUrl: string;
  requests: RecordedRequest[];
  /** Requests to `api`, excluding gettoken unless asked. */
  calls(api: string): RecordedRequest[];
  /** Handle `api` (path under /cgi-bin/) with `handler` once scripts are used up. */
  on(api: string, handler: Handler): void;
  /** Answer the next calls of `api` with these, in order, before the handler. */
  script(api: string, ...answers: Scripted[]): void;
  /** Make every issued token expired (42001) or unknown (40014). */
  revokeTokens(code: 40014 | 42001): void;
  /** Delay gettoken so concurrent callers overlap. */
  tokenDelayMs: number;
  inFlight(api: string): number;
  maxInFlight(api: string): number;
  close(): Promise<void>;
}

export const CORP_ID = 'wwfake0000000001';
export const SECRET = 'fake-secret';

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakeWecom(): Promise<FakeWecom> {
  const handlers = new Map<string, Handler>();
  const scripts = new Map<string, Scripted[]>();
  const requests: RecordedRequest[] = [];
  const tokens = new Map<string, 0 | 40014 | 42001>();
  const inflight = new Map<string, number>();
  const maxInflight = new Map<string, number>();
  let issued = 0;

  const fake: FakeWecom = {
    baseUrl: '',
    requests,
    tokenDelayMs: 0,
    calls: (api) => requests.filter((r) => r.api === api),
    on: (api, handler) => void handlers.set(api, handler),
    script: (api, ...answers) => void scripts.set(api, [...(scripts.get(api) ?? []), ...answers]),
    revokeTokens(code) {
      for (const t of tokens.keys()) tokens.set(t, code);
    },
    inFlight: (api) => inflight.get(api) ?? 0,
    maxInFlight: (api) => maxInflight.get(api) ?? 0,
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections(); // a test may leave a request hanging on purpose
    }),
  };

  async function answer(rec: RecordedRequest): Promise<Scripted> {
    const queued = scripts.get(rec.api);
    if (queued && queued.length) return queued.shift() as Scripted;
    if (rec.api === 'gettoken') {
      if (rec.query.corpid !== CORP_ID) return { errcode: 40013, errmsg: 'invalid corpid' };
      if (rec.query.corpsecret !== SECRET) return { errcode: 40001, errmsg: 'invalid credential' };
      if (fake.tokenDelayMs) await new Promise((r) => setTimeout(r, fake.tokenDelayMs));
      const token = `tok-${++issued}`;
      tokens.set(token, 0);
      return { errcode: 0, errmsg: 'ok', access_token: token, expires_in: 7200 };
    }
    const state = tokens.get(rec.query.access_token ?? '');
    if (state === undefined) return { errcode: 40014, errmsg: 'invalid access_token' };
    if (state !== 0)
      return { errcode: state, errmsg: state === 42001 ? 'access_token expired' : 'invalid access_token' };
    const handler = handlers.get(rec.api);
    if (!handler) return { errcode: 48002, errmsg: 'api forbidden' };
    return { errcode: 0, errmsg: 'ok', ...(await handler(rec)) };
  }

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const api = url.pathname.replace(/^\/cgi-bin\//, '');
      const text = await readBody(req);
      const rec: RecordedRequest = {
        method: req.method ?? 'GET',
        api,
        query: Object.fromEntries(url.searchParams),
        body: text ? (JSON.parse(text) as JsonBody) : undefined,
      };
      requests.push(rec);
      const n = (inflight.get(api) ?? 0) + 1;
      inflight.set(api, n);
      maxInflight.set(api, Math.max(n, maxInflight.get(api) ?? 0));
      try {
        const out = await answer(rec);
        if ('httpStatus' in out && typeof out.httpStatus === 'number') {
          res.writeHead(out.httpStatus, { 'content-type': 'text/plain' }).end(String(out.text));
        } else {
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(out));
        }
      } finally {
        inflight.set(api, (inflight.get(api) ?? 1) - 1);
      }
    })().catch((err: unknown) => {
      res.writeHead(500).end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
