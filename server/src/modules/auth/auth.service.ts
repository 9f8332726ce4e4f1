import { createHash, randomBytes } from 'node:crypto';
import type { AppContext } from '../../context';
import type { AuthContext } from '../../http/access';
import { DomainError } from '../../http/errors';
import * as repo from './auth.repo';
import { createLoginLimiter, normaliseEmail } from './login-limiter';
import { hashPassword, verifyPassword } from './password';

// Verified for unknown emails, so they take as long as a wrong password.
let dummyHash: Promise<string> | null = null;

export type Me = {
  user: { id: string; email: string; name: string; role: repo.MembershipRow['role'] };
  corp: { id: string; name: string };
  corps: Array<{ id: string; name: string; role: repo.MembershipRow['role'] }>;
};

function sessionKey(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function createAuthService(ctx: AppContext) {
  const { db } = ctx;
  const limiter = createLoginLimiter({ max: ctx.config.loginRateLimit, windowMs: 60_000 });

  async function me(userId: string, corpId: string): Promise<Me> {
    const user = await repo.findUserById(db, userId);
    if (!user) throw new DomainError('unauthenticated');
    const memberships = await repo.listMemberships(db, userId);
    const current = memberships.find((m) => m.corpId === corpId);
    if (!current) throw new DomainError('unauthenticated');
    return {
      user: { id: user.id, email: user.email, name: user.name, role: current.role },
      corp: { id: current.corpId, name: current.corpName },
      corps: memberships.map((m) => ({ id: m.corpId, name: m.corpName, role: m.role })),
    };
  }

  // True only for an existing user and their password; an unknown email costs the same time.
  async function checkPassword(user: repo.UserRow | undefined, password: string): Promise<boolean> {
    dummyHash ??= hashPassword('siyu-timing-equaliser');
    const ok = await verifyPassword(user?.password_hash ?? (await dummyHash), password);
    return ok && user !== undefined;
  }

  async function openSession(userId: string, corpId: string): Promise<{ token: string; me: Me }> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + ctx.config.sessionTtlHours * 3600_000);
    await repo.createSession(db, { id: sessionKey(token), userId, corpId, expiresAt });
    return { token, me: await me(userId, corpId) };
  }

  return {
    me,

    limiter,
    checkPassword,
    async login(email: string, password: string, address: string): Promise<{ token: string; me: Me }> {
      const account = normaliseEmail(email);
      const succeeded = limiter.attempt(account, address);
      const user = await repo.findUserByEmail(db, account);
      const ok = await checkPassword(user, password);
      if (!ok || !user) throw new DomainError('invalid_credentials');
      succeeded();
      const memberships = await repo.listMemberships(db, user.id);
      if (memberships.length === 0) throw new DomainError('invalid_credentials');
      return openSession(user.id, memberships[0].corpId);
    },

    openSession,

    async resolveSession(token: string): Promise<AuthContext | null> {
      const session = await repo.findSessionMembership(db, sessionKey(token));
      if (!session) return null;
      return {
        sessionId: session.id,
        userId: session.user_id,
        corpId: session.corp_id,
        role: session.role,
        staffUserid: session.staff_userid,
      };
    },

    async logout(auth: AuthContext): Promise<void> {
      await repo.deleteSession(db, auth.sessionId);
    },

    async switchCorp(auth: AuthContext, corpId: string): Promise<Me> {
      const memberships = await repo.listMemberships(db, auth.userId);
      if (!memberships.some((m) => m.corpId === corpId)) throw new DomainError('not_found');
      await repo.setSessionCorp(db, auth.sessionId, corpId);
      return me(auth.userId, corpId);
    },

    async changePassword(auth: AuthContext, current: string, next: string): Promise<void> {
      const user = await repo.findUserById(db, auth.userId);
      if (!user || !(await verifyPassword(user.password_hash, current))) throw new DomainError('wrong_password');
      await repo.updatePasswordHash(db, auth.userId, await hashPassword(next));
      await repo.deleteOtherSessions(db, auth.userId, auth.sessionId);
    },

    async needsSetup(): Promise<boolean> {
      return (await repo.countUsers(db)) === 0;
    },

    // First admin of a fresh install; refused once any user exists.
    async setup(input: { corpName: string; email: string; name: string; password: string; corpId?: string }) {
      if ((await repo.countUsers(db)) > 0) throw new DomainError('setup_done');
      const passwordHash = await hashPassword(input.password);
      const corpId = input.corpId ?? `corp_${randomBytes(6).toString('hex')}`;
      await repo.createCorpWithAdmin(db, { ...input, email: normaliseEmail(input.email), corpId, passwordHash });
      return { corpId };
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
