// Route schemas of staff (员工, synced from WeCom: /api/staff…), shared by the server's routes and the console.
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Nullable } from './common';

export const StaffListItemSchema = Type.Object({
  userid: Type.String(),
  name: Type.String(),
  departmentIds: Type.Array(Type.Integer()),
  /** WeCom member status: 1 active, 2 disabled, 4 not activated, 5 left */
  status: Type.Integer(),
  isFollowUser: Type.Boolean(),
  /** customers the member follows now */
  customerCount: Type.Integer(),
});
export type StaffListItem = Static<typeof StaffListItemSchema>;
export const StaffPageSchema = Type.Object({ items: Type.Array(StaffListItemSchema), total: Type.Integer() });

export const StaffMemberSchema = Type.Object({
  userid: Type.String(),
  name: Type.String(),
  departmentIds: Type.Array(Type.Integer()),
  mobile: Nullable(Type.String()),
  status: Type.Integer(),
  isFollowUser: Type.Boolean(),
  updatedAt: DateTime,
});
export type StaffMember = Static<typeof StaffMemberSchema>;
