// Route schemas of the customer list and a customer's record (/api/customers, /api/customers/:id), shared by the
// server's routes and the console.
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Nullable } from './common';

/**
 * Where a follow came from, by its WeCom `state`: a channel code, a fission participant's code (the campaign's name)
 * or a group code, by name; `other` for a state Siyu did not make (the console shows "其他来源 (state)").
 */
export const AttributionSchema = Type.Object({
  kind: Type.Union([Type.Literal('channel'), Type.Literal('fission'), Type.Literal('group_code'), Type.Literal('other')]),
  name: Nullable(Type.String()),
  state: Type.String(),
});
export type Attribution = Static<typeof AttributionSchema>;

export const CustomerListItemSchema = Type.Object({
  id: Type.String(),
  externalUserid: Nullable(Type.String()),
  name: Type.String(),
  avatar: Nullable(Type.String()),
  gender: Nullable(Type.Integer()),
  phone: Nullable(Type.String()),
  /** userids of the staff who currently follow the customer */
  owners: Type.Array(Type.String()),
  createdAt: DateTime,
});
export type CustomerListItem = Static<typeof CustomerListItemSchema>;
export const CustomerListSchema = Type.Object({ items: Type.Array(CustomerListItemSchema), total: Type.Integer() });

export const CustomerFollowSchema = Type.Object({
  staffUserid: Type.String(),
  staffName: Nullable(Type.String()),
  remark: Nullable(Type.String()),
  description: Nullable(Type.String()),
  addWay: Nullable(Type.Integer()),
  state: Nullable(Type.String()),
  /** The state's channel code, fission campaign or group code by name; null without a state. */
  attribution: Type.Optional(Nullable(AttributionSchema)),
  tagIds: Nullable(Type.Array(Type.String())),
  /** the phone numbers the staff member noted for the customer (WeCom remark_mobiles), masked unless the role may see phones */
  remarkMobiles: Type.Array(Type.String()),
  followedAt: DateTime,
  deletedAt: Nullable(DateTime),
  deletedBy: Type.Union([Type.Literal('staff'), Type.Literal('customer'), Type.Null()]),
});
export type CustomerFollow = Static<typeof CustomerFollowSchema>;

export const CustomerDetailSchema = Type.Object({
  id: Type.String(),
  externalUserid: Nullable(Type.String()),
  name: Type.String(),
  avatar: Nullable(Type.String()),
  /** 1 WeChat user, 2 WeCom user */
  type: Nullable(Type.Integer()),
  gender: Nullable(Type.Integer()),
  unionid: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  corpName: Nullable(Type.String()),
  createdAt: DateTime,
  follows: Type.Array(CustomerFollowSchema),
});
export type CustomerDetail = Static<typeof CustomerDetailSchema>;
