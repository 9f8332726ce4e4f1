// change_external_contact: re-pull externalcontact/get so the result is WeCom's current state, whatever order (or how
// many times) the callbacks arrived. A batch of contact callbacks is written set-based: the last fetched state of each
// customer in one upsert of customers and one of follows, the follows WeCom no longer has deleted in one statement,
// and the facts of every callback recorded in one call, in arrival order.
import { isWecomError, type ExternalContact, type ExternalContactEvent, type FollowUser, type WecomClient } from '@siyu/wecom';
import type { Tx } from '../../db/tenancy';
import { recordContactFacts } from './callback-facts';
import { customerRow, followRowFromGet } from './mappers';
import { deleteMissingFollows, setDeletedBy, upsertCustomers, upsertFollows, type FollowRow } from './sync.repo';

/** One contact callback with the state WeCom gave for its customer when it was fetched (null: the relation is gone). */
export type ContactSnapshot = { event: ExternalContactEvent; remote: { contact: ExternalContact; follows: FollowUser[] } | null };

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

export async function fetchContactSnapshot(client: WecomClient, event: ExternalContactEvent): Promise<ContactSnapshot> {
  return { event, remote: await fetchExternalContact(client, event.externalUserId) };
}

const isAdd = (e: ExternalContactEvent) => e.kind === 'add_external_contact' || e.kind === 'add_half_external_contact';

/** Writes a batch of contact callbacks (in arrival order) and records their facts. */
export async function applyContactSnapshots(tx: Tx, corpId: string, snaps: ContactSnapshot[]): Promise<void> {
  if (snaps.length === 0) return;
  // The last snapshot of each customer is WeCom's latest state; a state an add carried fills its follow's if missing.
  const last = new Map<string, ContactSnapshot>();
  for (const s of snaps) last.set(s.event.externalUserId, s);
  const customers = [];
  const follows: FollowRow[] = [];
  const keep: Array<{ ext: string; userid: string }> = [];
  for (const [ext, s] of last) {
    if (!s.remote) continue;
    customers.push(customerRow(s.remote.contact));
    const rows = s.remote.follows.map((f) => followRowFromGet(ext, f));
    for (const a of snaps) {
      if (a.event.externalUserId !== ext || !isAdd(a.event) || !('state' in a.event) || !a.event.state) continue;
      const mine = rows.find((r) => r.userid === a.event.userId);
      if (mine && !mine.state) mine.state = a.event.state;
    }
    follows.push(...rows);
    keep.push(...s.remote.follows.map((f) => ({ ext, userid: f.userid })));
  }
  const inserted = new Set((await upsertCustomers(tx, corpId, customers)).insertedExts);
  await upsertFollows(tx, corpId, follows);
  await deleteMissingFollows(tx, corpId, { exts: [...last.keys()] }, keep);
  await setDeletedBy(
    tx,
    corpId,
    snaps.flatMap(({ event: e }) =>
      e.kind === 'del_external_contact' || e.kind === 'del_follow_user'
        ? [{ ext: e.externalUserId, userid: e.userId, by: e.kind === 'del_external_contact' ? ('staff' as const) : ('customer' as const) }]
        : [],
    ),
  );
  // Only the first callback of a customer new to Siyu brought them in.
  const firstOf = new Map<string, ContactSnapshot>();
  for (const s of snaps) if (!firstOf.has(s.event.externalUserId)) firstOf.set(s.event.externalUserId, s);
  await recordContactFacts(
    tx,
    corpId,
    snaps.map((s) => ({ event: s.event, newCustomer: inserted.has(s.event.externalUserId) && firstOf.get(s.event.externalUserId) === s })),
  );
}
