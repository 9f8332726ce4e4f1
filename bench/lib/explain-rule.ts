// Prints EXPLAIN ANALYZE of a compiled rule against a database the segments bench kept (SEG_BENCH_REUSE_URL), as the
// app runs it (role siyu_app under RLS). Usage: tsx bench/lib/explain-rule.ts churn|nested [set|row] [list]
import pg from 'pg';
import { CompiledQuery, sql, Kysely, PostgresDialect } from 'kysely';
import { compileRule } from '../../server/src/modules/segments/compile-rule';
import { CHURN_RULE } from '../../server/src/modules/segments/seed-demo-segments';
import { NESTED_RULE } from '../segments.bench';

const url = process.env.SEG_BENCH_REUSE_URL;
if (!url) throw new Error('SEG_BENCH_REUSE_URL is required');
const CORP = 'wwbenchsegments';
const which = process.argv[2] ?? 'churn';
const mode = (process.argv[3] ?? 'set') as 'set' | 'row';
const rule = which === 'churn' ? CHURN_RULE : NESTED_RULE;
const pool = new pg.Pool({ connectionString: url, max: 1 });
const db = new Kysely<Record<string, never>>({ dialect: new PostgresDialect({ pool }) });
const match = compileRule(rule, { corpId: CORP, now: new Date(), mode });
const q = (process.argv[4] === 'list'
  ? sql`EXPLAIN (ANALYZE, BUFFERS) SELECT c.id FROM customers c WHERE c.corp_id = ${CORP} AND ${match} ORDER BY c.created_at DESC, c.id DESC LIMIT 20 OFFSET 80`
  : sql`EXPLAIN (ANALYZE, BUFFERS) SELECT count(*) FROM customers c WHERE c.corp_id = ${CORP} AND ${match}`
).compile(db);
const client = await pool.connect();
await client.query(`SET ROLE siyu_app; SET siyu.corp_id = '${CORP}'; SET work_mem = '128MB'`);
if (process.env.EXPLAIN_PRE) await client.query(process.env.EXPLAIN_PRE);
const res = await client.query(CompiledQuery.raw(q.sql, [...q.parameters]).sql, [...q.parameters]);
console.log(res.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n'));
client.release();
await pool.end();
