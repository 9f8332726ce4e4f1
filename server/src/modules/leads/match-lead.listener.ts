// A lead becomes "added" when its assigned staff member's follow carries its phone (remark_mobiles, or the
// customer's phone). Reacts to follows added or changed, in the transaction that mirrored the callback.
import type { Reactor } from '../../platform/events';
import { matchFollow } from './leads.repo';

export const matchLeadReactor: Reactor = {
  name: 'leads',
  phase: 'attribution',
  on: {
    'follow.added': async (tx, corpId, events) => {
      for (const { data } of events) if (!data.half) await matchFollow(tx, corpId, data.staffUserid, data.externalUserid);
    },
    'follow.updated': async (tx, corpId, events) => {
      for (const { data } of events) await matchFollow(tx, corpId, data.staffUserid, data.externalUserid);
    },
  },
};
