// Route schemas of membership (会员: points, growth, levels, RFM), shared by the server's routes and the console.
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Items, Nullable } from './common';

export const RfmSettingsSchema = Type.Object({
  recencyDays: Type.Array(Type.Number()),
  frequencyCounts: Type.Array(Type.Number()),
  monetaryAmounts: Type.Array(Type.Number()),
  windowDays: Type.Integer(),
});
export type RfmSettings = Static<typeof RfmSettingsSchema>;
/** The answer of PUT /api/profile-settings/rfm: customers whose class changed. */
export const RfmSavedSchema = Type.Object({ changed: Type.Integer() });

export const MembershipLevelSchema = Type.Object({ level: Type.Integer(), name: Type.String(), minGrowth: Type.Number() });
export type MembershipLevel = Static<typeof MembershipLevelSchema>;

export const PointsRuleSchema = Type.Object({
  id: Type.String(),
  /** the event type that earns (order.paid, follow.added …) */
  eventType: Type.String(),
  points: Type.Number(),
  pointsPerYuan: Type.Number(),
  growth: Type.Number(),
  growthPerYuan: Type.Number(),
  expiresDays: Nullable(Type.Integer()),
  enabled: Type.Boolean(),
});
export type PointsRule = Static<typeof PointsRuleSchema>;

/** The membership half of GET /api/profile-settings. */
export const MembershipSettingsSchema = Type.Object({
  rfm: RfmSettingsSchema,
  levels: Type.Array(MembershipLevelSchema),
  pointsRules: Type.Array(PointsRuleSchema),
  /** customers and amount per RFM class */
  rfmDistribution: Type.Array(Type.Object({ class: Type.String(), n: Type.Integer(), amount: Type.Number() })),
});

export const PointsLedgerEntrySchema = Type.Object({
  id: Type.Integer(),
  delta: Type.Number(),
  /** still to spend of a grant */
  remaining: Type.Number(),
  reason: Type.String(),
  expiresAt: Nullable(DateTime),
  createdAt: DateTime,
});
export type PointsLedgerEntry = Static<typeof PointsLedgerEntrySchema>;
export const PointsLedgerSchema = Items(PointsLedgerEntrySchema);

/** A customer's balance after POST /api/customers/:id/points. */
export const MembershipBalanceSchema = Type.Object({ points: Type.Number(), growth: Type.Number(), level: Type.Integer() });
export type MembershipBalance = Static<typeof MembershipBalanceSchema>;
