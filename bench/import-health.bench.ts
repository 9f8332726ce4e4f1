// /healthz while a 32 MiB lead CSV is uploaded and imported, against a real server (PGlite, over HTTP): the file is
// 100,000 valid leads padded with notes to 32 MiB, uploaded with fetch, and /healthz is polled every 10 ms until the
// batch is done; each latency counts from when the poll was due (see server/test/helpers/sample-health.ts). Target:
// p99 < 100 ms. A second run uploads 32 MiB of one-character lines under a phone header (refused at row 100,001).
import os from 'node:os';
import { healthStats, sampleHealth, type HealthStats } from '../server/test/helpers/sample-health';
import { startBenchSiyu } from './lib/siyu-instance';
import type { BenchRow } from './types';

const CORP = 'wwbenchimport01';
const SIZE = 32 * 1024 * 1024;

function leadsCsv(): Buffer {
  const rows = 100_000;
  const header = 'phone,name,source,notes\n';
  const base = (i: number) => `${13000000000 + i},线索${i},bench,`;
  const pad = Math.floor((SIZE - header.length) / rows) - Buffer.byteLength(base(99_999)) - 1;
  const note = 'n'.repeat(Math.min(pad, 500));
  const lines = [header.trimEnd()];
  for (let i = 0; i < rows; i++) lines.push(base(i) + note);
  return Buffer.from(lines.join('\n'));
}

function oneCharLines(): Buffer {
  const head = Buffer.from('phone\n');
  return Buffer.concat([head, Buffer.alloc(SIZE - head.length, '1\n')]);
}

async function measure(base: string, cookie: string, file: Buffer): Promise<{ stats: HealthStats; batch: Record<string, unknown>; seconds: number }> {
  const sampler = sampleHealth(base, 10);
  const t0 = performance.now();
  const up = await fetch(`${base}/api/leads/imports?filename=bench.csv`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'text/csv', origin: base },
    body: file,
  });
  if (up.status !== 202) throw new Error(`upload failed: ${up.status} ${await up.text()}`);
  const { id } = (await up.json()) as { id: string };
  let batch: Record<string, unknown>;
  for (;;) {
    batch = (await (await fetch(`${base}/api/leads/batches/${id}`, { headers: { cookie } })).json()) as Record<string, unknown>;
    if (batch.status === 'imported' || batch.status === 'failed') break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  const seconds = (performance.now() - t0) / 1000;
  return { stats: healthStats(await sampler.stop()), batch, seconds };
}

export async function run(): Promise<BenchRow[]> {
  const inst = await startBenchSiyu(CORP, null);
  try {
    const base = await inst.siyu.app.listen({ port: 0, host: '127.0.0.1' });
    const idle = sampleHealth(base, 10);
    await new Promise((r) => setTimeout(r, 3000));
    const idleStats = healthStats(await idle.stop());
    const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
    console.log(`  idle: ${JSON.stringify(idleStats)}; load ${load()}`);
    const full = await measure(base, inst.cookie, leadsCsv());
    console.log(`  32 MiB, 100k leads: ${full.seconds.toFixed(1)} s, batch ${full.batch.status} imported ${full.batch.imported} failed ${full.batch.failed}; health ${JSON.stringify(full.stats)}; load ${load()}`);
    const lines = await measure(base, inst.cookie, oneCharLines());
    console.log(`  32 MiB of one-character lines: ${lines.seconds.toFixed(1)} s, batch ${lines.batch.status} ${lines.batch.error}; health ${JSON.stringify(lines.stats)}; load ${load()}`);
    const row = (name: string, value: number, target: number | null): BenchRow => ({
      name,
      value,
      unit: 'ms',
      target,
      pass: target === null ? null : value < target,
    });
    return [
      row('import: health p99 during 32 MiB import', full.stats.p99, 100),
      row('import: health median during 32 MiB import', full.stats.median, null),
      row('import: health max during 32 MiB import', full.stats.max, null),
      row('import: health p99 idle (same run)', idleStats.p99, null),
      row('import: health p99 during 32 MiB of 1-char lines', lines.stats.p99, 100),
    ];
  } finally {
    await inst.stop();
  }
}
