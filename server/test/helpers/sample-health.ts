// Polls /healthz over real HTTP on a fixed schedule and records each answer's latency from the moment it was due,
// not from when it was sent: the poller shares the server's event loop, so a blocked loop also delays the poll, and
// timing from the due moment counts that delay instead of hiding it.
//
// Each sample also carries its latency scaled by the share of a CPU this process got meanwhile (process CPU time
// over wall time since the previous answer, at most 1). On a loaded machine a late answer is mostly time spent
// waiting for a CPU: scaled, it shrinks to the process's own work. A blocked event loop is the process's own work,
// so a synchronous import still shows its full CPU time there, whatever the load.
import { setTimeout as sleep } from 'node:timers/promises';

export type HealthStats = { samples: number; min: number; median: number; p99: number; max: number; over100: number };

export type HealthSamples = { wall: number[]; cpuScaled: number[] };

export function sampleHealth(
  base: string,
  everyMs: number,
): { stop(): Promise<number[]>; stopAll(): Promise<HealthSamples> } {
  const wall: number[] = [];
  const cpuScaled: number[] = [];
  let stopped = false;
  const cpuMs = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const loop = (async () => {
    let due = performance.now();
    let since = { at: due, cpu: cpuMs() };
    while (!stopped) {
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const res = await fetch(`${base}/healthz`);
      await res.arrayBuffer();
      const now = performance.now();
      const cpu = cpuMs();
      if (res.status !== 200) throw new Error(`/healthz answered ${res.status}`);
      const latency = Math.max(0, now - due);
      const share = Math.min(1, (cpu - since.cpu) / Math.max(1e-3, now - since.at));
      wall.push(latency);
      cpuScaled.push(latency * share);
      since = { at: now, cpu };
      due = Math.max(due + everyMs, now); // a stall is one long sample, not a burst of catch-up requests
    }
  })();
  const stopAll = async () => {
    stopped = true;
    await loop;
    return { wall, cpuScaled };
  };
  return {
    stopAll,
    async stop() {
      return (await stopAll()).wall;
    },
  };
}

export function healthStats(latencies: readonly number[]): HealthStats {
  const s = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
  const round = (v: number) => Math.round(v * 10) / 10;
  const over100 = s.length ? Math.round((1000 * s.filter((v) => v >= 100).length) / s.length) / 1000 : NaN;
  return {
    samples: s.length,
    min: round(s[0] ?? NaN),
    median: round(at(0.5)),
    p99: round(at(0.99)),
    max: round(s[s.length - 1] ?? NaN),
    over100,
  };
}
