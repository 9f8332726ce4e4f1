// Keeps customers' identities current as WeCom follows are added, changed or deleted (profile phase, in the
// transaction that mirrored the callback). The timeline rows come with the follow facts themselves.
import type { Reactor } from '../../platform/events';
import { syncCustomerIdentities } from './identity.repo';

const exts = (events: Array<{ data: { externalUserid: string } }>) => [...new Set(events.map((e) => e.data.externalUserid))];

export const identityReactor: Reactor = {
  name: 'identity',
  phase: 'profile',
  on: {
    'follow.added': (tx, corpId, events) => syncCustomerIdentities(tx, corpId, exts(events)),
    'follow.updated': (tx, corpId, events) => syncCustomerIdentities(tx, corpId, exts(events)),
    'follow.deleted': (tx, corpId, events) => syncCustomerIdentities(tx, corpId, exts(events)),
  },
};
