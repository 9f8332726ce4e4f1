// The console's one question about the signed-in role: may it do this? Answered from the permission names the
// server sends with the session (GET /api/auth/me → permissions), the same table the server's routes check.
import { useCallback } from 'react';
import type { Permission } from '@siyu/contracts';
import { useSession } from './session-context';

export type Can = (permission: Permission) => boolean;

/** `const can = useCan(); can('segments.write')` — false while signed out. */
export function useCan(): Can {
  const { me } = useSession();
  const granted = me?.permissions;
  return useCallback((permission: Permission) => granted?.includes(permission) ?? false, [granted]);
}
