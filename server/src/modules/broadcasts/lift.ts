// The statistics of the outcome report: the difference between two groups with its 95 % confidence interval
// (normal approximation). Conversion: difference of proportions, SE = √(p₁(1−p₁)/n₁ + p₂(1−p₂)/n₂). Revenue per
// customer: difference of means (Welch), SE = √(s₁²/n₁ + s₂²/n₂) with s² the sample variance from Σx and Σx².
import type { Lift } from '@siyu/contracts';

const Z95 = 1.959964;

function interval(diff: number, se: number): Lift {
  const round = (x: number) => Math.round(x * 1e6) / 1e6;
  const low = diff - Z95 * se;
  const high = diff + Z95 * se;
  return { diff: round(diff), low: round(low), high: round(high), significant: low > 0 || high < 0 };
}

/** Treated minus control share of successes; null when a group is empty. */
export function proportionLift(treated: { x: number; n: number }, control: { x: number; n: number }): Lift | null {
  if (treated.n === 0 || control.n === 0) return null;
  const p1 = treated.x / treated.n;
  const p2 = control.x / control.n;
  return interval(p1 - p2, Math.sqrt((p1 * (1 - p1)) / treated.n + (p2 * (1 - p2)) / control.n));
}

export type MeanSample = { n: number; sum: number; sumSq: number };

function variance(s: MeanSample): number {
  if (s.n < 2) return 0;
  return Math.max(0, (s.sumSq - (s.sum * s.sum) / s.n) / (s.n - 1));
}

/** Treated minus control mean; null when a group is empty. */
export function meanLift(treated: MeanSample, control: MeanSample): Lift | null {
  if (treated.n === 0 || control.n === 0) return null;
  const diff = treated.sum / treated.n - control.sum / control.n;
  return interval(diff, Math.sqrt(variance(treated) / treated.n + variance(control) / control.n));
}
