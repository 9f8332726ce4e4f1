import type { Kysely } from 'kysely';
import type { Config } from './config';
import type { Database } from './db/database';
import type { DB } from './db/schema';
import type { JobQueue } from './jobs/queue';
import type { Logger } from './logger';
import type { Metrics } from './http/metrics';

export type AppContext = {
  config: Config;
  logger: Logger;
  database: Database;
  db: Kysely<DB>;
  queue: JobQueue;
  metrics: Metrics;
};
