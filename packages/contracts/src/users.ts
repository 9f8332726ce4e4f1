// Route schemas of a corp's users and their invitations (/api/users, /api/invitations, /api/auth/invitations),
// shared by the server's routes and the console. Invitation tokens are never stored, and their hashes never leave:
// only the link made when the token is made (inviteUrl) is answered.
import { Type, type Static } from '@sinclair/typebox';
import { RoleSchema } from './auth';
import { DateTime, Items, Nullable } from './common';

export const UserIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

/** Changing a member: their role, or the WeCom staff member they are (null unlinks). */
export const UpdateUserBody = Type.Object(
  { role: Type.Optional(RoleSchema), staffUserid: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 64 }))) },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateUser = Static<typeof UpdateUserBody>;

export const InvitationBody = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 200 }),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    role: RoleSchema,
    staffUserid: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  },
  { additionalProperties: false },
);
export type NewInvitation = Static<typeof InvitationBody>;

export const InvitationTokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 100 }) });

/** Accepting by the link: the password of the existing account, or the new account's (name optional). */
export const AcceptInvitationBody = Type.Object(
  { name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })), password: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);
export type AcceptInvitation = Static<typeof AcceptInvitationBody>;

export const CorpUserSchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  staffUserid: Nullable(Type.String()),
  createdAt: DateTime,
});
export type CorpUser = Static<typeof CorpUserSchema>;
export const CorpUserListSchema = Items(CorpUserSchema);
export type CorpUserList = Static<typeof CorpUserListSchema>;

/** The answer to an invitation: this shape and status whether or not the email has an account or is a member. */
export const InvitationSentSchema = Type.Object(
  { id: Type.String(), email: Type.String(), role: RoleSchema, status: Type.Literal('pending'), inviteUrl: Type.String(), expiresAt: DateTime },
  { additionalProperties: false },
);
export type InvitationSent = Static<typeof InvitationSentSchema>;

/** A pending invitation as the admin lists it. */
export const PendingInvitationSchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  staffUserid: Nullable(Type.String()),
  inviterName: Nullable(Type.String()),
  createdAt: DateTime,
  expiresAt: DateTime,
  expired: Type.Boolean(),
});
export type PendingInvitation = Static<typeof PendingInvitationSchema>;
export const PendingInvitationListSchema = Items(PendingInvitationSchema);
export type PendingInvitationList = Static<typeof PendingInvitationListSchema>;

/** A fresh link for a pending invitation (the old one stops working). */
export const InvitationLinkSchema = Type.Object({ id: Type.String(), inviteUrl: Type.String(), expiresAt: DateTime });
export type InvitationLink = Static<typeof InvitationLinkSchema>;

/** What the invitee sees: never whether the email has an account. */
export const InvitationViewSchema = Type.Object({
  id: Type.String(),
  corpName: Type.String(),
  email: Type.String(),
  role: RoleSchema,
  inviterName: Nullable(Type.String()),
  expiresAt: DateTime,
});
export type InvitationView = Static<typeof InvitationViewSchema>;
export const InvitationViewListSchema = Items(InvitationViewSchema);
export type InvitationViewList = Static<typeof InvitationViewListSchema>;

export const InvitationAcceptedSchema = Type.Object({ corpId: Type.String() });
export type InvitationAccepted = Static<typeof InvitationAcceptedSchema>;
