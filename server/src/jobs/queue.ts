import { CompiledQuery } from 'kysely';
import PgBoss from 'pg-boss';
import { APP_ROLE, type Database } from '../db/database';
import type { Tx } from '../db/tenancy';
import type { Logger } from '../logger';

/** pg-boss's executor over the caller's transaction: a job written through it exists only if the transaction commits. */
function inTx(tx: Tx) {
  return { executeSql: async (text: string, values: unknown[]) => ({ rows: (await tx.executeQuery(CompiledQuery.raw(text, values))).rows }) };
}

export type JobHandler<T> = (data: T, meta: { id: string; retryCount: number }) => Promise<void>;

export type QueueOptions = {
  retryLimit?: number;
  retryDelaySeconds?: number;
  batchSize?: number;
  expireInSeconds?: number;
};

/** `singletonKey` with `singletonSeconds`: one job per key in each window of that many seconds (several processes). */
export type SendOptions = { startAfter?: Date | number; singletonKey?: string; singletonSeconds?: number; id?: string };

export type DeadJob = { id: string; queue: string; data: unknown; output: unknown; failedAt: Date | null; retryCount: number };

type Registration = { name: string; handler: JobHandler<never>; options: QueueOptions };

// Modules register handlers before start(); each queue gets retries with backoff and its own dead-letter queue.
export class JobQueue {
  private boss: PgBoss;
  private registrations: Registration[] = [];
  private started = false;

  constructor(
    private database: Database,
    private logger: Logger,
    private pollSeconds: number,
    connectionString: string | null,
  ) {
    const common = { schema: 'pgboss', supervise: true, maintenanceIntervalSeconds: 120, monitorStateIntervalSeconds: 60 };
    this.boss = connectionString
      ? new PgBoss({ ...common, connectionString, max: 4 })
      : new PgBoss({
          ...common,
          db: { executeSql: (text: string, values: unknown[]) => database.ownerSql(text, values) } as PgBoss.Db,
        });
    this.boss.on('error', (err) => this.logger.error({ err }, 'job queue error'));
  }

  register<T>(name: string, handler: JobHandler<T>, options: QueueOptions = {}): void {
    if (this.started) throw new Error(`queue ${name} registered after start`);
    this.registrations.push({ name, handler: handler as JobHandler<never>, options });
  }

  async start(): Promise<void> {
    await this.boss.start();
    // Jobs created inside tenant transactions (sendInTx) are inserted as the application role: it may read queue
    // settings and insert jobs, and read back only a job's id (pg-boss returns it); other corps' job data stay hidden.
    await this.database.ownerSql(`GRANT USAGE ON SCHEMA pgboss TO ${APP_ROLE}`);
    await this.database.ownerSql(`GRANT SELECT ON pgboss.queue TO ${APP_ROLE}`);
    await this.database.ownerSql(`GRANT INSERT, SELECT (id) ON pgboss.job TO ${APP_ROLE}`);
    for (const r of this.registrations) {
      const dead = `${r.name}.dead`;
      await this.boss.createQueue(dead, { name: dead, retentionDays: 30 });
      const queue = {
        name: r.name,
        retryLimit: r.options.retryLimit ?? 5,
        retryDelay: r.options.retryDelaySeconds ?? 2,
        retryBackoff: true,
        deadLetter: dead,
        expireInSeconds: r.options.expireInSeconds ?? 300,
      };
      if (await this.boss.getQueue(r.name)) await this.boss.updateQueue(r.name, queue);
      else await this.boss.createQueue(r.name, queue);
    }
    for (const r of this.registrations) {
      await this.boss.work<Record<string, unknown>>(
        r.name,
        { batchSize: r.options.batchSize ?? 1, pollingIntervalSeconds: this.pollSeconds, includeMetadata: true },
        async (jobs) => {
          for (const job of jobs) {
            await r.handler(job.data as never, { id: job.id, retryCount: job.retryCount });
          }
        },
      );
    }
    this.started = true;
  }

  /**
   * Creates a job inside the caller's transaction: it exists only if the transaction commits (pg-boss's `db` option
   * with the transaction as executor). The application role may insert jobs (granted at start).
   */
  async sendInTx<T extends object>(tx: Tx, name: string, data: T, options: SendOptions = {}): Promise<string | null> {
    const startAfter = typeof options.startAfter === 'number' ? new Date(options.startAfter) : options.startAfter;
    const db = inTx(tx);
    return this.boss.send(name, data, { startAfter, singletonKey: options.singletonKey, id: options.id, db } as PgBoss.SendOptions);
  }

  /**
   * Creates many jobs of one queue in the caller's transaction with one statement (pg-boss's `insert`); an id that
   * already exists is skipped. Queue settings (retries, expiry, dead letter) apply as for `send`.
   */
  async insertInTx<T extends object>(tx: Tx, name: string, jobs: Array<{ id: string; data: T; startAfter: Date }>): Promise<void> {
    if (jobs.length === 0) return;
    const db = inTx(tx);
    await this.boss.insert(
      jobs.map((j) => ({ id: j.id, name, data: j.data, startAfter: j.startAfter.toISOString() })),
      { db } as PgBoss.InsertOptions,
    );
  }

  /** Cancels a job that has not run yet (its work was done another way); a job already running is unaffected. */
  async cancel(name: string, ids: string[]): Promise<void> {
    await this.boss.cancel(name, ids);
  }

  get isStarted(): boolean {
    return this.started;
  }

  async send<T extends object>(name: string, data: T, options: SendOptions = {}): Promise<string | null> {
    const startAfter = typeof options.startAfter === 'number' ? new Date(options.startAfter) : options.startAfter;
    return this.boss.send(name, data, { startAfter, singletonKey: options.singletonKey, singletonSeconds: options.singletonSeconds, id: options.id });
  }

  async sizes(): Promise<Array<{ name: string; queued: number; dead: number }>> {
    const out = [];
    for (const r of this.registrations) {
      out.push({
        name: r.name,
        queued: await this.boss.getQueueSize(r.name),
        dead: await this.boss.getQueueSize(`${r.name}.dead`),
      });
    }
    return out;
  }

  // Dead letters for one corp: jobs whose retries ran out, copied by pg-boss into "<queue>.dead".
  async deadJobs(corpId: string, limit = 100): Promise<DeadJob[]> {
    const { rows } = await this.database.ownerSql(
      `SELECT id, name, data, output, completed_on, retry_count FROM pgboss.job
        WHERE name LIKE '%.dead' AND data->>'corpId' = $1 ORDER BY created_on DESC LIMIT $2`,
      [corpId, limit],
    );
    return (rows as Array<Record<string, unknown>>).map((r) => ({
      id: String(r.id),
      queue: String(r.name).replace(/\.dead$/, ''),
      data: r.data,
      output: r.output,
      failedAt: (r.completed_on as Date | null) ?? null,
      retryCount: Number(r.retry_count ?? 0),
    }));
  }

  // Re-sends a dead letter to its original queue and removes it from the dead-letter queue.
  async retryDead(corpId: string, id: string): Promise<boolean> {
    const dead = (await this.deadJobs(corpId, 1000)).find((j) => j.id === id);
    if (!dead) return false;
    await this.boss.send(dead.queue, dead.data as object);
    await this.boss.deleteJob(`${dead.queue}.dead`, id);
    return true;
  }

  async stop(): Promise<void> {
    await this.boss.stop({ graceful: true, wait: true, timeout: 5000, close: true });
  }
}
