import { createSiyu } from './app';
import { loadConfig } from './config';

const started = Date.now();
const config = loadConfig();
const siyu = await createSiyu(config);
await siyu.listen();
const url = `http://localhost:${config.port}`;
const lines = [
  '',
  `  Siyu is running at ${url}  (database: ${siyu.ctx.database.kind}, started in ${Date.now() - started} ms)`,
  `  API docs: ${url}/api/docs`,
];
if (siyu.demo) lines.push(`  Demo login: ${siyu.demo.email} / ${siyu.demo.password}`);
console.log(lines.join('\n') + '\n');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    siyu.stop().finally(() => process.exit(0));
  });
}
