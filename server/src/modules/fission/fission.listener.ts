// Fission's reactions to contact callbacks: credit an add through a participant's code, withdraw it when the
// invitee deletes the staff member in the window (both in the callback's transaction), then tag the new friend.
import type { AppContext } from '../../context';
import { withCorp } from '../../db/tenancy';
import type { EventListener } from '../wecom/event-listeners';
import type { WecomConnections } from '../wecom/wecom-connection.service';
import { creditFissionAdd, STATE_PREFIX, withdrawFissionCredit } from './credit-fission-add';
import { recentCountedTags } from './fission.repo';

export function fissionListener(ctx: Pick<AppContext, 'db' | 'logger'>, connections: WecomConnections): EventListener {
  return {
    name: 'fission.credit',
    async inTx(tx, corpId, e, applied) {
      if (e.kind === 'add_external_contact' && e.state?.startsWith(STATE_PREFIX)) {
        const firstSeen = (applied.customersInserted ?? 0) > 0;
        await creditFissionAdd(tx, corpId, { state: e.state, inviteeExt: e.externalUserId, staffUserid: e.userId, firstSeen });
      } else if (e.kind === 'del_follow_user') {
        await withdrawFissionCredit(tx, corpId, { inviteeExt: e.externalUserId, staffUserid: e.userId });
      }
    },
    async afterCommit(corpId, e) {
      if (e.kind !== 'add_external_contact' || !e.state?.startsWith(STATE_PREFIX)) return;
      const tags = await withCorp(ctx.db, corpId, (tx) => recentCountedTags(tx, corpId, e.externalUserId, e.userId));
      if (tags.length === 0) return;
      const client = await connections.contactClient(corpId);
      await client.markTag({ userid: e.userId, external_userid: e.externalUserId, add_tag: tags });
    },
  };
}
