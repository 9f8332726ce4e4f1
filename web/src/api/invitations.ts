// Invitations: what an admin sends to add someone to the corp, and what the invitee answers (by link or signed in).
import { api } from './client';
import type { LoginResult, Role } from './auth';

export interface NewInvitation {
  email: string;
  name: string;
  role: Role;
  staffUserid?: string;
}

/** The same answer whether or not the email has an account. */
export interface InvitationSent {
  id: string;
  email: string;
  role: Role;
  status: 'pending';
  inviteUrl: string;
  expiresAt: string;
}

export interface PendingInvitation {
  id: string;
  email: string;
  name: string;
  role: Role;
  staffUserid: string | null;
  inviterName: string | null;
  createdAt: string;
  expiresAt: string;
  expired: boolean;
}

/** What the invitee sees: never whether the email has an account. */
export interface InvitationView {
  id: string;
  corpName: string;
  email: string;
  role: Role;
  inviterName: string | null;
  expiresAt: string;
}

const byToken = (token: string) => `/api/invitations/${encodeURIComponent(token)}`;

/** The server gives a path unless PUBLIC_URL is set; the link to share is always absolute. */
export function absoluteInviteUrl(url: string): string {
  return new URL(url, window.location.origin).toString();
}

export const invitationsApi = {
  invite: (invitation: NewInvitation) => api.post<InvitationSent>('/api/users', invitation),
  listPending: (signal?: AbortSignal) => api.get<{ items: PendingInvitation[] }>('/api/invitations', signal),
  relink: (id: string) => api.post<{ id: string; inviteUrl: string; expiresAt: string }>(`/api/invitations/${encodeURIComponent(id)}/link`),
  revoke: (id: string) => api.delete<void>(`/api/invitations/${encodeURIComponent(id)}`),
  view: (token: string, signal?: AbortSignal) => api.get<InvitationView>(byToken(token), signal),
  accept: (token: string, body: { password: string; name?: string }) => api.post<LoginResult>(`${byToken(token)}/accept`, body),
  decline: (token: string) => api.post<void>(`${byToken(token)}/decline`),
  mine: (signal?: AbortSignal) => api.get<{ items: InvitationView[] }>('/api/auth/invitations', signal),
  acceptMine: (id: string) => api.post<{ corpId: string }>(`/api/auth/invitations/${encodeURIComponent(id)}/accept`),
  declineMine: (id: string) => api.post<void>(`/api/auth/invitations/${encodeURIComponent(id)}/decline`),
};
