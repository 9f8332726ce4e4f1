// Decisions of the audit log's reader: one page (50 unless asked) of a corp's entries and the cursor of the next.
import type { AuditFilter, AuditList } from '@siyu/contracts';
import type { AppContext } from '../../context';
import { withCorp } from '../../db/tenancy';
import type { AuthContext } from '../../http/access';
import { listActors, listAudit } from './audit-log.repo';

export function createAuditService({ db }: AppContext) {
  return {
    list: (auth: AuthContext, f: AuditFilter): Promise<AuditList> =>
      withCorp(db, auth.corpId, async (tx) => {
        const limit = f.limit ?? 50;
        const items = await listAudit(tx, auth.corpId, { ...f, limit: limit + 1 });
        const page = items.slice(0, limit);
        return { items: page, next: items.length > limit ? page[page.length - 1].id : null, actors: await listActors(tx, auth.corpId) };
      }),
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
