// Issue 10 row "fission adds applied end to end (adds/s)": a fission campaign with every other module configured;
// a burst of SPINE_FISSION_ADDS (default 5,000) new customers scanning participants' codes in the sandbox, which
// sends each add as an encrypted callback to the real endpoint, plus 10 % repeat scans. The clock runs from the
// first scan until every add has a fission_adds row. Rewards must be granted exactly once per participant.
import { pool, startSpineWorld } from './lib/spine-world';
import { cpuWindow } from './lib/cpu-meter';
import { profiled } from './lib/cpu-profile';
import { repeat, type Figure } from './lib/spine-runs';
import type { BenchRow } from './types';

const ADDS = Number(process.env.SPINE_FISSION_ADDS ?? 5000);
const PARTICIPANTS = 100;
const GOAL = 20;
const DUPLICATES = Math.round(ADDS / 10);
// Scans go round the participants, so participant p gets ADDS / PARTICIPANTS credits (one more for the first ADDS %
// PARTICIPANTS); every participant who reaches the goal is rewarded exactly once.
const REWARDS = Array.from(
  { length: PARTICIPANTS },
  (_, p) => Math.floor(ADDS / PARTICIPANTS) + (p < ADDS % PARTICIPANTS ? 1 : 0),
).filter((credits) => credits >= GOAL).length;
const TIMEOUT_MS = Number(process.env.SPINE_FISSION_TIMEOUT_S ?? 600) * 1000;

async function once(serverUrl: string): Promise<Figure[]> {
  const w = await startSpineWorld(serverUrl, { participants: PARTICIPANTS, fissionGoal: GOAL, baseCustomers: 0 });
  try {
    const corp = w.wecomCorpId;
    const invitees: string[] = [];
    await pool(
      Array.from({ length: ADDS }, (_, i) => i),
      16,
      async (i) => void (invitees[i] = await w.newCustomer(`B${i}`)),
    );
    const scans = invitees.map((ext, i) => ({ ext, code: w.fissionCodes[i % PARTICIPANTS] }));
    for (let i = 0; i < DUPLICATES; i++)
      scans.push({ ext: invitees[i * 7], code: w.fissionCodes[(i * 7) % PARTICIPANTS] });
    const count = async () =>
      Number(
        (await w.db.query(`SELECT count(*)::int AS n FROM fission_adds WHERE corp_id = $1`, [w.corpId])).rows[0].n,
      );

    const cpu = await cpuWindow(w.db);
    const t0 = performance.now();
    const { tScans, tAcked } = await profiled('spine-fission', async () => {
      await w.wecom.posts(
        scans.map((s) => ({ path: `/sandbox/corps/${corp}/scan-contact-way`, body: { external_userid: s.ext, config_id: s.code } })),
        16,
      );
      const sent = performance.now();
      await w.flush();
      const acked = performance.now();
      while ((await count()) < scans.length) {
        if (performance.now() - t0 > TIMEOUT_MS)
          throw new Error(`timed out: ${await count()} of ${scans.length} adds applied`);
        await new Promise((r) => setTimeout(r, 100));
      }
      return { tScans: sent, tAcked: acked };
    });
    const secs = (performance.now() - t0) / 1000;
    const { nodeMs, mainThreadMs, mainThreadWaitMs, postgresMs } = await cpu.stop();
    const { rows } = await w.db.query<Record<string, number>>(
      `SELECT (SELECT count(*)::int FROM fission_adds WHERE corp_id = $1 AND outcome = 'counted') AS counted,
              (SELECT count(*)::int FROM fission_adds WHERE corp_id = $1 AND outcome = 'duplicate') AS duplicates,
              (SELECT coalesce(sum(credits), 0)::int FROM fission_participants WHERE corp_id = $1) AS credits,
              (SELECT count(*)::int FROM fission_rewards WHERE corp_id = $1) AS rewards,
              (SELECT count(DISTINCT participant_id)::int FROM fission_rewards WHERE corp_id = $1) AS rewarded,
              (SELECT count(*)::int FROM fission_reward_codes WHERE corp_id = $1 AND participant_id IS NOT NULL) AS codes`,
      [w.corpId],
    );
    const r = rows[0];
    const exact =
      r.counted === ADDS &&
      r.credits === ADDS &&
      r.duplicates === DUPLICATES &&
      r.rewards === REWARDS &&
      r.rewarded === REWARDS &&
      r.codes === REWARDS;
    console.log(
      `    ${scans.length} scans (${ADDS} new + ${DUPLICATES} repeats) sent in ${((tScans - t0) / 1000).toFixed(1)} s, acknowledged by ${((tAcked - t0) / 1000).toFixed(1)} s, ` +
        `all applied in ${secs.toFixed(1)} s; counted ${r.counted}/${ADDS}, duplicates ${r.duplicates}/${DUPLICATES}, credits ${r.credits}/${ADDS}, ` +
        `rewards ${r.rewards}/${REWARDS} (participants rewarded ${r.rewarded}), codes issued ${r.codes}/${REWARDS}${exact ? '' : ' — NOT EXACTLY ONCE'}; ` +
        `CPU per add: Siyu's event loop ${(mainThreadMs / scans.length).toFixed(2)} ms (bench process ${(nodeMs / scans.length).toFixed(2)} ms), PostgreSQL ${(postgresMs / scans.length).toFixed(2)} ms; the loop waited ${(mainThreadWaitMs / 1000).toFixed(1)} s for a core`,
    );
    return [
      {
        key: 'rate',
        name: `fission adds applied end to end (adds/s), ${ADDS} adds`,
        unit: 'adds/s',
        value: ADDS / secs,
        target: 500,
        better: 'higher',
        ok: exact,
      },
      {
        key: 'rewards',
        name: `fission rewards granted (expected ${REWARDS}, exactly once)`,
        unit: 'grants',
        value: r.rewards,
        target: REWARDS,
        better: 'higher',
        ok: exact,
      },
    ];
  } finally {
    await w.stop();
  }
}

export async function run(): Promise<BenchRow[]> {
  return repeat('spine fission', once);
}
