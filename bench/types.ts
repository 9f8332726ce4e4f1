export type BenchRow = { name: string; value: number; unit: string; target: number | null; pass: boolean | null };
export type Bench = { run(): Promise<BenchRow[]> };
