// Ingests a batch of events set-based: resolve every identity in one query, create the unknown customers, merge the
// profiles an event links, then one INSERT for the events (re-sent ids dropped by dedupe_key) and one for orders.
import { randomUUID } from 'node:crypto';
import type { EventsIngestResult } from '@siyu/contracts';
import { sql } from 'kysely';
import type { IdentityKind } from '../../db/schema-profiles';
import type { Tx } from '../../db/tenancy';
import { DomainError } from '../../http/errors';
import { findIdentities, type IdentityRef, insertCustomers, insertIdentities, linkMirroredIdentities, mergeCustomers, type NewCustomer, pickSurvivor } from '../identity';
import { applyEventPoints, recomputeRfm } from '../membership';
import { resolveOpenAlerts } from '../alerts';
import { recordEvents } from '../../platform/events';
import { checkIncomingEvent, normalizePhone, type IncomingEvent, type OrderProperties } from './event-schema';

export type EventSource = 'api' | 'webhook' | 'import' | 'demo';
export type Rejection = EventsIngestResult['rejected'][number];
export type IngestResult = { accepted: number; duplicates: number; rejected: Rejection[]; customerIds: string[] };

const KINDS: Array<[keyof IncomingEvent['customer'], IdentityKind]> = [
  ['externalUserid', 'external_userid'],
  ['unionid', 'unionid'],
  ['openid', 'openid'],
  ['phone', 'phone'],
  ['memberId', 'member_id'],
];

const keyOf = (r: IdentityRef) => `${r.kind}\u0000${r.value}`;

function refsOf(e: IncomingEvent): IdentityRef[] {
  const out: IdentityRef[] = [];
  for (const [field, kind] of KINDS) {
    const v = e.customer[field];
    if (v) out.push({ kind, value: kind === 'phone' ? normalizePhone(v) : v });
  }
  return out;
}

type Parsed = { index: number; event: IncomingEvent; refs: IdentityRef[]; customerId?: string };
type Owner = { externalUserid: string | null; createdAt: Date };

