// Samples behind a bench figure: time a function several times and keep min, median and max, so every row can print
// its spread (a single sample decides nothing).
import fs from 'node:fs';
import type { Spread } from '../types';

export function spreadOf(values: number[]): Spread {
  if (values.length === 0) throw new Error('no samples');
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  const median = s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  return { n: s.length, min: round(s[0]), median: round(median), max: round(s[s.length - 1]) };
}

export function percentileOf(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

export function spreadText(s: Spread): string {
  return `${s.min}–${s.median}–${s.max} (n=${s.n})`;
}

export function round(v: number): number {
  return Math.abs(v) >= 100 ? Math.round(v) : Math.round(v * 10) / 10;
}

/** Runs `fn` `warm` times unmeasured, then `n` times measured; milliseconds of each measured run. */
export async function timeSamples(n: number, fn: (i: number) => Promise<unknown>, warm = 1): Promise<number[]> {
  for (let i = 0; i < warm; i++) await fn(-1 - i);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn(i);
    out.push(performance.now() - t0);
  }
  return out;
}

export function loadavg(): string {
  try {
    return fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return '?';
  }
}
