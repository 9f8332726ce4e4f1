/** One figure of a benchmark: `value` is what the target is checked against; `spread` the samples behind it. */
export type Spread = { n: number; min: number; median: number; max: number };
export type BenchRow = {
  name: string;
  value: number;
  unit: string;
  target: number | null;
  pass: boolean | null;
  spread?: Spread;
  /** Set by run.ts: the bench file, when, under what load and on what machine the row was measured. */
  bench?: string;
  measuredAt?: string;
  load?: string;
  machine?: string;
};
export type Bench = { run(): Promise<BenchRow[]> };
