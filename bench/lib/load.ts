import { Agent, request } from 'undici';

export type LoadResult = { throughput: number; p50: number; p99: number; errors: number };

// Sends each prepared callback once with a fixed number in flight over keep-alive connections.
export async function loadTest(url: string, items: Array<{ query: string; body: string }>, concurrency: number): Promise<LoadResult> {
  const agent = new Agent({ connections: concurrency, pipelining: 1 });
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const item = items[next++];
        const t0 = performance.now();
        const res = await request(`${url}?${item.query}`, { method: 'POST', body: item.body, headers: { 'content-type': 'text/xml' }, dispatcher: agent });
        await res.body.text();
        latencies.push(performance.now() - t0);
        if (res.statusCode !== 200) errors++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await agent.close();
  if (errors) throw new Error(`${errors} of ${items.length} requests failed`);
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { throughput: items.length / seconds, p50: at(0.5), p99: at(0.99), errors };
}
