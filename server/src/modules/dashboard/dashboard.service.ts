import type { AppContext } from '../../context';
import { withCorp } from '../../db/tenancy';
import type { AuthContext } from '../../http/access';
import { summary } from './dashboard.repo';
import { ownScope } from '../../platform/policy/visible-scope';

export function createDashboardService({ db }: AppContext) {
  return {
    summary: (auth: AuthContext, days = 30) => withCorp(db, auth.corpId, (tx) => summary(tx, auth.corpId, days, ownScope(auth))),
  };
}

export type DashboardService = ReturnType<typeof createDashboardService>;
