import type { AppContext } from '../../context';
import { withCorp } from '../../db/tenancy';
import type { AuthContext } from '../../http/access';
import { DomainError } from '../../http/errors';
import { findStaff, listStaff } from './staff.repo';

export function createStaffService({ db }: AppContext) {
  return {
    list: (auth: AuthContext, q: { q?: string; page: number; pageSize: number }) => withCorp(db, auth.corpId, (tx) => listStaff(tx, auth.corpId, q)),

    async get(auth: AuthContext, userid: string) {
      const staff = await withCorp(db, auth.corpId, (tx) => findStaff(tx, auth.corpId, userid));
      if (!staff) throw new DomainError('not_found');
      return staff;
    },
  };
}

export type StaffService = ReturnType<typeof createStaffService>;
