// Who may call a route: what a route declares ('public', 'authenticated', or one named permission) and the one rule
// that turns a declaration into the roles it lets in, read from the shared role → permissions table.
import { can, rolesWith, type Permission, type Role } from '@siyu/contracts';

export type Access = 'public' | 'authenticated' | { readonly permission: Permission };
/** The roles a declaration lets in: nobody needs a session ('public'), any role, or these roles. */
export type AllowedRoles = 'public' | 'authenticated' | readonly Role[];

export function allowedRoles(access: Access): AllowedRoles {
  return typeof access === 'string' ? access : rolesWith(access.permission);
}

/** Whether a signed-in role passes a declaration (a 'public' route needs no role at all). */
export function allows(access: Access, role: Role): boolean {
  return typeof access === 'string' || can(role, access.permission);
}
