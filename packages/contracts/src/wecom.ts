// Route schemas of the WeCom connection, its sync runs and the status banner (/api/wecom/*), shared by the server's
// routes and the console. The contact secret, app secret and callback AES key never leave: only whether each is set
// (has*) and a hint of the contact secret.
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Nullable } from './common';

export const WecomConnectionSchema = Type.Object({
  corpId: Nullable(Type.String()),
  agentId: Nullable(Type.String()),
  apiBase: Type.String(),
  /** the token WeCom signs callbacks with; the admin types the same one into WeCom's callback settings */
  callbackToken: Nullable(Type.String()),
  hasContactSecret: Type.Boolean(),
  hasAppSecret: Type.Boolean(),
  hasCallbackAesKey: Type.Boolean(),
  /** the contact secret's first 3 and last 2 characters ("abc…yz"), to tell which one is saved */
  contactSecretHint: Nullable(Type.String()),
  /** where WeCom sends this corp's callbacks */
  callbackUrl: Type.String(),
  connected: Type.Boolean(),
  callbackReady: Type.Boolean(),
});
export type WecomConnectionAnswer = Static<typeof WecomConnectionSchema>;

export const ConnectionTestStepSchema = Type.Object({ step: Type.String(), ok: Type.Boolean(), errcode: Type.Integer(), errmsg: Type.String() });
export const ConnectionTestSchema = Type.Object({
  ok: Type.Boolean(),
  errcode: Type.Integer(),
  errmsg: Type.String(),
  /** staff with the customer-contact permission, when the test got that far */
  followUsers: Nullable(Type.Integer()),
  steps: Type.Array(ConnectionTestStepSchema),
});
export type ConnectionTestAnswer = Static<typeof ConnectionTestSchema>;

export const SYNC_KINDS = ['full', 'reconcile'] as const;
export type SyncKind = (typeof SYNC_KINDS)[number];

const syncRunProperties = {
  id: Type.String(),
  kind: Type.Union(SYNC_KINDS.map((k) => Type.Literal(k))),
  status: Type.String(),
  /** who started it: `user:<id>`, or a timer */
  trigger: Type.String(),
  total: Type.Integer(),
  done: Type.Integer(),
  phase: Nullable(Type.String()),
  /** counts and warnings the run wrote as it went */
  report: Type.Record(Type.String(), Type.Unknown()),
  error: Nullable(Type.String()),
  createdAt: DateTime,
  startedAt: Nullable(DateTime),
  finishedAt: Nullable(DateTime),
};
export const SyncRunSchema = Type.Object(syncRunProperties);
export type SyncRunAnswer = Static<typeof SyncRunSchema>;
export const SyncRunListSchema = Type.Object({ runs: Type.Array(Type.Object({ ...syncRunProperties, progress: Type.Number({ minimum: 0, maximum: 1 }) })) });
export type SyncRunList = Static<typeof SyncRunListSchema>;

export const FeatureStatusSchema = Type.Object({
  feature: Type.String(),
  status: Type.Union([Type.Literal('ok'), Type.Literal('disabled')]),
  errcode: Nullable(Type.Integer()),
  api: Nullable(Type.String()),
  message: Nullable(Type.String()),
  updatedAt: DateTime,
});
export type FeatureStatusAnswer = Static<typeof FeatureStatusSchema>;

export const ParkedEventSchema = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  error: Nullable(Type.String()),
  attempts: Type.Integer(),
  receivedAt: DateTime,
  parkedAt: Nullable(DateTime),
});

export const WecomStatusSchema = Type.Object({
  connected: Type.Boolean(),
  features: Type.Array(FeatureStatusSchema),
  /** the features WeCom disabled (48009/48002) */
  warnings: Type.Array(FeatureStatusSchema),
  inbox: Type.Object({
    total: Type.Integer(),
    pending: Type.Integer(),
    failing: Type.Integer(),
    parked: Type.Integer(),
    lastReceivedAt: Nullable(DateTime),
    parkedEvents: Type.Array(ParkedEventSchema),
  }),
  lastRuns: Type.Array(SyncRunSchema),
});
export type WecomStatusAnswer = Static<typeof WecomStatusSchema>;