export async function ingestEvents(tx: Tx, corpId: string, input: readonly unknown[], source: EventSource, actorUserId: string | null = null): Promise<IngestResult> {
  const rejected: Rejection[] = [];
  const parsed: Parsed[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  input.forEach((raw, index) => {
    const check = checkIncomingEvent(raw);
    const id = typeof (raw as { id?: unknown })?.id === 'string' ? (raw as { id: string }).id : null;
    if (!check.ok) return void rejected.push({ index, id, code: check.code, message: check.message, ...(check.path ? { path: check.path } : {}) });
    if (seen.has(check.event.id)) return void duplicates++;
    seen.add(check.event.id);
    parsed.push({ index, event: check.event, refs: refsOf(check.event) });
  });

  // One batch per corp at a time: two batches naming the same new phone must not create two profiles.
  await sql`select pg_advisory_xact_lock(hashtext(${`siyu.ingest:${corpId}`}))`.execute(tx);
  // Resolve identities: what the database knows, then the batch in order (an event may link two profiles).
  const allRefs = [...new Map(parsed.flatMap((p) => p.refs).map((r) => [keyOf(r), r])).values()];
  await linkMirroredIdentities(tx, corpId, allRefs);
  const found = await findIdentities(tx, corpId, allRefs);
  const owner = new Map<string, string>();
  const info = new Map<string, Owner>();
  for (const f of found) {
    owner.set(keyOf(f), f.customerId);
    info.set(f.customerId, { externalUserid: f.externalUserid, createdAt: new Date(f.createdAt) });
  }
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    let x = id;
    while (parent.has(x)) x = parent.get(x)!;
    return x;
  };
  const created = new Map<string, NewCustomer>();
  const newIdentities: Array<IdentityRef & { customerId: string }> = [];
  const merges: Array<{ from: string; into: string; eventId: string }> = [];
  const setExternal = new Map<string, string>();
  const now = new Date();

  for (const p of parsed) {
    const ids = [...new Set(p.refs.map((r) => owner.get(keyOf(r))).filter((x): x is string => !!x).map(find))];
    const ext = p.event.customer.externalUserid ?? null;
    let cid: string;
    try {
      if (ids.length === 0) {
        cid = randomUUID();
        const phone = p.refs.find((r) => r.kind === 'phone')?.value ?? null;
        created.set(cid, { id: cid, externalUserid: ext, unionid: p.event.customer.unionid ?? null, phone, name: p.event.customer.name ?? '' });
        info.set(cid, { externalUserid: ext, createdAt: now });
      } else {
        cid = ids[0];
        const pending: Array<{ from: string; into: string }> = [];
        let survivor = { id: cid, external_userid: info.get(cid)!.externalUserid, created_at: info.get(cid)!.createdAt };
        for (const other of ids.slice(1)) {
          const o = info.get(other)!;
          const pick = pickSurvivor(survivor, { id: other, external_userid: o.externalUserid, created_at: o.createdAt });
          pending.push({ from: pick.from.id, into: pick.into.id });
          survivor = pick.into;
        }
        cid = survivor.id;
        const known = info.get(cid)!.externalUserid ?? setExternal.get(cid) ?? null;
        if (ext && !owner.has(keyOf({ kind: 'external_userid', value: ext })) && known && known !== ext) throw new DomainError('identity_conflict');
        for (const m of pending) {
          parent.set(m.from, m.into);
          merges.push({ ...m, eventId: p.event.id });
        }
        if (ext && !known) setExternal.set(cid, ext);
      }
    } catch (err) {
      if (err instanceof DomainError && err.code === 'identity_conflict') {
        rejected.push({ index: p.index, id: p.event.id, code: 'identity_conflict', message: 'the identities belong to two different WeCom customers' });
        continue;
      }
      throw err;
    }
    for (const r of p.refs) {
      if (owner.has(keyOf(r))) continue;
      owner.set(keyOf(r), cid);
      newIdentities.push({ ...r, customerId: cid });
    }
    p.customerId = cid;
  }

  await insertCustomers(tx, corpId, [...created.values()]);
  await insertIdentities(tx, corpId, newIdentities);
  for (const m of merges) {
    await mergeCustomers(tx, corpId, { fromId: m.from, intoId: m.into, reason: 'identity', actorUserId, detail: { eventId: m.eventId, source } });
  }
  for (const [id, ext] of setExternal) {
    await sql`update customers set external_userid = ${ext}, updated_at = now()
               where corp_id = ${corpId} and id = ${find(id)} and external_userid is null`.execute(tx);
  }

  const ok = parsed.filter((p) => p.customerId);
  ok.sort((a, b) => a.index - b.index);
  const rows = ok.map((p) => ({
    customer_id: find(p.customerId!),
    type: p.event.type,
    dedupe_key: `ext:${p.event.id}`,
    occurred_at: p.event.occurredAt ?? now.toISOString(),
    properties: p.event.properties ?? {},
  }));
  // Recorded through the event spine: the timeline row and its fact (`order.placed` or `event.tracked`) together.
  const recorded = await recordEvents(
    tx,
    corpId,
    rows.map((r) => ({
      event:
        r.type === 'order'
          ? { type: 'order.placed' as const, customerId: r.customer_id, data: { orderNo: (r.properties as OrderProperties).orderNo ?? r.dedupe_key.slice(4), amount: (r.properties as OrderProperties).amount } }
          : { type: 'event.tracked' as const, customerId: r.customer_id, data: { eventType: r.type } },
      timeline: { type: r.type, source, dedupeKey: r.dedupe_key, occurredAt: r.occurred_at, properties: r.properties as Record<string, unknown> },
    })),
  );
  const eventIdOf = new Map(rows.flatMap((r, i) => (recorded[i].fresh && recorded[i].timelineId !== null ? [[r.dedupe_key, recorded[i].timelineId!] as const] : [])));
  const fresh = rows.filter((r) => eventIdOf.has(r.dedupe_key));
  duplicates += rows.length - fresh.length;

  const orders = fresh
    .filter((r) => r.type === 'order')
    .map((r) => {
      const o = r.properties as OrderProperties;
      return {
        customer_id: r.customer_id,
        order_no: o.orderNo ?? r.dedupe_key.slice(4),
        amount: o.amount,
        currency: o.currency ?? 'CNY',
        paid_at: r.occurred_at,
        store_id: o.storeId ?? null,
        staff_userid: o.staffUserid ?? null,
        items: o.items,
      };
    });
  if (orders.length) {
    await sql`
      insert into orders (corp_id, customer_id, order_no, amount, currency, paid_at, source, store_id, staff_userid, items)
      select ${corpId}, v.customer_id, v.order_no, v.amount, v.currency, v.paid_at, ${source}, v.store_id, v.staff_userid, v.items
        from jsonb_to_recordset(${JSON.stringify(orders)}::jsonb)
          as v(customer_id uuid, order_no text, amount numeric, currency text, paid_at timestamptz, store_id text, staff_userid text, items jsonb)
      on conflict (corp_id, order_no) do nothing`.execute(tx);
    const buyers = [...new Set(orders.map((o) => o.customer_id))];
    await recomputeRfm(tx, corpId, buyers);
  }
  await applyEventPoints(
    tx,
    corpId,
    fresh.map((r) => ({
      eventId: eventIdOf.get(r.dedupe_key)!,
      customerId: r.customer_id,
      type: r.type,
      amount: r.type === 'order' ? (r.properties as OrderProperties).amount : null,
    })),
  );
  const customerIds = [...new Set(fresh.map((r) => r.customer_id))];
  // A purchase ends repurchase alerts, any activity an inactivity alert, a better RFM class an at-risk alert.
  if (customerIds.length) await resolveOpenAlerts(tx, corpId, customerIds);
  rejected.sort((a, b) => a.index - b.index);
  return { accepted: fresh.length, duplicates, rejected, customerIds };
}
