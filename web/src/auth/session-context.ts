import { createContext, useContext } from 'react';
import type { Me } from '../api/auth';

export type SessionStatus = 'loading' | 'authenticated' | 'anonymous';

export interface SessionContextValue {
  status: SessionStatus;
  me: Me | null;
  /** Logs in, then loads the full session (/me). Throws ApiError on failure. */
  login: (email: string, password: string) => Promise<Me>;
  logout: () => Promise<void>;
  switchCorp: (corpId: string) => Promise<Me>;
  refresh: () => Promise<Me | null>;
}

export const SessionContext = createContext<SessionContextValue | null>(null);

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}

/** Narrowed access for pages that only render when logged in. */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe used outside an authenticated route');
  return me;
}
