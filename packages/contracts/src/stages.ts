// Route schemas of pipelines and their stages (/api/pipelines…), shared by the server's routes and the console.
import { Type, type Static } from '@sinclair/typebox';
import { Items, Nullable } from './common';
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
