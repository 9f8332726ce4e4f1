// The WeCom side of a bench (the sandbox and the callback relay) on a worker thread of its own. In production WeCom is
// another machine; on Siyu's event loop the sandbox's encryption, HTTP and state took about a fifth of the loop and
// held back both Siyu's callback answers and its worker, so the spine benches would measure the sandbox as much as
// Siyu. The thread still shares the machine's cores with Siyu and PostgreSQL.
import { Worker } from 'node:worker_threads';
import type { RelayedCallback } from './callback-relay';

export type WecomThread = {
  sandboxUrl: string;
  relayUrl: string;
  /** Where the relay forwards callbacks: Siyu's base URL. */
  setTarget(url: string): Promise<void>;
  /** POSTs JSON bodies to sandbox paths from the thread, `concurrency` at a time; the answers in order. */
  posts<T = unknown>(posts: Array<{ path: string; body: unknown }>, concurrency: number): Promise<T[]>;
  /**
   * POSTs JSON bodies to sandbox paths from the thread at a steady `perSecond`, each on time whatever the earlier ones
   * are doing; resolves with the seconds the sending took, once every answer is in.
   */
  paced(posts: Array<{ path: string; body: unknown }>, perSecond: number): Promise<number>;
  /** Every callback the sandbox queued has been answered by Siyu. */
  flush(): Promise<void>;
  /** Every callback Siyu has answered so far, in order, with the time of its answer. */
  acks(): Promise<RelayedCallback[]>;
  close(): Promise<void>;
};

type Reply = { id: number; value?: unknown; error?: string };

export async function startWecomThread(concurrency: number): Promise<WecomThread> {
  const worker = new Worker(new URL('./wecom-thread.worker.mjs', import.meta.url), { workerData: { concurrency } });
  const ready = await new Promise<{ sandboxUrl: string; relayUrl: string }>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (m: { ready: { sandboxUrl: string; relayUrl: string } }) => resolve(m.ready));
  });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  worker.on('message', (m: Reply) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.error) p.reject(new Error(m.error));
    else p.resolve(m.value);
  });
  worker.on('error', (err) => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  });
  const call = (op: string, extra: object = {}) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, op, ...extra });
    });
  const acks: RelayedCallback[] = [];
  return {
    ...ready,
    setTarget: async (url) => void (await call('target', { url })),
    posts: async <T>(posts: Array<{ path: string; body: unknown }>, concurrency: number) =>
      (await call('posts', { posts, concurrency })) as T[],
    paced: async (posts, perSecond) => (await call('paced', { posts, perSecond })) as number,
    flush: async () => void (await call('flush')),
    acks: async () => {
      acks.push(...((await call('acks')) as RelayedCallback[]));
      return acks;
    },
    close: async () => {
      await call('close').catch(() => undefined);
      await worker.terminate();
    },
  };
}
