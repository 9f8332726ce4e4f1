// Chromium's own renderers settle before a phone load is measured. A new browser context is a new desktop window, and
// Chromium does its window's work right after (its address bar's popups took 1-1.6 s of CPU in a renderer of their own
// before scripts/chromium-args.ts turned them off): on 2 cores that work would run during the measured load. A phone
// has nothing like it, so a load starts once the browser's renderers have been idle for a moment (or after `maxMs`).
import fs from 'node:fs';
import { cpuOfStat } from './cpu-meter';

/** CPU milliseconds of every Chromium renderer process on this machine. */
function renderersCpu(): number {
  let ms = 0;
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    let cmd = '';
    try {
      cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue; // ended meanwhile
    }
    if (cmd.includes('--type=renderer')) ms += cpuOfStat(`/proc/${pid}/stat`);
  }
  return ms;
}

/** Resolves once Chromium's renderers spent ≤ 10 ms of CPU in a 250 ms window (at most `maxMs`). */
export async function browserIdle(maxMs = 5000): Promise<void> {
  const end = Date.now() + maxMs;
  let last = renderersCpu();
  while (Date.now() < end) {
    await new Promise((r) => setTimeout(r, 250));
    const now = renderersCpu();
    if (now - last <= 10) return;
    last = now;
  }
}
