import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadavg, spreadText } from './lib/samples';
import type { Bench, BenchRow } from './types';

// Runs every bench/*.bench.ts (or those named on the command line), prints one table, and merges the rows into
// results/latest.json: the rows of the benchmarks run now replace theirs, the others' rows stay as they were.
const dir = import.meta.dirname;
const only = process.argv.slice(2);
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

const machine = `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`;
const rows: BenchRow[] = [];
for (const file of files) {
  process.stdout.write(`running ${file} (load ${loadavg()}) …\n`);
  const bench = (await import(path.join(dir, file))) as Bench;
  let got: BenchRow[];
  try {
    got = await bench.run();
  } catch (err) {
    console.error(`${file} failed:`, err);
    got = [{ name: `${file} (failed)`, value: NaN, unit: '', target: null, pass: false }];
  }
  const stamp = { bench: file, measuredAt: new Date().toISOString(), load: loadavg(), machine };
  rows.push(...got.map((r) => ({ ...r, ...stamp })));
}

const w = Math.max(...rows.map((r) => r.name.length), 10);
console.log(`\nmachine: ${machine}\n`);
console.log(`${'benchmark'.padEnd(w)} | ${'value'.padStart(10)} | unit   | target     | pass | min–median–max (samples)`);
console.log(`${'-'.repeat(w)}-|-${'-'.repeat(10)}-|--------|------------|------|-------------------------`);
for (const r of rows) {
  const pass = r.pass === null ? '-' : r.pass ? 'yes' : 'NO';
  const spread = r.spread ? spreadText(r.spread) : '';
  console.log(
    `${r.name.padEnd(w)} | ${String(r.value).padStart(10)} | ${r.unit.padEnd(6)} | ${String(r.target ?? '-').padEnd(10)} | ${pass.padEnd(4)} | ${spread}`,
  );
}

const file = path.join(dir, 'results/latest.json');
fs.mkdirSync(path.dirname(file), { recursive: true });
let kept: BenchRow[] = [];
try {
  kept = (JSON.parse(fs.readFileSync(file, 'utf8')) as BenchRow[]).filter((r) => !r.bench || !files.includes(r.bench));
  // Rows written before run.ts stamped them with their bench cannot be told apart: a full run replaces them.
  if (only.length === 0) kept = [];
} catch {
  kept = [];
}
fs.writeFileSync(file, JSON.stringify([...kept, ...rows], null, 2) + '\n');
console.log(`\n${rows.length} rows written to ${path.relative(process.cwd(), file)} (${kept.length} rows of other benchmarks kept)`);
