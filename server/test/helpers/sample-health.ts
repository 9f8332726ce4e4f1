// Polls /healthz over real HTTP on a fixed schedule and records each answer's latency from the moment it was due,
// not from when it was sent: the poller shares the server's event loop, so a blocked loop also delays the poll, and
// timing from the due moment counts that delay instead of hiding it.
import { setTimeout as sleep } from 'node:timers/promises';

export type HealthStats = { samples: number; min: number; median: number; p99: number; max: number; over100: number };

export function sampleHealth(base: string, everyMs: number): { stop(): Promise<number[]> } {
  const latencies: number[] = [];
  let stopped = false;
  const loop = (async () => {
    let due = performance.now();
    while (!stopped) {
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const res = await fetch(`${base}/healthz`);
      await res.arrayBuffer();
      const now = performance.now();
      if (res.status !== 200) throw new Error(`/healthz answered ${res.status}`);
      latencies.push(Math.max(0, now - due));
      due = Math.max(due + everyMs, now); // a stall is one long sample, not a burst of catch-up requests
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return latencies;
    },
  };
}

export function healthStats(latencies: readonly number[]): HealthStats {
  const s = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
  const round = (v: number) => Math.round(v * 10) / 10;
  const over100 = s.length ? Math.round((1000 * s.filter((v) => v >= 100).length) / s.length) / 1000 : NaN;
  return { samples: s.length, min: round(s[0] ?? NaN), median: round(at(0.5)), p99: round(at(0.99)), max: round(s[s.length - 1] ?? NaN), over100 };
}
