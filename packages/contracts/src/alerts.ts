// Route schemas of alerts (流失 / 复购预警) and the profile settings page they share with membership, shared by the
// server's routes and the console.
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Items, Nullable } from './common';
import { MembershipSettingsSchema } from './membership';

export const AlertKindSchema = Type.Union([Type.Literal('churn_deleted'), Type.Literal('churn_inactive'), Type.Literal('churn_rfm'), Type.Literal('repurchase')]);
export type AlertKind = Static<typeof AlertKindSchema>;
export const AlertStatusSchema = Type.Union([Type.Literal('open'), Type.Literal('done'), Type.Literal('dismissed')]);
export type AlertStatus = Static<typeof AlertStatusSchema>;

export const AlertItemSchema = Type.Object({
  id: Type.String(),
  kind: AlertKindSchema,
  status: AlertStatusSchema,
  /** what the alert is about within its kind (a repurchase's sku:… or category:…; '' otherwise) */
  subject: Type.String(),
  detail: Type.Record(Type.String(), Type.Unknown()),
  resolvedAt: Nullable(DateTime),
  resolvedReason: Nullable(Type.String()),
  createdAt: DateTime,
  notifiedAt: Nullable(DateTime),
  customerId: Type.String(),
  customerName: Type.String(),
  staffUserid: Nullable(Type.String()),
  staffName: Nullable(Type.String()),
});
export type AlertItem = Static<typeof AlertItemSchema>;
export const AlertPageSchema = Type.Object({
  items: Type.Array(AlertItemSchema),
  total: Type.Integer(),
  /** alerts of each kind in the asked status (for the tabs) */
  counts: Type.Object({ churn_deleted: Type.Integer(), churn_inactive: Type.Integer(), churn_rfm: Type.Integer(), repurchase: Type.Integer() }),
});
export type AlertPage = Static<typeof AlertPageSchema>;

export const AlertSettingsSchema = Type.Object({ inactiveDays: Type.Integer(), repurchaseFactor: Type.Number(), notifyStaff: Type.Boolean() });
export type AlertSettings = Static<typeof AlertSettingsSchema>;

/** GET /api/profile-settings: alert settings and the membership settings. */
export const ProfileSettingsSchema = Type.Composite([Type.Object({ alerts: AlertSettingsSchema }), MembershipSettingsSchema]);
export type ProfileSettings = Static<typeof ProfileSettingsSchema>;

export const RepurchaseCycleSchema = Type.Object({
  id: Type.String(),
  match: Type.Union([Type.Literal('sku'), Type.Literal('category')]),
  value: Type.String(),
  name: Type.String(),
  cycleDays: Type.Integer(),
  updatedAt: DateTime,
});
export type RepurchaseCycle = Static<typeof RepurchaseCycleSchema>;
export const RepurchaseCycleListSchema = Items(RepurchaseCycleSchema);
