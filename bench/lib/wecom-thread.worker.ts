// The worker side of lib/wecom-thread.ts: a WeCom sandbox and a callback relay on their own event loop.
import { parentPort, workerData } from 'node:worker_threads';
import { startSandbox } from '@siyu/sandbox';
import { httpPost, startRelay } from './callback-relay';

type Request =
  | { id: number; op: 'target'; url: string }
  | { id: number; op: 'posts'; posts: Array<{ path: string; body: unknown }>; concurrency: number }
  | { id: number; op: 'paced'; posts: Array<{ path: string; body: unknown }>; perSecond: number }
  | { id: number; op: 'flush' | 'acks' | 'close' };

// What customers do on their phones (scan a code, add a friend): sandbox requests sent from this thread, not Siyu's.
async function postAll(posts: Array<{ path: string; body: unknown }>, concurrency: number): Promise<unknown[]> {
  const out: unknown[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < posts.length) {
        const k = next++;
        out[k] = await postOne(posts[k]);
      }
    }),
  );
  return out;
}

async function postOne(post: { path: string; body: unknown }): Promise<unknown> {
  const { status, text } = await httpPost(`${sandbox.url}${post.path}`, JSON.stringify(post.body), 'application/json');
  if (status >= 400) throw new Error(`sandbox ${post.path}: ${status} ${text}`);
  return JSON.parse(text);
}

// A steady pace: the i-th request goes out at start + i / perSecond, whatever the earlier ones are doing. Resolves with
// the seconds the sending took once every answer is in.
async function postPaced(posts: Array<{ path: string; body: unknown }>, perSecond: number): Promise<number> {
  const start = performance.now();
  const inflight: Array<Promise<unknown>> = [];
  for (let i = 0; i < posts.length; i++) {
    const wait = start + (i * 1000) / perSecond - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    inflight.push(postOne(posts[i]));
  }
  const sent = (performance.now() - start) / 1000;
  await Promise.all(inflight);
  return sent;
}

const port = parentPort;
if (!port) throw new Error('wecom-thread.worker.ts runs as a worker thread');
const { concurrency } = workerData as { concurrency: number };
const sandbox = await startSandbox({ port: 0, rateLimits: false, callbackRetryDelayMs: 50 });
const relay = await startRelay(concurrency);
let acksSent = 0;

port.on('message', (req: Request) => {
  void (async () => {
    try {
      if (req.op === 'target') relay.target = req.url;
      if (req.op === 'posts') {
        port.postMessage({ id: req.id, value: await postAll(req.posts, req.concurrency) });
        return;
      }
      if (req.op === 'paced') {
        port.postMessage({ id: req.id, value: await postPaced(req.posts, req.perSecond) });
        return;
      }
      if (req.op === 'flush') {
        await sandbox.flushCallbacks();
        await relay.idle();
      }
      if (req.op === 'acks') {
        // only what the main thread has not seen yet: the list grows by one per callback
        port.postMessage({ id: req.id, value: relay.acks.slice(acksSent) });
        acksSent = relay.acks.length;
        return;
      }
      if (req.op === 'close') {
        await sandbox.close().catch(() => undefined);
        await relay.close().catch(() => undefined);
      }
      port.postMessage({ id: req.id });
    } catch (err) {
      port.postMessage({ id: req.id, error: String(err) });
    }
  })();
});
port.postMessage({ ready: { sandboxUrl: sandbox.url, relayUrl: relay.url } });
