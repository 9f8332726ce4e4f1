// Route schemas of the customer list and a customer's record (/api/customers, /api/customers/:id), shared by the
// server's routes and the console.
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Nullable } from './common';

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
  tagIds: Nullable(Type.Array(Type.String())),
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
