// Route schemas of the job queue page (/api/jobs): queue sizes and a corp's dead letters, shared by the server's
// routes and the console.
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Nullable } from './common';

export const QueueSizeSchema = Type.Object({ name: Type.String(), queued: Type.Integer(), dead: Type.Integer() });
export type QueueSize = Static<typeof QueueSizeSchema>;

/** A job whose retries ran out; data and output are the job's own JSON, shown as is. */
export const DeadJobSchema = Type.Object({
  id: Type.String(),
  queue: Type.String(),
  data: Type.Unknown(),
  output: Type.Unknown(),
  failedAt: Nullable(DateTime),
  retryCount: Type.Integer(),
});
export type DeadJob = Static<typeof DeadJobSchema>;

export const JobsOverviewSchema = Type.Object({ queues: Type.Array(QueueSizeSchema), dead: Type.Array(DeadJobSchema) });
export type JobsOverview = Static<typeof JobsOverviewSchema>;

export const JobRetriedSchema = Type.Object({ retried: Type.Boolean() });
export type JobRetried = Static<typeof JobRetriedSchema>;
