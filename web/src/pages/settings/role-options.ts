import type { Role } from '../../api/auth';
import type { Translate } from '../../i18n/messages';

export const ROLES: readonly Role[] = ['admin', 'operator', 'staff', 'analyst'];

export function roleOptions(t: Translate): { value: Role; label: string }[] {
  return ROLES.map((role) => ({ value: role, label: t(`role.${role}`) }));
}
