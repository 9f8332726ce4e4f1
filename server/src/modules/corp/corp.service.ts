import type { AppContext } from '../../context';
import { withCorp } from '../../db/tenancy';
import type { AuthContext } from '../../http/access';
import { DomainError } from '../../http/errors';
import { writeAudit } from '../audit';
import { findCorp, renameCorp } from './corp.repo';

export function createCorpService({ db, config }: AppContext) {
  async function get(auth: AuthContext) {
    const corp = await withCorp(db, auth.corpId, (tx) => findCorp(tx, auth.corpId));
    if (!corp) throw new DomainError('not_found');
    const base = config.publicUrl ?? `http://localhost:${config.port}`;
    return {
      id: corp.id,
      name: corp.name,
      isDemo: corp.is_demo,
      wecomCorpId: corp.wecom_corp_id,
      wecomConnected: Boolean(corp.wecom_corp_id && corp.contact_secret),
      callbackUrl: `${base}/wecom/callback/${encodeURIComponent(corp.id)}`,
      apiBase: corp.api_base,
    };
  }
  return {
    get,
    async rename(auth: AuthContext, name: string) {
      await withCorp(db, auth.corpId, async (tx) => {
        await renameCorp(tx, auth.corpId, name);
        await writeAudit(tx, { corpId: auth.corpId, actorUserId: auth.userId, action: 'corp.rename', detail: { name } });
      });
      return get(auth);
    },
  };
}

export type CorpService = ReturnType<typeof createCorpService>;
