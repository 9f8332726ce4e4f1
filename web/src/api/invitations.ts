// Invitations: what an admin sends to add someone to the corp, and what the invitee answers (by link or signed in).
import type { AcceptInvitation, InvitationAccepted, InvitationLink, InvitationSent, InvitationView, InvitationViewList, LoginResult, NewInvitation, PendingInvitationList } from '@siyu/contracts';
import { api } from './client';

export type { InvitationSent, InvitationView, NewInvitation, PendingInvitation } from '@siyu/contracts';

const byToken = (token: string) => `/api/invitations/${encodeURIComponent(token)}`;

/** The server gives a path unless PUBLIC_URL is set; the link to share is always absolute. */
export function absoluteInviteUrl(url: string): string {
  return new URL(url, window.location.origin).toString();
}

export const invitationsApi = {
  invite: (invitation: NewInvitation) => api.post<InvitationSent>('/api/users', invitation),
  listPending: (signal?: AbortSignal) => api.get<PendingInvitationList>('/api/invitations', signal),
  relink: (id: string) => api.post<InvitationLink>(`/api/invitations/${encodeURIComponent(id)}/link`),
  revoke: (id: string) => api.delete<void>(`/api/invitations/${encodeURIComponent(id)}`),
  view: (token: string, signal?: AbortSignal) => api.get<InvitationView>(byToken(token), signal),
  accept: (token: string, body: AcceptInvitation) => api.post<LoginResult>(`${byToken(token)}/accept`, body),
  decline: (token: string) => api.post<void>(`${byToken(token)}/decline`),
  mine: (signal?: AbortSignal) => api.get<InvitationViewList>('/api/auth/invitations', signal),
  acceptMine: (id: string) => api.post<InvitationAccepted>(`/api/auth/invitations/${encodeURIComponent(id)}/accept`),
  declineMine: (id: string) => api.post<void>(`/api/auth/invitations/${encodeURIComponent(id)}/decline`),
};
