// The one port through which a module records what happened: domain events (delivered by the event router before
// the transaction commits) and their timeline rows (the customer's 行为轨迹), written in the caller's transaction.
// Nobody else writes the `events` table. Effects outside the database are registered here too and run only once
// the transaction committed.
import type { DomainEvent, DomainEventPayloads, DomainEventType } from '@siyu/contracts';
import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy';

/** A row of the customer's timeline; `dedupeKey` makes recording it idempotent (a duplicate is not delivered). */
export type TimelineRow = {
  type: string;
  source: string;
  occurredAt?: Date | string;
  dedupeKey?: string | null;
  properties?: Record<string, unknown>;
};

export type RecordEntry = { event: DomainEvent; timeline?: TimelineRow };

/**
 * What recording one entry did: `fresh` false when its timeline row was already there (nothing delivered);
 * `timelineId` the new row's id for an entry with a dedupe key, else null.
 */
export type Recorded = { fresh: boolean; timelineId: number | null };

/** Work outside the database that a change asks for, by name (a module's declared effect) with JSON data. */
export type Effect = { effect: string; key: string; data: Record<string, unknown>; jobId?: string | null };

export type Session = {
  corpId: string;
  pending: DomainEvent[];
  changed: Map<string, Set<DomainEventType>>;
  effects: Map<string, Effect>;
};

const sessions = new WeakMap<Tx, Session>();

function sessionOf(tx: Tx, corpId: string): Session {
  let s = sessions.get(tx);
  if (!s) {
    s = { corpId, pending: [], changed: new Map(), effects: new Map() };
    sessions.set(tx, s);
  }
  return s;
}

/** The router's view: what this transaction recorded (undefined when nothing). */
export const sessionFor = (tx: Tx): Session | undefined => sessions.get(tx);
export const endSession = (tx: Tx): void => void sessions.delete(tx);

function queueEvents(s: Session, events: readonly DomainEvent[]): void {
  for (const e of events) {
    s.pending.push(e);
    if (!e.customerId) continue;
    const types = s.changed.get(e.customerId) ?? new Set<DomainEventType>();
    types.add(e.type);
    s.changed.set(e.customerId, types);
  }
}

async function insertTimeline(tx: Tx, corpId: string, entries: RecordEntry[]): Promise<Recorded[]> {
  const rows = entries.map((e, n) => ({
    n,
    customer_id: e.event.customerId,
    type: e.timeline!.type,
    source: e.timeline!.source,
    dedupe_key: e.timeline!.dedupeKey ?? null,
    occurred_at: e.timeline!.occurredAt ? new Date(e.timeline!.occurredAt).toISOString() : null,
    properties: e.timeline!.properties ?? {},
  }));
  const { rows: out } = await sql<{ id: string; dedupe_key: string | null }>`
    insert into events (corp_id, customer_id, type, source, dedupe_key, occurred_at, properties)
    select ${corpId}, v.customer_id, v.type, v.source, v.dedupe_key, coalesce(v.occurred_at, now()), v.properties
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as v(n int, customer_id uuid, type text, source text, dedupe_key text, occurred_at timestamptz, properties jsonb)
     order by v.n
    on conflict (corp_id, dedupe_key) where dedupe_key is not null do nothing
    returning id, dedupe_key`.execute(tx);
  const byKey = new Map(out.filter((r) => r.dedupe_key).map((r) => [r.dedupe_key!, Number(r.id)]));
  return rows.map((r) => {
    if (!r.dedupe_key) return { fresh: true, timelineId: null };
    const id = byKey.get(r.dedupe_key);
    // a key repeated inside one call is fresh once
    if (id !== undefined) byKey.delete(r.dedupe_key);
    return { fresh: id !== undefined, timelineId: id ?? null };
  });
}

/**
 * Records domain events with the change that caused them (same transaction). An entry with a timeline row writes
 * it; one whose row was already recorded (same dedupe key) is a repeat and is not delivered again.
 */
