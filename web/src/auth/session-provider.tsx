import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { authApi, type Me } from '../api/auth';
import { ApiError, setUnauthorizedHandler } from '../api/client';
import { SessionContext, type SessionContextValue, type SessionStatus } from './session-context';

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [status, setStatus] = useState<SessionStatus>('loading');

  const apply = useCallback((next: Me | null) => {
    setMe(next);
    setStatus(next ? 'authenticated' : 'anonymous');
  }, []);

  const refresh = useCallback(async () => {
    try {
      const next = await authApi.me();
      apply(next);
      return next;
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        apply(null);
        return null;
      }
      // server unreachable or broken: show the login page rather than a blank screen
      apply(null);
      throw err;
    }
  }, [apply]);

  useEffect(() => {
    // Any 401 from any call ends the session; the route guard then sends the user to /login.
    setUnauthorizedHandler(() => apply(null));
    refresh().catch(() => undefined);
    return () => setUnauthorizedHandler(null);
  }, [apply, refresh]);

  const login = useCallback(
    async (email: string, password: string) => {
      await authApi.login(email, password);
      const next = await authApi.me();
      apply(next);
      return next;
    },
    [apply],
  );

  const logout = useCallback(async () => {
    try {
      await authApi.logout();
    } finally {
      apply(null);
    }
  }, [apply]);

  const switchCorp = useCallback(
    async (corpId: string) => {
      const next = await authApi.switchCorp(corpId);
      apply(next);
      return next;
    },
    [apply],
  );

  const value = useMemo<SessionContextValue>(
    () => ({ status, me, login, logout, switchCorp, refresh }),
    [status, me, login, logout, switchCorp, refresh],
  );

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
