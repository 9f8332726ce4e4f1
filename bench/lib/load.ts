import { Worker } from 'node:worker_threads';

export type LoadResult = { throughput: number; p50: number; p99: number; errors: number };

// Sends each prepared callback once with a fixed number in flight over keep-alive connections, from a worker thread.
export async function loadTest(url: string, items: Array<{ query: string; body: string }>, concurrency: number): Promise<LoadResult> {
  const worker = new Worker(new URL('./load-worker.mjs', import.meta.url), { workerData: { url, items, concurrency } });
  const { latencies, errors, seconds } = await new Promise<{ latencies: number[]; errors: number; seconds: number }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  if (errors) throw new Error(`${errors} of ${items.length} requests failed`);
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { throughput: items.length / seconds, p50: at(0.5), p99: at(0.99), errors };
}
