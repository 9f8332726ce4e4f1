// Signing in and out and the signed-in user; the shapes are the routes' own (packages/contracts).
import type { LoginResult, Me } from '@siyu/contracts';
import { api } from './client';

export type { CorpMembership, CorpRef, LoginResult, Me, Role, SessionUser } from '@siyu/contracts';

export const authApi = {
  me: () => api.get<Me>('/api/auth/me'),
  login: (email: string, password: string) => api.post<LoginResult>('/api/auth/login', { email, password }),
  logout: () => api.post<void>('/api/auth/logout'),
  changePassword: (currentPassword: string, newPassword: string) =>
    api.post<void>('/api/auth/password', { currentPassword, newPassword }),
  switchCorp: (corpId: string) => api.post<Me>('/api/auth/switch-corp', { corpId }),
};
