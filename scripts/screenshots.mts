// Screenshots of console pages on a fresh demo, for a person to look at: npm run screenshots -- /channels /leads
// (build the console first: npm run build:web). PNGs go to /tmp/shots.
import { launchBrowser, startServer } from '../tests/browser/start-server';

const server = await startServer();
const browser = await launchBrowser();
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
await page.request.post(`${server.base}/api/auth/login`, {
  data: { email: 'admin@demo.siyu.local', password: 'siyu-demo-2026' },
});
for (let i = 0; i < 60; i++) {
  const runs = (await (await page.request.get(`${server.base}/api/wecom/sync`)).json()) as {
    runs: Array<{ status: string }>;
  };
  if (runs.runs.some((r) => r.status === 'done')) break;
  await page.waitForTimeout(500);
}
await page.waitForTimeout(8000);
for (const p of process.argv.slice(2)) {
  await page.goto(`${server.base}${p}`);
  await page.waitForTimeout(2500);
  await import('node:fs').then((fs) => fs.mkdirSync('/tmp/shots', { recursive: true }));
  await page.screenshot({ path: `/tmp/shots/${p.replace(/\W+/g, '_') || 'root'}.png` });
}
await browser.close();
await server.stop();
