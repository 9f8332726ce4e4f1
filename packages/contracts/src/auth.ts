// Route schemas of signing in and out, the signed-in user (/api/auth/*) and first-run setup (/api/setup), shared by
// the server's routes and the console. Password hashes and session tokens are in none of them: what a schema does
// not name never leaves (Fastify serializes with it).
import { Type, type Static } from '@sinclair/typebox';
import { PERMISSIONS, ROLES } from './permissions';

export const RoleSchema = Type.Union(ROLES.map((r) => Type.Literal(r)));

const Email = Type.String({ format: 'email', maxLength: 200 });
const Password = Type.String({ minLength: 1, maxLength: 200 });
/** A password being chosen (a new account, a change): at least 8 characters. */
const NewPassword = Type.String({ minLength: 8, maxLength: 200 });

export const LoginBody = Type.Object({ email: Email, password: Password }, { additionalProperties: false });
export type LoginInput = Static<typeof LoginBody>;

export const ChangePasswordBody = Type.Object({ currentPassword: Password, newPassword: NewPassword }, { additionalProperties: false });
export type ChangePasswordInput = Static<typeof ChangePasswordBody>;

export const SwitchCorpBody = Type.Object({ corpId: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });
export type SwitchCorpInput = Static<typeof SwitchCorpBody>;

export const SetupBody = Type.Object(
  { corpName: Type.String({ minLength: 1, maxLength: 100 }), email: Email, name: Type.String({ minLength: 1, maxLength: 100 }), password: NewPassword },
  { additionalProperties: false },
);
export type SetupInput = Static<typeof SetupBody>;

export const SessionUserSchema = Type.Object({ id: Type.String(), email: Type.String(), name: Type.String(), role: RoleSchema });
export type SessionUser = Static<typeof SessionUserSchema>;

export const CorpRefSchema = Type.Object({ id: Type.String(), name: Type.String() });
export type CorpRef = Static<typeof CorpRefSchema>;

export const CorpMembershipSchema = Type.Object({ id: Type.String(), name: Type.String(), role: RoleSchema });
export type CorpMembership = Static<typeof CorpMembershipSchema>;

/** The answer of signing in (by password or by accepting an invitation): who, in which corp. */
export const LoginResultSchema = Type.Object({ user: SessionUserSchema, corp: CorpRefSchema });
export type LoginResult = Static<typeof LoginResultSchema>;

export const MeSchema = Type.Object({
  user: SessionUserSchema,
  corp: CorpRefSchema,
  corps: Type.Array(CorpMembershipSchema),
  modules: Type.Array(Type.String()),
  /** What the user's role may do in this corp (packages/contracts permissions); the console hides the rest. */
  permissions: Type.Array(Type.Union(PERMISSIONS.map((p) => Type.Literal(p)))),
});
export type Me = Static<typeof MeSchema>;

export const SetupStatusSchema = Type.Object({ needsSetup: Type.Boolean() });
export type SetupStatus = Static<typeof SetupStatusSchema>;

export const SetupCreatedSchema = Type.Object({ corpId: Type.String() });
export type SetupCreated = Static<typeof SetupCreatedSchema>;
