// Issue 10 row "inbox drain with every module (ev/s)": the inbox worker is stopped, the sandbox sends a realistic mix
// of callbacks to the real endpoint (stored, not processed), then the worker starts and the clock runs until the
// inbox is empty. Every module is configured (see lib/spine-world.ts). PostgreSQL only.
// SPINE_DRAIN_EVENTS (default 3000) callbacks, SPINE_RUNS (default 3) runs.
import { pool, STAFF, startSpineWorld } from './lib/spine-world';
import { cpuWindow } from './lib/cpu-meter';
import { profiled } from './lib/cpu-profile';
import { repeat, type Figure } from './lib/spine-runs';
import type { BenchRow } from './types';

const EVENTS = Number(process.env.SPINE_DRAIN_EVENTS ?? 3000);
const UNITS = Math.ceil(EVENTS / 20);
const PARTICIPANTS = 20;

// One unit of 20 callbacks: 5 adds through the channel code (state), 2 through fission codes (state), 4 adds
// without state, 4 edits, 2 customers deleting their staff member, 2 group-chat events, 1 tag event.
async function once(serverUrl: string): Promise<Figure[]> {
  const deletions = UNITS * 2;
  const w = await startSpineWorld(serverUrl, {
    participants: PARTICIPANTS,
    fissionGoal: 5,
    baseCustomers: deletions + 300,
  });
  try {
    const corp = w.wecomCorpId;
    const staffOfBase = (j: number) => STAFF[(PARTICIPANTS + j) % STAFF.length];
    const fresh: string[] = [];
    await pool(
      Array.from({ length: UNITS * 11 }, (_, i) => i),
      16,
      async (i) => void (fresh[i] = await w.newCustomer(`N${i}`)),
    );
    await w.siyu.wecom.inbox.stop();
    let f = 0;
    let edits = 0;
    await pool(
      Array.from({ length: UNITS }, (_, u) => u),
      4,
      async (u) => {
        const mine = fresh.slice(u * 11, u * 11 + 11);
        f += mine.length;
        for (let k = 0; k < 5; k++)
          await w.sb(`/sandbox/corps/${corp}/scan-contact-way`, {
            external_userid: mine[k],
            config_id: w.channelConfigId,
          });
        for (let k = 5; k < 7; k++)
          await w.sb(`/sandbox/corps/${corp}/scan-contact-way`, {
            external_userid: mine[k],
            config_id: w.fissionCodes[(u + k) % PARTICIPANTS],
          });
        for (let k = 7; k < 11; k++)
          await w.sb(`/sandbox/corps/${corp}/add-friend`, {
            external_userid: mine[k],
            userid: STAFF[k % STAFF.length],
          });
        for (let k = 0; k < 4; k++) {
          const j = deletions + ((u * 4 + k) % 300);
          edits++;
          await w.sb(`/sandbox/corps/${corp}/edit-customer`, {
            external_userid: w.baseCustomers[j],
            userid: staffOfBase(j),
            remark: `r${u}-${k}`,
          });
        }
        for (let k = 0; k < 2; k++) {
          const j = u * 2 + k;
          await w.sb(`/sandbox/corps/${corp}/customer-deletes-staff`, {
            external_userid: w.baseCustomers[j],
            userid: staffOfBase(j),
          });
        }
        const g = await w.sb<{ group: { chat_id: string } }>(`/sandbox/corps/${corp}/groups`, {
          owner: STAFF[u % STAFF.length],
          name: `group ${u}`,
          members: [w.baseCustomers[deletions + (u % 300)], mine[0]],
        });
        await w.sb(`/sandbox/corps/${corp}/groups/${g.group.chat_id}/change`, { name: `group ${u} renamed` });
        await w.sb(`/sandbox/corps/${corp}/staff-tag-change`, {
          action: 'create',
          tag_type: 'tag_group',
          name: `tg${u}`,
          tags: [`t${u}`],
        });
      },
    );
    await w.flush();
    const { rows: kinds } = await w.db.query<{ kind: string; n: number }>(
      `SELECT kind, count(*)::int AS n FROM wecom_inbox WHERE corp_id = $1 AND processed_at IS NULL GROUP BY kind ORDER BY kind`,
      [w.corpId],
    );
    const n = kinds.reduce((s, k) => s + k.n, 0);
    const cpu = await cpuWindow(w.db);
    const t0 = performance.now();
    const wall0 = new Date();
    await profiled('spine-drain', async () => {
      w.siyu.wecom.inbox.start();
      await w.waitInboxEmpty(600_000);
    });
    const secs = (performance.now() - t0) / 1000;
    const { nodeMs, mainThreadMs, mainThreadWaitMs, postgresMs } = await cpu.stop();
    const { rows } = await w.db.query<{ errors: number; span: number }>(
      `SELECT count(*) FILTER (WHERE error IS NOT NULL)::int AS errors,
              extract(epoch FROM max(processed_at) - $2::timestamptz)::float AS span
         FROM wecom_inbox WHERE corp_id = $1 AND processed_at >= $2`,
      [w.corpId, wall0],
    );
    console.log(
      `    ${n} callbacks stored (${kinds.map((k) => `${k.kind} ${k.n}`).join(', ')}; ${f} new customers, ${edits} edits), ` +
        `drained in ${secs.toFixed(1)} s (last processed_at ${rows[0].span.toFixed(1)} s after start), ${rows[0].errors} with an error; ` +
        `CPU per 1,000 callbacks: Siyu's event loop ${((mainThreadMs * 1000) / n).toFixed(0)} ms (the whole bench process, with the sandbox's thread and GC, ` +
        `${((nodeMs * 1000) / n).toFixed(0)} ms), PostgreSQL ${((postgresMs * 1000) / n).toFixed(0)} ms; ` +
        `the loop waited ${(mainThreadWaitMs / 1000).toFixed(1)} s for a core`,
    );
    return [
      {
        key: 'drain',
        name: 'inbox drain with every module (ev/s)',
        unit: 'ev/s',
        value: n / secs,
        target: 1000,
        better: 'higher',
      },
    ];
  } finally {
    await w.stop();
  }
}

export async function run(): Promise<BenchRow[]> {
  return repeat('spine drain', once);
}
