// change_external_contact: re-pull externalcontact/get so the result is WeCom's current state,
// whatever order (or how many times) the callbacks arrived.
import { isWecomError, type ExternalContact, type ExternalContactEvent, type FollowUser, type WecomClient } from '@siyu/wecom';
import type { Tx } from '../../db/tenancy';
import { recordContactFacts } from './callback-facts';
import { customerRow, followRowFromGet } from './mappers';
import { deleteMissingFollows, setDeletedBy, upsertCustomers, upsertFollows } from './sync.repo';

export type EventWriter = (tx: Tx, corpId: string) => Promise<Record<string, number>>;

const GONE = new Set([84061, 40096]);

export async function fetchExternalContact(
  client: WecomClient,
  ext: string,
): Promise<{ contact: ExternalContact; follows: FollowUser[] } | null> {
  const follows: FollowUser[] = [];
  let contact: ExternalContact | undefined;
  let cursor: string | undefined;
  const seen = new Set<string>();
  try {
    for (;;) {
      const res = await client.getExternalContact(ext, cursor);
      contact = res.external_contact;
      follows.push(...(res.follow_user ?? []));
      if (!res.next_cursor || seen.has(res.next_cursor)) break;
      seen.add(res.next_cursor);
      cursor = res.next_cursor;
    }
  } catch (err) {
    if (isWecomError(err) && GONE.has(err.errcode)) return null;
    throw err;
  }
  return contact ? { contact, follows } : null;
}

export async function prepareContactEvent(client: WecomClient, e: ExternalContactEvent): Promise<EventWriter> {
  const ext = e.externalUserId;
  const remote = await fetchExternalContact(client, ext);
  return async (tx, corpId) => {
    const out: Record<string, number> = {};
    let newCustomer = false;
    if (remote) {
      const rows = remote.follows.map((f) => followRowFromGet(ext, f));
      if ((e.kind === 'add_external_contact' || e.kind === 'add_half_external_contact') && e.state) {
        const mine = rows.find((r) => r.userid === e.userId);
        if (mine && !mine.state) mine.state = e.state;
      }
      const c = await upsertCustomers(tx, corpId, [customerRow(remote.contact)]);
      const f = await upsertFollows(tx, corpId, rows);
      out.customersChanged = c.inserted + c.updated;
      out.customersInserted = c.inserted;
      newCustomer = c.inserted > 0;
      out.followsChanged = f.inserted + f.updated;
    }
    const keep = (remote?.follows ?? []).map((f) => ({ ext, userid: f.userid }));
    out.followsDeleted = await deleteMissingFollows(tx, corpId, { ext }, keep);
    if (e.kind === 'del_external_contact') await setDeletedBy(tx, corpId, ext, e.userId, 'staff');
    if (e.kind === 'del_follow_user') await setDeletedBy(tx, corpId, ext, e.userId, 'customer');
    await recordContactFacts(tx, corpId, e, newCustomer);
    return out;
  };
}
