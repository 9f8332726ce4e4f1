import type { Permission } from '@siyu/contracts';
import { api } from './client';

export type Role = 'admin' | 'operator' | 'staff' | 'analyst';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

export interface CorpRef {
  id: string;
  name: string;
}

export interface CorpMembership extends CorpRef {
  role: Role;
}

export interface Me {
  user: SessionUser;
  corp: CorpRef;
  corps: CorpMembership[];
  modules: string[];
  /** What this role may do here; read it through useCan(). */
  permissions: Permission[];
}

export interface LoginResult {
  user: SessionUser;
  corp: CorpRef;
}

export const authApi = {
  me: () => api.get<Me>('/api/auth/me'),
  login: (email: string, password: string) => api.post<LoginResult>('/api/auth/login', { email, password }),
  logout: () => api.post<void>('/api/auth/logout'),
  changePassword: (currentPassword: string, newPassword: string) =>
    api.post<void>('/api/auth/password', { currentPassword, newPassword }),
  switchCorp: (corpId: string) => api.post<Me>('/api/auth/switch-corp', { corpId }),
};
