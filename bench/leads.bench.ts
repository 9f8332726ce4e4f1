// 100,000 leads from a generated CSV: upload → per-row checks → bulk insert → even distribution over 200 staff with
// one reminder per staff member queued. Target: under 20 s end to end. PGlite, then PostgreSQL when available.
import { sql } from 'kysely';
import { withCorp } from '../server/src/db/tenancy';
import { startPostgres } from './lib/postgres';
import { startBenchSiyu } from './lib/siyu-instance';
import type { BenchRow } from './types';

const N = Number(process.env.BENCH_LEADS ?? 100_000);
const STAFF = 200;
const CORP = 'wwbenchleads01';

function csv(): string {
  const lines = ['phone,name,source,notes'];
  for (let i = 0; i < N; i++) {
    if (i % 100 === 99)
      lines.push(`12${String(i).padStart(9, '0')},坏号码${i},bench,`); // 1% bad phones
    else if (i % 200 === 150)
      lines.push(`${13000000000 + i - 1},重复${i},bench,`); // 0.5% duplicates of the row before
    else lines.push(`${13000000000 + i},线索${i},bench,note ${i}`);
  }
  return lines.join('\n');
}

async function once(label: string, postgresUrl: string | null): Promise<BenchRow[]> {
  const inst = await startBenchSiyu(CORP, postgresUrl);
  const { siyu, cookie } = inst;
  try {
    const staff = Array.from({ length: STAFF }, (_, i) => `bench_staff_${String(i).padStart(3, '0')}`);
    await withCorp(siyu.ctx.db, CORP, async (tx) => {
      await tx
        .insertInto('staff')
        .values(staff.map((userid) => ({ corp_id: CORP, userid, name: userid, mobile: null, is_follow_user: true })))
        .execute();
      // 500 known customers whose phones appear in the file: reported as "already a customer".
      await sql`insert into customers (corp_id, external_userid, name, phone)
                select ${CORP}, 'wmbench' || g, 'c' || g, (13000000000 + g * 37)::text from generate_series(1, 500) g`.execute(
        tx,
      );
    });
    const body = csv();
    const t0 = performance.now();
    const up = await siyu.app.inject({
      method: 'POST',
      url: '/api/leads/imports?filename=bench.csv',
      headers: { cookie, 'content-type': 'text/csv' },
      payload: body,
    });
    if (up.statusCode !== 202) throw new Error(`upload failed: ${up.body}`);
    const id = up.json().id as string;
    let batch: Record<string, unknown>;
    for (;;) {
      batch = (await siyu.app.inject({ method: 'GET', url: `/api/leads/batches/${id}`, headers: { cookie } })).json();
      if (batch.status === 'imported' || batch.status === 'failed') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    if (batch.status !== 'imported') throw new Error(`import failed: ${JSON.stringify(batch)}`);
    const t1 = performance.now();
    const dist = await siyu.app.inject({
      method: 'POST',
      url: `/api/leads/batches/${id}/distribute`,
      headers: { cookie },
      payload: { mode: 'even', staff: staff.map((userid) => ({ userid })), deadlineHours: 24 },
    });
    if (dist.statusCode !== 200) throw new Error(`distribute failed: ${dist.body}`);
    const t2 = performance.now();
    const check = await withCorp(siyu.ctx.db, CORP, async (tx) => {
      const { rows } = await sql<{ assigned: number; reminders: number; lo: number; hi: number }>`
        select (select count(*)::int from leads where corp_id = ${CORP} and status = 'assigned') as assigned,
               (select count(*)::int from lead_reminders where corp_id = ${CORP} and batch_id = ${id}::uuid) as reminders,
               (select min(n)::int from (select count(*) n from leads where corp_id = ${CORP} group by staff_userid) x) as lo,
               (select max(n)::int from (select count(*) n from leads where corp_id = ${CORP} group by staff_userid) x) as hi`.execute(
        tx,
      );
      return rows[0];
    });
    const total = (t2 - t0) / 1000;
    console.log(
      `  ${label}: ${N} rows, imported ${batch.imported}, rejected ${batch.failed} ${JSON.stringify(batch.errors)}; ` +
        `import ${((t1 - t0) / 1000).toFixed(2)} s, distribute ${((t2 - t1) / 1000).toFixed(2)} s; ` +
        `${check.assigned} assigned (per staff ${check.lo}..${check.hi}), ${check.reminders} reminders queued`,
    );
    if (check.assigned !== batch.imported || check.reminders !== STAFF || check.hi - check.lo > 1)
      throw new Error('distribution check failed');
    return [
      {
        name: `leads: import+distribute 100k over 200 staff (${label})`,
        value: Number(total.toFixed(2)),
        unit: 's',
        target: 20,
        pass: total < 20,
      },
      {
        name: `leads: import only (${label})`,
        value: Number(((t1 - t0) / 1000).toFixed(2)),
        unit: 's',
        target: null,
        pass: null,
      },
      {
        name: `leads: distribute + queue reminders (${label})`,
        value: Number(((t2 - t1) / 1000).toFixed(2)),
        unit: 's',
        target: null,
        pass: null,
      },
    ];
  } finally {
    await inst.stop();
  }
}

export async function run(): Promise<BenchRow[]> {
  const rows = await once('PGlite', null);
  if (process.env.BENCH_PG === '0') return rows;
  const server = startPostgres();
  if (!server) return rows;
  try {
    rows.push(...(await once('PostgreSQL', server.url)));
  } finally {
    server.stop();
  }
  return rows;
}