export async function recordEvents(tx: Tx, corpId: string, entries: readonly RecordEntry[]): Promise<Recorded[]> {
  if (entries.length === 0) return [];
  const withRow = entries.filter((e) => e.timeline && e.event.customerId);
  const written = withRow.length ? await insertTimeline(tx, corpId, withRow) : [];
  const result = new Map(withRow.map((e, i) => [e, written[i]]));
  const out = entries.map((e) => result.get(e) ?? { fresh: true, timelineId: null });
  queueEvents(
    sessionOf(tx, corpId),
    entries.filter((_, i) => out[i].fresh).map((e) => e.event),
  );
  return out;
}

/** Many facts of one type for customers, each with its own timeline row of one timeline type and source. */
export type FactBatch<T extends DomainEventType> = {
  type: T;
  timeline: { type: string; source: string };
  facts: ReadonlyArray<{
    customerId: string;
    data: DomainEventPayloads[T];
    occurredAt?: Date | null;
    dedupeKey?: string | null;
    properties: Record<string, unknown>;
  }>;
};

/**
 * recordEvents for a batch of one fact type (a mass message's deliveries): the timeline rows in one INSERT … SELECT
 * FROM unnest of column arrays instead of a JSON document of entries, the same dedupe rule (a row whose key was
 * already recorded is not delivered), the same delivery. Returns whether each fact was fresh.
 */
export async function recordFacts<T extends DomainEventType>(tx: Tx, corpId: string, batch: FactBatch<T>): Promise<boolean[]> {
  const { facts } = batch;
  if (facts.length === 0) return [];
  const keys = facts.map((f) => f.dedupeKey ?? null);
  const { rows } = await sql<{ dedupe_key: string | null }>`
    insert into events (corp_id, customer_id, type, source, dedupe_key, occurred_at, properties)
    select ${corpId}, v.customer_id, ${batch.timeline.type}, ${batch.timeline.source}, v.dedupe_key, coalesce(v.occurred_at, now()), v.properties
      from unnest(${facts.map((f) => f.customerId)}::uuid[], ${keys}::text[],
                  ${facts.map((f) => (f.occurredAt ? f.occurredAt.toISOString() : null))}::timestamptz[],
                  ${facts.map((f) => JSON.stringify(f.properties))}::jsonb[]) with ordinality as v(customer_id, dedupe_key, occurred_at, properties, n)
     order by v.n
    on conflict (corp_id, dedupe_key) where dedupe_key is not null do nothing
    returning dedupe_key`.execute(tx);
  const written = new Set(rows.flatMap((r) => (r.dedupe_key ? [r.dedupe_key] : [])));
  const fresh = keys.map((k) => k === null || written.delete(k)); // a key repeated inside one call is fresh once
  const events = facts.flatMap((f, i) => (fresh[i] ? [{ type: batch.type, customerId: f.customerId, data: f.data } as DomainEvent] : []));
  queueEvents(sessionOf(tx, corpId), events);
  return fresh;
}

export async function recordEvent(tx: Tx, corpId: string, event: DomainEvent, timeline?: TimelineRow): Promise<Recorded> {
  const [r] = await recordEvents(tx, corpId, [{ event, timeline }]);
  return r;
}

/**
 * Asks for effect `effect` (declared by a module) with `data` once the transaction commits; never if it rolls back.
 * It is a durable job created in this same transaction, keyed by `key` (the same key twice runs once); after commit
 * it runs at once in this process and the job is cancelled; if the process dies first, or the run fails, the job
 * runs it later (with retries). Effects are idempotent themselves (a module's claim step, WeCom's own idempotence).
 */
export function afterCommit(tx: Tx, corpId: string, effect: string, key: string, data: Record<string, unknown>): void {
  const s = sessionOf(tx, corpId);
  if (!s.effects.has(key)) s.effects.set(key, { effect, key, data });
}
