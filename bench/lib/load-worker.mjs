// Runs in a worker thread so the load generator does not share the server's JavaScript thread.
import { parentPort, workerData } from 'node:worker_threads';
import { Agent, request } from 'undici';

const { url, items, concurrency } = workerData;
const agent = new Agent({ connections: concurrency, pipelining: 1 });
const latencies = [];
let errors = 0;
let next = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < items.length) {
      const item = items[next++];
      const t0 = performance.now();
      const res = await request(`${url}?${item.query}`, {
        method: 'POST',
        body: item.body,
        headers: { 'content-type': 'text/xml' },
        dispatcher: agent,
      });
      await res.body.text();
      latencies.push(performance.now() - t0);
      if (res.statusCode !== 200) errors++;
    }
  }),
);
const seconds = (performance.now() - started) / 1000;
await agent.close();
parentPort.postMessage({ latencies, errors, seconds });
