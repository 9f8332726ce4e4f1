import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Bench, BenchRow } from './types';

// Runs every bench/*.bench.ts (or those named on the command line), prints one table, writes results/latest.json.
const dir = import.meta.dirname;
const only = process.argv.slice(2);
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

const rows: BenchRow[] = [];
for (const file of files) {
  process.stdout.write(`running ${file} …\n`);
  const bench = (await import(path.join(dir, file))) as Bench;
  try {
    rows.push(...(await bench.run()));
  } catch (err) {
    console.error(`${file} failed:`, err);
    rows.push({ name: `${file} (failed)`, value: NaN, unit: '', target: null, pass: false });
  }
}

const w = Math.max(...rows.map((r) => r.name.length), 10);
console.log(`\nmachine: ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}\n`);
console.log(`${'benchmark'.padEnd(w)} | ${'value'.padStart(10)} | unit   | target     | pass`);
console.log(`${'-'.repeat(w)}-|-${'-'.repeat(10)}-|--------|------------|-----`);
for (const r of rows) {
  const pass = r.pass === null ? '-' : r.pass ? 'yes' : 'NO';
  console.log(`${r.name.padEnd(w)} | ${String(r.value).padStart(10)} | ${r.unit.padEnd(6)} | ${String(r.target ?? '-').padEnd(10)} | ${pass}`);
}
fs.mkdirSync(path.join(dir, 'results'), { recursive: true });
fs.writeFileSync(path.join(dir, 'results/latest.json'), JSON.stringify(rows, null, 2));
