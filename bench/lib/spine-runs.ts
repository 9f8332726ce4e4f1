// Repeats one event-spine measurement (SPINE_RUNS times, default 3) on a fresh world each time and folds the runs
// into table rows: the median as the value, min–max and the machine's load average (before → after) in the log.
import fs from 'node:fs';
import os from 'node:os';
import { startPostgres } from './postgres';
import type { BenchRow } from '../types';

export const RUNS = Math.max(1, Number(process.env.SPINE_RUNS ?? 3));

/** One figure of one run; `ok: false` fails the row (e.g. rewards not exactly once). */
export type Figure = {
  key: string;
  name: string;
  unit: string;
  value: number;
  target: number | null;
  better: 'higher' | 'lower';
  ok?: boolean;
};

function loadavg(): string {
  return fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

const round = (v: number) => (Math.abs(v) >= 100 ? Math.round(v) : Math.round(v * 10) / 10);

export async function repeat(
  label: string,
  once: (serverUrl: string, run: number) => Promise<Figure[]>,
): Promise<BenchRow[]> {
  const server = startPostgres();
  if (!server) return [{ name: `${label} — skipped, no PostgreSQL`, value: NaN, unit: '', target: null, pass: null }];
  const runs: Figure[][] = [];
  // Dropping a run's database (WITH FORCE) or stopping the server ends connections a pool may still hold idle;
  // that is the end of the run, not a failure of it.
  const adminShutdown = (err: Error & { code?: string }) => {
    if (err.code === '57P01') return;
    throw err;
  };
  process.on('uncaughtException', adminShutdown);
  try {
    console.log(`  ${label}: ${os.cpus().length} cores; ${RUNS} runs on PostgreSQL`);
    for (let r = 1; r <= RUNS; r++) {
      const before = loadavg();
      const t0 = performance.now();
      const figures = await once(server.url, r);
      runs.push(figures);
      const shown = figures
        .map(
          (f) => `${f.key} ${round(f.value)}${f.unit === '' ? '' : ' ' + f.unit}${f.ok === false ? ' (NOT OK)' : ''}`,
        )
        .join(', ');
      console.log(
        `  ${label} run ${r}/${RUNS} (${((performance.now() - t0) / 1000).toFixed(0)} s, load ${before} → ${loadavg()}): ${shown}`,
      );
    }
  } finally {
    server.stop();
    await new Promise((r) => setTimeout(r, 200));
    process.off('uncaughtException', adminShutdown);
  }
  return runs[0].map((f, i) => {
    const values = runs.map((figs) => figs[i].value);
    const m = median(values);
    const ok = runs.every((figs) => figs[i].ok !== false);
    const meets = f.target === null ? null : f.better === 'higher' ? m >= f.target : m <= f.target;
    const spread = RUNS > 1 ? ` [median of ${RUNS}: ${round(Math.min(...values))}–${round(Math.max(...values))}]` : '';
    return { name: `${f.name}${spread}`, value: round(m), unit: f.unit, target: f.target, pass: ok ? meets : false };
  });
}
