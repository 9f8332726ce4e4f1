// The outcome report's statistics against values worked by hand.
import { describe, expect, it } from 'vitest';
import { meanLift, proportionLift } from '../../src/modules/broadcasts/lift';

describe('lift with a 95 % confidence interval', () => {
  it('difference of proportions: 12 % of 1,000 vs 8 % of 1,000', () => {
    const l = proportionLift({ x: 120, n: 1000 }, { x: 80, n: 1000 })!;
    // SE = √(0.12·0.88/1000 + 0.08·0.92/1000) = √(0.0001056 + 0.0000736) = 0.013387
    expect(l.diff).toBeCloseTo(0.04, 6);
    expect(l.low).toBeCloseTo(0.04 - 1.959964 * 0.0133866, 4);
    expect(l.high).toBeCloseTo(0.04 + 1.959964 * 0.0133866, 4);
    expect(l.significant).toBe(true);
  });

  it('an interval spanning zero is not significant; an empty group gives no lift', () => {
    expect(proportionLift({ x: 10, n: 100 }, { x: 9, n: 100 })!.significant).toBe(false);
    expect(proportionLift({ x: 1, n: 10 }, { x: 0, n: 0 })).toBeNull();
    expect(meanLift({ n: 0, sum: 0, sumSq: 0 }, { n: 3, sum: 3, sumSq: 3 })).toBeNull();
  });

  it('difference of means (Welch) from sums and sums of squares', () => {
    // treated 2, 4, 6 (mean 4, s² 4); control 1, 2, 3 (mean 2, s² 1): SE = √(4/3 + 1/3) = 1.290994
    const l = meanLift({ n: 3, sum: 12, sumSq: 56 }, { n: 3, sum: 6, sumSq: 14 })!;
    expect(l.diff).toBeCloseTo(2, 6);
    expect(l.high - l.diff).toBeCloseTo(1.959964 * 1.290994, 4);
  });
});
