// Route schemas of group codes (群活码, /api/group-codes…), shared by the server's routes and the console.
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Items, Nullable } from './common';
import { StatsRangeSchema } from './channels';

export const GroupCodeSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  /** the WeCom `state` joins carry */
  state: Type.String(),
  configId: Nullable(Type.String()),
  qrCode: Nullable(Type.String()),
  chatIds: Type.Array(Type.String()),
  autoCreateRoom: Type.Boolean(),
  roomBaseName: Nullable(Type.String()),
  roomBaseId: Type.Integer(),
  createdAt: DateTime,
});
export type GroupCode = Static<typeof GroupCodeSchema>;

/** A group a code sends people to; dismissed groups stay listed with their date. */
export const GroupCodeGroupSchema = Type.Object({
  chatId: Type.String(),
  name: Type.String(),
  memberCount: Type.Integer(),
  dismissedAt: Nullable(DateTime),
});
export const GroupCodeListItemSchema = Type.Composite([
  GroupCodeSchema,
  Type.Object({ joins: Type.Object({ total: Type.Integer(), today: Type.Integer() }), groups: Type.Array(GroupCodeGroupSchema) }),
]);
export type GroupCodeListItem = Static<typeof GroupCodeListItemSchema>;
export const GroupCodeListSchema = Items(GroupCodeListItemSchema);

/** A live customer group a code can send people to. */
export const GroupOptionSchema = Type.Object({ chatId: Type.String(), name: Type.String(), owner: Nullable(Type.String()), memberCount: Type.Integer() });
export type GroupOption = Static<typeof GroupOptionSchema>;
export const GroupOptionsSchema = Items(GroupOptionSchema);

export const GroupCodeStatsSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  range: StatsRangeSchema,
  joins: Type.Integer(),
  days: Type.Array(Type.Object({ day: Type.String(), joins: Type.Integer() })),
});
export type GroupCodeStats = Static<typeof GroupCodeStatsSchema>;
