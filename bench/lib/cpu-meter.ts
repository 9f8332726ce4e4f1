// CPU spent on a measured window, by Siyu's process and by the PostgreSQL backends serving the bench's database (read
// from /proc, so only for a server on this machine). On a shared, busy machine wall-clock rates swing with the load;
// CPU per event moves much less, so the spine benches print both.
import fs from 'node:fs';
import type pg from 'pg';

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** CPU ms in a /proc stat file (a process's, or one thread's under task/). */
export function cpuOfStat(file: string): number {
  try {
    const st = fs.readFileSync(file, 'utf8');
    const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * TICK_MS;
  } catch {
    return 0; // ended, or not on this machine
  }
}

async function backends(db: pg.Pool): Promise<number[]> {
  const { rows } = await db.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`);
  return rows.map((r) => r.pid);
}

export type CpuWindow = {
  stop(): Promise<{ nodeMs: number; mainThreadMs: number; mainThreadWaitMs: number; postgresMs: number }>;
};

// The bench process's main thread (Siyu's event loop; its thread id is the process id), without the sandbox's thread.
const mainThread = () => cpuOfStat(`/proc/self/task/${process.pid}/stat`);

/** How long the main thread was ready to run but waited for a core (ms; schedstat's second field, in ns). */
function mainThreadWait(): number {
  try {
    return Number(fs.readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[1]) / 1e6;
  } catch {
    return 0; // no schedstats in this kernel
  }
}

/** Starts measuring; `stop` gives the CPU milliseconds spent since (backends that ended meanwhile are not counted). */
export async function cpuWindow(db: pg.Pool): Promise<CpuWindow> {
  const node0 = process.cpuUsage();
  const main0 = mainThread();
  const wait0 = mainThreadWait();
  const before = new Map((await backends(db)).map((pid) => [pid, cpuOfStat(`/proc/${pid}/stat`)]));
  return {
    async stop() {
      const node = process.cpuUsage(node0);
      let postgresMs = 0;
      for (const pid of await backends(db)) postgresMs += cpuOfStat(`/proc/${pid}/stat`) - (before.get(pid) ?? 0);
      return {
        nodeMs: (node.user + node.system) / 1000,
        mainThreadMs: mainThread() - main0,
        mainThreadWaitMs: mainThreadWait() - wait0,
        postgresMs,
      };
    },
  };
}
