// Fission's reactions (attribution phase, in the transaction that mirrored the callback): credit an add through a
// participant's code, withdraw it when the invitee deletes the staff member in the window; after commit, tag the
// new friend in WeCom with the campaign's tags.
import type { AppContext } from '../../context';
import { withCorp } from '../../db/tenancy';
import { afterCommit, type Reactor } from '../../platform/events';
import { mapLimit } from '../../platform/map-limit';
import type { WecomConnections } from '../wecom';
import { creditFissionAdds, STATE_PREFIX, withdrawFissionCredits } from './credit-fission-add';
import { recentCountedTags } from './fission.repo';

export function fissionReactor(ctx: Pick<AppContext, 'db' | 'logger'>, connections: WecomConnections): Reactor {
  /** One read for every add of the run, then one mark_tag per (invitee, staff member) whose campaigns tag. */
  async function markTags(corpId: string, items: ReadonlyArray<Record<string, unknown>>): Promise<void> {
    const adds = items.map((d) => ({ ext: String(d.ext), staffUserid: String(d.staffUserid) }));
    const marks = await withCorp(ctx.db, corpId, (tx) => recentCountedTags(tx, corpId, adds));
    if (marks.length === 0) return;
    const client = await connections.contactClient(corpId);
    await mapLimit(marks, 8, (m) => client.markTag({ userid: m.staffUserid, external_userid: m.ext, add_tag: m.tagIds }));
  }

  return {
    name: 'fission',
    phase: 'attribution',
    effects: { 'fission.tag': markTags },
    on: {
      'follow.added': async (tx, corpId, events) => {
        const adds = events.filter(({ data }) => !data.half && data.state?.startsWith(STATE_PREFIX));
        await creditFissionAdds(
          tx,
          corpId,
          adds.map(({ data }) => ({ state: data.state!, inviteeExt: data.externalUserid, staffUserid: data.staffUserid, firstSeen: data.newCustomer })),
        );
        for (const { data } of adds) {
          afterCommit(tx, corpId, 'fission.tag', `fission.tag:${data.externalUserid}:${data.staffUserid}:${data.addedAt}`, { ext: data.externalUserid, staffUserid: data.staffUserid });
        }
      },
      'follow.deleted': async (tx, corpId, events) => {
        const gone = events.filter(({ data }) => data.by === 'customer');
        await withdrawFissionCredits(tx, corpId, gone.map(({ data }) => ({ inviteeExt: data.externalUserid, staffUserid: data.staffUserid })));
      },
    },
  };
}
