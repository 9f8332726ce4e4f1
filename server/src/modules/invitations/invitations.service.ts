// Adding someone to a corp: the admin creates an invitation and gets a link; the account's owner accepts (with the
// account's password, or by choosing one when the email has no account) or declines. What the admin sees never
// depends on whether the email already has an account, so an invitation can neither capture nor probe one.
import type { NewInvitation } from '@siyu/contracts';
import type { AppContext } from '../../context';
import { setCorp, withCorp, withInvitee, type Tx } from '../../db/tenancy';
import type { AuthContext } from '../../http/access';
import { DomainError } from '../../http/errors';
import { writeAudit } from '../audit';
import { type AuthService, hashPassword, normaliseEmail } from '../auth';
import { INVITATION_TTL_MS, hashInviteToken, inviteUrl, newInviteToken } from './invite-token';
import * as repo from './invitations.repo';

type Auth = Pick<AuthService, 'limiter' | 'checkPassword' | 'openSession'>;

const MIN_PASSWORD = 8;

function adminView(inv: repo.Invitation, now: Date) {
  return {
    id: inv.id,
    email: inv.email,
    name: inv.name,
    role: inv.role,
    staffUserid: inv.staffUserid,
    inviterName: inv.inviterName,
    createdAt: inv.createdAt,
    expiresAt: inv.expiresAt,
    expired: inv.expiresAt <= now,
  };
}

function usable(inv: repo.Invitation | undefined): repo.Invitation {
  if (!inv || inv.status !== 'pending' || inv.expiresAt <= new Date()) throw new DomainError('invitation_invalid');
  return inv;
}

