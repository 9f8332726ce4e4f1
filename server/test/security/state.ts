// "A refused request changed nothing": one corp's database rows and sandbox state as a digest, taken when the
// background (job queue, inbox worker — work started by earlier accepted requests) has gone quiet, and a comparison
// that names the tables that moved.
import { until } from '../helpers/until';
import { changedTables, type World } from './world';

export type Digest = { db: Record<string, string>; sandbox: string };

export async function digest(world: World, corpId: string): Promise<Digest> {
  return { db: await world.dbDigest(corpId), sandbox: world.sandboxDigest(corpId) };
}

export function diff(before: Digest, after: Digest): string[] {
  const tables = changedTables(before.db, after.db);
  return before.sandbox === after.sandbox ? tables : [...tables, 'sandbox state'];
}

/** Jobs due now (not the delayed reminders and reclaims days ahead) have all run. */
export async function jobsIdle(world: World, ms = 15_000): Promise<void> {
  await until(
    'jobs due now to finish',
    async () => {
      const { rows } = await world.app.ctx.database.ownerSql(
        `select count(*)::int as n from pgboss.job where state in ('created', 'retry', 'active') and start_after < now() + interval '3 seconds'`,
      );
      return (rows[0] as { n: number }).n === 0;
    },
    ms,
    100,
  ).catch(() => undefined);
}

/** Waits for the job queue, the sandbox's callbacks and the inbox, then until two digests agree; at most `ms`. */
export async function quietDigest(world: World, corpId: string, ms = 10_000): Promise<Digest> {
  const end = Date.now() + ms;
  await world.sandbox.flushCallbacks();
  await jobsIdle(world, ms);
  await world.app.wecom.inbox.idle();
  let prev = await digest(world, corpId);
  for (;;) {
    await new Promise((r) => setTimeout(r, 150));
    await jobsIdle(world, ms);
    const next = await digest(world, corpId);
    if (diff(prev, next).length === 0 || Date.now() > end) return next;
    prev = next;
  }
}
