// Issue 10 row "callback ack to applied p99 at 200 adds/s": new customers scan codes at a steady SPINE_LATENCY_RATE
// (default 200) adds/s for SPINE_LATENCY_SECONDS (default 30), alternately the channel code and participants'
// fission codes; the sandbox delivers each add as an encrypted callback to the real endpoint. Per add: from the
// moment the callback's HTTP answer arrived (lib/callback-relay.ts forwards the sandbox's callbacks side by side, as
// WeCom does) to its inbox row's processed_at.
// Cross-check: every 20th add is also polled for in customers (commit visible), every 50 ms.
// The scans go out from the WeCom thread (customers' phones are not on Siyu's event loop). While they go out, the bench
// prints what Siyu's event loop spent per add, how long it was ready but waited for a core (the machine's two cores are
// shared with PostgreSQL and the sandbox), and the loop's own delay.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { cpuWindow } from './lib/cpu-meter';
import { profiled } from './lib/cpu-profile';
import { pool, startSpineWorld } from './lib/spine-world';
import { percentile, repeat, type Figure } from './lib/spine-runs';
import type { BenchRow } from './types';

const RATE = Number(process.env.SPINE_LATENCY_RATE ?? 200);
const SECONDS = Number(process.env.SPINE_LATENCY_SECONDS ?? 30);
const WAIT_MS = Number(process.env.SPINE_LATENCY_WAIT_S ?? 120) * 1000;
const ADDS = RATE * SECONDS;
const SAMPLE_EVERY = 20;

const extOf = (xml: string) => /<ExternalUserID><!\[CDATA\[(.*?)\]\]><\/ExternalUserID>/.exec(xml)?.[1] ?? '';

async function once(serverUrl: string): Promise<Figure[]> {
  const w = await startSpineWorld(serverUrl, { participants: 100, fissionGoal: 20, baseCustomers: 0 });
  try {
    const corp = w.wecomCorpId;
    const exts: string[] = [];
    await pool(
      Array.from({ length: ADDS }, (_, i) => i),
      16,
      async (i) => void (exts[i] = await w.newCustomer(`L${i}`)),
    );
    const relayFrom = (await w.wecom.acks()).length;

    // Commit-visible cross-check on a sample, polled while the adds go out.
    const sampled = new Set(exts.filter((_, i) => i % SAMPLE_EVERY === 0));
    const seen = new Map<string, number>();
    let polling = true;
    const poller = (async () => {
      while (polling) {
        const pending = [...sampled].filter((e) => !seen.has(e));
        if (pending.length === 0) break;
        const { rows } = await w.db.query<{ external_userid: string }>(
          `SELECT external_userid FROM customers WHERE corp_id = $1 AND external_userid = ANY($2::text[])`,
          [w.corpId, pending],
        );
        const now = Date.now();
        for (const r of rows) seen.set(r.external_userid, now);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();

    const cpu = await cpuWindow(w.db);
    const loopDelay = monitorEventLoopDelay({ resolution: 1 });
    loopDelay.enable();
    const scans = exts.map((ext, i) => ({
      path: `/sandbox/corps/${corp}/scan-contact-way`,
      body: { external_userid: ext, config_id: i % 2 === 0 ? w.channelConfigId : w.fissionCodes[(i >> 1) % w.fissionCodes.length] },
    }));
    const sentSecs = await profiled('spine-latency', () => w.wecom.paced(scans, RATE));
    loopDelay.disable();
    const used = await cpu.stop();
    await w.flush();
    const deadline = Date.now() + WAIT_MS;
    while ((await w.pendingInbox()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    polling = false;
    await poller;

    const acks = new Map<string, number>();
    for (const c of (await w.wecom.acks()).slice(relayFrom)) {
      if (c.status !== 200) continue;
      const xml = w.decrypt(c);
      if (!xml.includes('<ChangeType><![CDATA[add_external_contact]]></ChangeType>')) continue;
      const ext = extOf(xml);
      if (!acks.has(ext)) acks.set(ext, c.ackAt);
    }
    const ackTimes = [...acks.values()];
    const ackRate = ackTimes.length / ((Math.max(...ackTimes) - Math.min(...ackTimes)) / 1000);
    const { rows } = await w.db.query<{ ext: string; at: Date | null }>(
      `SELECT payload->>'externalUserId' AS ext, processed_at AS at FROM wecom_inbox
        WHERE corp_id = $1 AND kind = 'add_external_contact' AND payload->>'externalUserId' = ANY($2::text[])`,
      [w.corpId, exts],
    );
    const applied = new Map(rows.map((r) => [r.ext, r.at ? r.at.getTime() : null]));
    const now = Date.now();
    let censored = 0;
    const lat: number[] = [];
    for (const ext of exts) {
      const ack = acks.get(ext);
      if (ack === undefined) continue;
      const at = applied.get(ext) ?? null;
      if (at === null) censored++;
      lat.push((at ?? now) - ack);
    }
    const polled = [...seen].filter(([ext]) => acks.has(ext)).map(([ext, t]) => t - (acks.get(ext) as number));
    const p = (q: number) => percentile(lat, q);
    console.log(
      `    ${ADDS} adds sent in ${sentSecs.toFixed(1)} s, ${acks.size} acknowledged at ${ackRate.toFixed(0)}/s; ack → processed_at ms: ` +
        `p50 ${p(50).toFixed(0)}, p95 ${p(95).toFixed(0)}, p99 ${p(99).toFixed(0)}, max ${Math.max(...lat).toFixed(0)}` +
        (censored
          ? `; ${censored} not applied ${WAIT_MS / 1000} s after the last callback was answered (counted as still waiting: lower bounds)`
          : '') +
        `; polled commit-visible (1 in ${SAMPLE_EVERY}, ${polled.length} seen): p50 ${percentile(polled, 50)?.toFixed(0)}, p99 ${percentile(polled, 99)?.toFixed(0)}`,
    );
    const ms = (ns: number) => (ns / 1e6).toFixed(1);
    console.log(
      `    while the adds went out (${sentSecs.toFixed(1)} s): Siyu's event loop ran ${(used.mainThreadMs / ADDS).toFixed(2)} ms per add ` +
        `and waited ${(used.mainThreadWaitMs / 1000).toFixed(1)} s for a core; PostgreSQL ${(used.postgresMs / ADDS).toFixed(2)} ms per add; ` +
        `loop delay p50 ${ms(loopDelay.percentile(50))}, p99 ${ms(loopDelay.percentile(99))}, max ${ms(loopDelay.max)} ms`,
    );
    const ok = censored === 0 && acks.size === ADDS;
    return [
      {
        key: 'p50',
        name: `callback ack to applied p50 at ${RATE} adds/s (ms)`,
        unit: 'ms',
        value: p(50),
        target: null,
        better: 'lower',
        ok,
      },
      {
        key: 'p95',
        name: `callback ack to applied p95 at ${RATE} adds/s (ms)`,
        unit: 'ms',
        value: p(95),
        target: null,
        better: 'lower',
        ok,
      },
      {
        key: 'p99',
        name: `callback ack to applied p99 at ${RATE} adds/s (ms)`,
        unit: 'ms',
        value: p(99),
        target: 1000,
        better: 'lower',
        ok,
      },
      {
        key: 'acks',
        name: `callbacks acknowledged per second during the ${SECONDS} s`,
        unit: 'req/s',
        value: ackRate,
        target: null,
        better: 'higher',
      },
    ];
  } finally {
    await w.stop();
  }
}

export async function run(): Promise<BenchRow[]> {
  return repeat('spine latency', once);
}
