// A lead becomes "added" when its assigned staff member's follow carries its phone (remark_mobiles, or the
// customer's phone). Runs in the transaction that applies the add / edit callback, so it commits exactly once.
import type { EventListener } from '../wecom/event-listeners';
import { matchFollow } from './leads.repo';

export const matchLeadListener: EventListener = {
  name: 'leads.match-follow',
  async inTx(tx, corpId, e) {
    if (e.kind !== 'add_external_contact' && e.kind !== 'edit_external_contact') return;
    await matchFollow(tx, corpId, e.userId, e.externalUserId);
  },
};
