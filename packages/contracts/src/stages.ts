// Route schemas of pipelines and their stages (/api/pipelines…), shared by the server's routes and the console.
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Items, Nullable } from './common';
import { StoredRule } from './segments';

export const PipelineStageSchema = Type.Object({
  id: Type.String(),
  pipelineId: Type.String(),
  name: Type.String(),
  sortOrder: Type.Integer(),
  dwellDays: Nullable(Type.Integer()),
  remindHour: Nullable(Type.Integer()),
  /** the stage's entry rule (moves customers in when it matches) */
  rule: Nullable(StoredRule),
  customers: Type.Integer(),
});
export const PipelineSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  sortOrder: Type.Integer(),
  stages: Type.Array(PipelineStageSchema),
});
export type Pipeline = Static<typeof PipelineSchema>;
export const PipelineListSchema = Items(PipelineSchema);

/** The answer of POST /api/pipelines (its stages are read with GET /api/pipelines). */
export const CreatedPipelineSchema = Type.Object({ id: Type.String(), name: Type.String() });
/** The answer of POST /api/pipelines/:id/stages. */
export const CreatedStageSchema = Type.Object({ id: Type.String(), name: Type.String(), sortOrder: Type.Integer() });
/** The answer of DELETE /api/stages/:id: how many customers moved to the `reassignTo` stage. */
export const StageDeletedSchema = Type.Object({ moved: Type.Integer() });
/** The answer of PUT /api/customers/:id/stages/:pipelineId: false when the customer was already there. */
export const StageMovedSchema = Type.Object({ moved: Type.Boolean() });

/** One application of a pipeline's stage rules to every customer (asked for, or by the schedule); moves per stage, last stage first. */
export const StageRuleRunSchema = Type.Object({
  id: Type.String(),
  pipelineId: Type.String(),
  trigger: Type.Union([Type.Literal('manual'), Type.Literal('schedule')]),
  status: Type.Union([Type.Literal('queued'), Type.Literal('running'), Type.Literal('done'), Type.Literal('failed')]),
  total: Type.Integer(),
  done: Type.Integer(),
  moved: Type.Integer(),
  stages: Type.Array(Type.Object({ stageId: Type.String(), moved: Type.Integer() })),
  error: Nullable(Type.String()),
  createdAt: DateTime,
  finishedAt: Nullable(DateTime),
});
export type StageRuleRun = Static<typeof StageRuleRunSchema>;
export const StageRuleRunListSchema = Items(StageRuleRunSchema);

export const FunnelRowSchema = Type.Object({
  stageId: Type.String(),
  name: Type.String(),
  /** customers in the stage now */
  current: Type.Integer(),
  /** customers who ever entered it */
  entered: Type.Integer(),
  /** median stay of those who left it, in days */
  medianDays: Nullable(Type.Number()),
});
export type FunnelRow = Static<typeof FunnelRowSchema>;
export const FunnelSchema = Type.Object({ stages: Type.Array(FunnelRowSchema) });

export const StageHistoryItemSchema = Type.Object({
  pipelineId: Type.String(),
  fromStageId: Nullable(Type.String()),
  toStageId: Nullable(Type.String()),
  /** who moved the customer: manual, reassign, rule … */
  source: Type.String(),
  actorUserId: Nullable(Type.String()),
  movedAt: DateTime,
});
export type StageHistoryItem = Static<typeof StageHistoryItemSchema>;
export const StageHistorySchema = Items(StageHistoryItemSchema);
