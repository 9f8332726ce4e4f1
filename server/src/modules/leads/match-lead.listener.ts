// A lead becomes "added" when its assigned staff member's follow carries its phone (remark_mobiles, or the
// customer's phone). Reacts to follows added or changed, in the transaction that mirrored the callback.
import type { Reactor } from '../../platform/events';
import { matchFollows } from './leads.repo';

export const matchLeadReactor: Reactor = {
  name: 'leads',
  phase: 'attribution',
  on: {
    'follow.added': async (tx, corpId, events) => {
      await matchFollows(tx, corpId, events.filter((e) => !e.data.half).map((e) => ({ userid: e.data.staffUserid, ext: e.data.externalUserid })));
    },
    'follow.updated': async (tx, corpId, events) => {
      await matchFollows(tx, corpId, events.map((e) => ({ userid: e.data.staffUserid, ext: e.data.externalUserid })));
    },
  },
};
