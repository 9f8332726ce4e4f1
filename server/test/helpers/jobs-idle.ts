// Waits until the job queue has no job due now (created, retrying or running): work an earlier step queued (a segment
// fill, a stage-rule run, an effect) has finished, so a test's counts are not raced by it.
import type { TestApp } from './test-app';
import { until } from './until';

export async function jobsIdle(app: TestApp, ms = 60_000): Promise<void> {
  await until(
    'jobs due now to finish',
    async () => {
      const { rows } = await app.ctx.database.ownerSql(
        `select count(*)::int as n from pgboss.job where state in ('created', 'retry', 'active') and start_after < now() + interval '3 seconds'`,
      );
      return (rows[0] as { n: number }).n === 0;
    },
    ms,
    100,
  );
}
