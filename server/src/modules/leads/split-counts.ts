// How many of `total` leads each staff member gets. Even: counts differ by at most one. Weight: proportional
// (largest remainder), so the counts always add up to `total`. Pure, deterministic: ties go to the earlier staff.
export type StaffShare = { userid: string; weight: number };

export function splitCounts(total: number, staff: readonly StaffShare[], mode: 'even' | 'weight'): number[] {
  const n = staff.length;
  if (n === 0 || total <= 0) return staff.map(() => 0);
  if (mode === 'even') {
    const base = Math.floor(total / n);
    const extra = total - base * n;
    return staff.map((_, i) => base + (i < extra ? 1 : 0));
  }
  const weights = staff.map((s) => (Number.isFinite(s.weight) && s.weight > 0 ? s.weight : 0));
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) return splitCounts(total, staff, 'even');
  const exact = weights.map((w) => (total * w) / sum);
  const counts = exact.map((x) => Math.floor(x));
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % n, left--) counts[order[k].i]++;
  return counts;
}
