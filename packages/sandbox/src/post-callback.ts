// One callback POST over a keep-alive connection per host (node:http/https): WeCom's pushes are small and many, and
// the WHATWG fetch spent about three times the CPU per request of the sandbox (streams, Request/Response, abort
// plumbing), which showed when thousands of callbacks go out in a burst. Resolves with the HTTP status once the answer
// is read; rejects on a network error or when `timeoutMs` passes first (as a TimeoutError).
import http from 'node:http';
import https from 'node:https';

const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };

export function postCallback(url: URL, body: string, timeoutMs: number): Promise<number> {
  const secure = url.protocol === 'https:';
  return new Promise((resolve, reject) => {
    const req = (secure ? https : http).request(
      url,
      {
        method: 'POST',
        agent: secure ? agents.https : agents.http,
        headers: { 'content-type': 'text/xml; charset=utf-8', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => {
          clearTimeout(timer);
          resolve(res.statusCode ?? 0);
        });
        res.on('error', reject);
      },
    );
    // The whole exchange, as fetch's AbortSignal.timeout had it (a socket timeout would only catch silence).
    const timer = setTimeout(() => {
      const err = new Error(`no answer within ${timeoutMs} ms`);
      err.name = 'TimeoutError';
      req.destroy(err);
    }, timeoutMs);
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    req.end(body);
  });
}
