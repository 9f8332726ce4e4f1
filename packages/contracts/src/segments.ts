// Route schemas of segments and dynamic tags (/api/segments…), shared by the server's routes and the console.
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Items, Nullable } from './common';
import type { Rule } from './rules';

/** A stored rule in an answer: already validated, so it is passed through as it is (its schema is RuleSchema). */
export const StoredRule = Type.Unsafe<Rule>({
  type: 'object',
  additionalProperties: true,
  description: 'Segment rule tree (see SegmentRule): { all | any: [...] } | { not: rule } | leaf { kind, ... }',
});

export const SegmentSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  description: Type.String(),
  rule: StoredRule,
  kind: Type.Union([Type.Literal('segment'), Type.Literal('dynamic_tag')]),
  tagId: Nullable(Type.String()),
  active: Type.Boolean(),
  memberCount: Type.Integer(),
  refreshedAt: Nullable(DateTime),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type Segment = Static<typeof SegmentSchema>;
export const SegmentListSchema = Items(SegmentSchema);

export const SegmentPreviewSchema = Type.Object({
  count: Type.Integer(),
  sample: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      externalUserid: Nullable(Type.String()),
      avatar: Nullable(Type.String()),
    }),
  ),
});
export type SegmentPreview = Static<typeof SegmentPreviewSchema>;

export const SegmentMembersSchema = Type.Object({
  total: Type.Integer(),
  items: Type.Array(
    Type.Object({ id: Type.String(), name: Type.String(), externalUserid: Nullable(Type.String()), since: DateTime }),
  ),
});
export type SegmentMembers = Static<typeof SegmentMembersSchema>;

export const QueuedSchema = Type.Object({ queued: Type.Boolean() });

/** A refresh of the segments (all of them, by schedule or asked for), newest first in GET /api/segments/runs. */
export const SegmentRefreshRunSchema = Type.Object({
  id: Type.String(),
  status: Type.Union([Type.Literal('running'), Type.Literal('done'), Type.Literal('failed')]),
  trigger: Type.String(),
  total: Type.Integer(),
  done: Type.Integer(),
  entered: Type.Integer(),
  exited: Type.Integer(),
  error: Nullable(Type.String()),
  startedAt: DateTime,
  finishedAt: Nullable(DateTime),
});
export type SegmentRefreshRun = Static<typeof SegmentRefreshRunSchema>;
export const SegmentRefreshRunsSchema = Type.Object({ runs: Type.Array(SegmentRefreshRunSchema) });
