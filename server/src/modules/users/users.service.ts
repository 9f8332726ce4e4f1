import type { AppContext } from '../../context';
import type { Role } from '../../db/schema';
import { withCorp } from '../../db/tenancy';
import type { AuthContext } from '../../http/access';
import { DomainError } from '../../http/errors';
import { writeAudit } from '../audit';
import * as repo from './users.repo';

export function createUsersService({ db }: AppContext) {
  return {
    list: (auth: AuthContext) => withCorp(db, auth.corpId, (tx) => repo.listCorpUsers(tx, auth.corpId)),

    update(auth: AuthContext, userId: string, patch: { role?: Role; staffUserid?: string | null }) {
      return withCorp(db, auth.corpId, async (tx) => {
        const current = await repo.findCorpUser(tx, auth.corpId, userId);
        if (!current) throw new DomainError('not_found');
        if (current.role === 'admin' && patch.role && patch.role !== 'admin' && (await repo.countAdmins(tx, auth.corpId)) <= 1) {
          throw new DomainError('last_admin');
        }
        await repo.updateMembership(tx, auth.corpId, userId, patch);
        await writeAudit(tx, { corpId: auth.corpId, actorUserId: auth.userId, action: 'user.update', target: userId, detail: patch });
        return (await repo.findCorpUser(tx, auth.corpId, userId))!;
      });
    },

    remove(auth: AuthContext, userId: string) {
      return withCorp(db, auth.corpId, async (tx) => {
        const current = await repo.findCorpUser(tx, auth.corpId, userId);
        if (!current) throw new DomainError('not_found');
        if (current.role === 'admin' && (await repo.countAdmins(tx, auth.corpId)) <= 1) throw new DomainError('last_admin');
        await repo.deleteMembership(tx, auth.corpId, userId);
        await writeAudit(tx, { corpId: auth.corpId, actorUserId: auth.userId, action: 'user.remove', target: userId });
      });
    },
  };
}

export type UsersService = ReturnType<typeof createUsersService>;
