import type { AppContext } from '../../context';
import { withCorp } from '../../db/tenancy';
import type { AuthContext } from '../../http/access';
import { summary } from './dashboard.repo';

export function createDashboardService({ db }: AppContext) {
  return {
    summary: (auth: AuthContext, days = 30) => withCorp(db, auth.corpId, (tx) => summary(tx, auth.corpId, days)),
  };
}

export type DashboardService = ReturnType<typeof createDashboardService>;
