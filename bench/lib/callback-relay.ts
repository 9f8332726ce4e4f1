// Stands between the sandbox and Siyu's callback endpoint: answers the sandbox at once and forwards each encrypted
// callback unchanged, up to `concurrency` at a time, recording when Siyu's HTTP answer arrived. WeCom pushes callbacks
// side by side; the sandbox delivers one at a time per corp, which would make the sender the bottleneck.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type RelayedCallback = { path: string; body: string; status: number; ackAt: number };

export type CallbackRelay = {
  url: string;
  /** Where callbacks go: Siyu's base URL (set once it listens). */
  target: string;
  acks: RelayedCallback[];
  failures: number;
  /** Resolves when nothing is queued or in flight. */
  idle(): Promise<void>;
  close(): Promise<void>;
};

// node:http on a keep-alive agent: the WHATWG fetch spends about three times the CPU per request, on the same thread.
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
export function httpPost(url: string, body: string, contentType: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', agent, headers: { 'content-type': contentType, 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export async function startRelay(concurrency = 32): Promise<CallbackRelay> {
  const queue: Array<{ path: string; body: string }> = [];
  let inflight = 0;
  let waiters: Array<() => void> = [];
  const relay: CallbackRelay = {
    url: '',
    target: '',
    acks: [],
    failures: 0,
    idle: () => (queue.length === 0 && inflight === 0 ? Promise.resolve() : new Promise<void>((r) => waiters.push(r))),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
  const pump = () => {
    while (inflight < concurrency && queue.length > 0) {
      const item = queue.shift() as { path: string; body: string };
      inflight++;
      void (async () => {
        for (let attempt = 1; attempt <= 3; attempt++) {
          try {
            const { status } = await httpPost(`${relay.target}${item.path}`, item.body, 'text/xml; charset=utf-8');
            relay.acks.push({ ...item, status, ackAt: Date.now() });
            if (status === 200) break;
            relay.failures++;
          } catch {
            relay.failures++;
          }
        }
        inflight--;
        pump();
        if (queue.length === 0 && inflight === 0) {
          const w = waiters;
          waiters = [];
          for (const r of w) r();
        }
      })();
    }
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('success');
      if (req.method !== 'POST') return;
      queue.push({ path: req.url ?? '/', body: Buffer.concat(chunks).toString('utf8') });
      pump();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  relay.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return relay;
}