export function createInvitationsService(ctx: AppContext, auth: Auth) {
  const { db } = ctx;
  const link = (token: string) => inviteUrl(ctx.config.publicUrl, token);

  // Inside the invitation's corp: ends the invitation and adds the account, unless it is a member already.
  async function join(tx: Tx, inv: repo.Invitation, userId: string): Promise<void> {
    await setCorp(tx, inv.corpId);
    if (!(await repo.decide(tx, inv.corpId, inv.id, 'accepted'))) throw new DomainError('invitation_invalid');
    const member = await repo.isMember(tx, inv.corpId, userId);
    if (!member) await repo.insertMembership(tx, { corpId: inv.corpId, userId, role: inv.role, staffUserid: inv.staffUserid });
    await writeAudit(tx, { corpId: inv.corpId, actorUserId: userId, action: 'invitation.accept', target: inv.id, detail: { role: inv.role, wasMember: member } });
  }

  async function decline(tx: Tx, inv: repo.Invitation, actorUserId: string | null): Promise<void> {
    await setCorp(tx, inv.corpId);
    if (!(await repo.decide(tx, inv.corpId, inv.id, 'declined'))) throw new DomainError('invitation_invalid');
    await writeAudit(tx, { corpId: inv.corpId, actorUserId, action: 'invitation.decline', target: inv.id });
  }

  async function inviteeView(tx: Tx, inv: repo.Invitation) {
    await setCorp(tx, inv.corpId);
    return { id: inv.id, corpName: await repo.corpName(tx, inv.corpId), email: inv.email, role: inv.role, inviterName: inv.inviterName, expiresAt: inv.expiresAt };
  }

  async function myEmail(a: AuthContext): Promise<string> {
    const email = await withCorp(db, a.corpId, (tx) => repo.userEmail(tx, a.userId));
    if (!email) throw new DomainError('unauthenticated');
    return email;
  }

  return {
    /** The same answer whoever the email belongs to: no account lookup happens here. */
    async invite(a: AuthContext, input: NewInvitation) {
      const email = normaliseEmail(input.email);
      const { token, hash } = newInviteToken();
      const expiresAt = new Date(Date.now() + INVITATION_TTL_MS);
      const id = await withCorp(db, a.corpId, async (tx) => {
        const replaced = await repo.revokePendingForEmail(tx, a.corpId, email);
        const id = await repo.insertInvitation(tx, {
          corpId: a.corpId,
          email,
          name: input.name.trim(),
          role: input.role,
          staffUserid: input.staffUserid ?? null,
          tokenHash: hash,
          invitedBy: a.userId,
          expiresAt,
        });
        await writeAudit(tx, { corpId: a.corpId, actorUserId: a.userId, action: 'invitation.create', target: id, detail: { email, role: input.role, replaced } });
        return id;
      });
      return { id, email, role: input.role, status: 'pending' as const, inviteUrl: link(token), expiresAt };
    },

    list: (a: AuthContext) =>
      withCorp(db, a.corpId, async (tx) => {
        const now = new Date();
        return (await repo.listPending(tx, a.corpId)).map((inv) => adminView(inv, now));
      }),

    /** A fresh link for a pending invitation (the old link stops working): only the hash is kept, so this is how
     *  an admin copies a link again. */
    relink: (a: AuthContext, id: string) =>
      withCorp(db, a.corpId, async (tx) => {
        const { token, hash } = newInviteToken();
        const expiresAt = new Date(Date.now() + INVITATION_TTL_MS);
        if (!(await repo.replaceToken(tx, a.corpId, id, hash, expiresAt))) throw new DomainError('not_found');
        await writeAudit(tx, { corpId: a.corpId, actorUserId: a.userId, action: 'invitation.relink', target: id });
        return { id, inviteUrl: link(token), expiresAt };
      }),

    revoke: (a: AuthContext, id: string) =>
      withCorp(db, a.corpId, async (tx) => {
        if (!(await repo.decide(tx, a.corpId, id, 'revoked'))) throw new DomainError('not_found');
        await writeAudit(tx, { corpId: a.corpId, actorUserId: a.userId, action: 'invitation.revoke', target: id });
      }),

    /** What the link shows: corp, email, role and inviter — never whether the email has an account. */
    preview(token: string) {
      const tokenHash = hashInviteToken(token);
      return withInvitee(db, { tokenHash }, async (tx) => inviteeView(tx, usable(await repo.findByTokenHash(tx, tokenHash))));
    },

    /** Accepting by the link: an existing account proves itself with its password (counted like a sign-in), a new
     *  email gets an account with the chosen password. Opens a session in the invitation's corp. */
    async acceptByToken(token: string, input: { name?: string; password: string }, address: string) {
      const tokenHash = hashInviteToken(token);
      const inv = usable(await withInvitee(db, { tokenHash }, (tx) => repo.findByTokenHash(tx, tokenHash)));
      if (input.password.length < MIN_PASSWORD) throw new DomainError('weak_password');
      const succeeded = auth.limiter.attempt(inv.email, address);
      const account = await withInvitee(db, { tokenHash }, (tx) => repo.findAccount(tx, inv.email));
      if (account && !(await auth.checkPassword(account, input.password))) throw new DomainError('invalid_credentials');
      const created = account ? null : { email: inv.email, name: input.name?.trim() || inv.name, passwordHash: await hashPassword(input.password) };
      const userId = await withInvitee(db, { tokenHash }, async (tx) => {
        const userId = account?.id ?? (created ? await repo.insertAccount(tx, created) : undefined);
        if (!userId) throw new DomainError('invalid_credentials'); // the email got an account meanwhile
        await join(tx, inv, userId);
        return userId;
      });
      succeeded();
      return auth.openSession(userId, inv.corpId);
    },

    declineByToken(token: string) {
      const tokenHash = hashInviteToken(token);
      return withInvitee(db, { tokenHash }, async (tx) => decline(tx, usable(await repo.findByTokenHash(tx, tokenHash)), null));
    },

    /** A signed-in user's pending invitations, matched on their account's email. */
    async mine(a: AuthContext) {
      const email = await myEmail(a);
      return withInvitee(db, { email }, async (tx) => {
        const out = [];
        for (const inv of await repo.listPendingForEmail(tx, email, new Date())) out.push(await inviteeView(tx, inv));
        return out;
      });
    },

    async acceptMine(a: AuthContext, id: string): Promise<{ corpId: string }> {
      const email = await myEmail(a);
      return withInvitee(db, { email }, async (tx) => {
        const inv = usable((await repo.listPendingForEmail(tx, email, new Date())).find((i) => i.id === id));
        await join(tx, inv, a.userId);
        return { corpId: inv.corpId };
      });
    },

    async declineMine(a: AuthContext, id: string): Promise<void> {
      const email = await myEmail(a);
      await withInvitee(db, { email }, async (tx) => decline(tx, usable((await repo.listPendingForEmail(tx, email, new Date())).find((i) => i.id === id)), a.userId));
    },
  };
}

export type InvitationsService = ReturnType<typeof createInvitationsService>;
