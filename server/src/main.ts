import { createSiyu } from './app';
import { loadConfig } from './config';
import { startDemoSandbox } from './modules/demo';

const started = Date.now();
const config = loadConfig();
// What start-up is doing, a line per step, so a first start (database, demo sync) is never a silent minute.
const step = (text: string) => console.log(`  ${text} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
step(config.databaseUrl ? 'Starting Siyu: connecting to PostgreSQL and applying migrations …' : `Starting Siyu: opening the embedded database in ${config.dataDir} and applying migrations …`);
const siyu = await createSiyu(config);
step('Database ready, modules and job queue started');
await siyu.listen();
const url = `http://localhost:${config.port}`;
step(`Listening on ${url}`);
if (siyu.demo && config.sandbox) step('Demo: starting the WeCom sandbox, connecting the demo corp and syncing its staff and customers …');
const sandbox = siyu.demo && config.sandbox ? await startDemoSandbox(siyu, `http://127.0.0.1:${config.port}`) : null;
const lines = [
  '',
  `  Siyu is running at ${url}  (database: ${siyu.ctx.database.kind}, started in ${Date.now() - started} ms)`,
  `  API docs: ${url}/api/docs`,
];
if (siyu.demo) lines.push(`  Demo login: ${siyu.demo.email} / ${siyu.demo.password}`);
if (sandbox) lines.push(`  WeCom sandbox: ${sandbox.url}/sandbox  (be a customer: scan codes, add staff, join groups)`);
console.log(lines.join('\n') + '\n');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    Promise.allSettled([sandbox?.close(), siyu.stop()]).finally(() => process.exit(0));
  });
}
