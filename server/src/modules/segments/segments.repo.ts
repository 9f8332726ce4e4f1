import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { prepareRuleScan } from '../../db/rule-scan';
import type { SegmentKind } from '../../db/schema-segments';
import type { Tx } from '../../db/tenancy';
import { recordEvents } from '../../platform/events';
import type { Rule } from '@siyu/contracts';

export type SegmentRow = {
  id: string;
  name: string;
  description: string;
  rule: Rule;
  kind: SegmentKind;
  tagId: string | null;
  active: boolean;
  memberCount: number;
  refreshedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

const columns = [
  'id',
  'name',
  'description',
  'rule',
  'kind',
  'tag_id as tagId',
  'active',
  // member_count plus the entries and exits not folded into it yet (segment_count_deltas).
  sql<number>`segments.member_count + coalesce((SELECT sum(d.delta) FROM segment_count_deltas d
    WHERE d.corp_id = segments.corp_id AND d.segment_id = segments.id), 0)::int`.as('memberCount'),
  'refreshed_at as refreshedAt',
  'created_at as createdAt',
  'updated_at as updatedAt',
] as const;

/** The corp's segments; with `staffUserid`, each member count covers only that staff member's customers. */
export async function listSegments(tx: Tx, corpId: string, staffUserid: string | null = null): Promise<SegmentRow[]> {
  const rows = (await tx
    .selectFrom('segments')
    .select(columns)
    .where('corp_id', '=', corpId)
    .orderBy('created_at')
    .execute()) as SegmentRow[];
  if (!staffUserid || rows.length === 0) return rows;
  const own = await sql<{ segmentId: string; n: number }>`
    SELECT sm.segment_id AS "segmentId", count(*)::int AS n FROM segment_members sm
     WHERE sm.corp_id = ${corpId} AND EXISTS (SELECT 1 FROM follows f WHERE f.corp_id = sm.corp_id
       AND f.customer_id = sm.customer_id AND f.staff_userid = ${staffUserid} AND f.deleted_at IS NULL)
     GROUP BY sm.segment_id`.execute(tx);
  const counts = new Map(own.rows.map((r) => [r.segmentId, Number(r.n)]));
  return rows.map((r) => ({ ...r, memberCount: counts.get(r.id) ?? 0 }));
}

export async function findSegment(tx: Tx, corpId: string, id: string): Promise<SegmentRow | undefined> {
  const row = await tx
    .selectFrom('segments')
    .select(columns)
    .where('corp_id', '=', corpId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row as SegmentRow | undefined;
}

export async function findSegmentByName(tx: Tx, corpId: string, name: string): Promise<SegmentRow | undefined> {
  const row = await tx
    .selectFrom('segments')
    .select(columns)
    .where('corp_id', '=', corpId)
    .where('name', '=', name)
    .executeTakeFirst();
  return row as SegmentRow | undefined;
}

export type SegmentInput = {
  name: string;
  description: string;
  rule: Rule;
  kind: SegmentKind;
  tagId: string | null;
  active: boolean;
};

export async function insertSegment(
  tx: Tx,
  corpId: string,
  input: SegmentInput,
  createdBy: string | null,
): Promise<string> {
  const row = await tx
    .insertInto('segments')
    .values({
      corp_id: corpId,
      name: input.name,
      description: input.description,
      rule: JSON.stringify(input.rule),
      kind: input.kind,
      tag_id: input.tagId,
      active: input.active,
      created_by: createdBy,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? '';
}

export async function updateSegment(
  tx: Tx,
  corpId: string,
  id: string,
  input: Partial<SegmentInput>,
): Promise<boolean> {
  const res = await tx
    .updateTable('segments')
    .set({
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.rule !== undefined ? { rule: JSON.stringify(input.rule) } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
      updated_at: new Date(),
    })
    .where('corp_id', '=', corpId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

export async function deleteSegment(tx: Tx, corpId: string, id: string): Promise<boolean> {
  const res = await tx.deleteFrom('segments').where('corp_id', '=', corpId).where('id', '=', id).executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

/** Segments whose rule mentions `id` (a reference from another segment). */
export async function segmentsReferring(tx: Tx, corpId: string, id: string): Promise<string[]> {
  const rows = await tx
    .selectFrom('segments')
    .select('name')
    .where('corp_id', '=', corpId)
    .where('id', '<>', id)
    .where(sql<SqlBool>`strpos(rule::text, ${id}::text) > 0`)
    .execute();
  return rows.map((r) => r.name);
}

export async function knownTagIds(tx: Tx, corpId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await tx
    .selectFrom('tags')
    .select('tag_id')
    .where('corp_id', '=', corpId)
    .where('tag_id', 'in', ids)
    .execute();
  return new Set(rows.map((r) => r.tag_id));
}

export async function segmentRules(tx: Tx, corpId: string): Promise<Map<string, Rule>> {
  const rows = await tx.selectFrom('segments').select(['id', 'rule']).where('corp_id', '=', corpId).execute();
  return new Map(rows.map((r) => [r.id, r.rule as Rule]));
}

export type ActiveSegment = {
  id: string;
  name: string;
  rule: Rule;
  kind: SegmentKind;
  tagId: string | null;
  active: boolean;
  refreshedAt: Date | null;
  /** The last recompute over every customer, and the rule's form then (ruleForm); null: never. */
  fullRecomputedAt: Date | null;
  fullRecomputeForm: unknown;
  /** When the rule was last evaluated for every customer the clock could have moved since the pass before. */
  clockCheckedAt: Date | null;
};

/** The next scheduled pass recomputes every segment of the corp over every customer (data written in bulk). */
export async function markFullRecomputeDue(tx: Tx, corpId: string): Promise<void> {
  await tx.updateTable('segments').set({ full_recomputed_at: null }).where('corp_id', '=', corpId).execute();
}

/** Every segment of the corp (active or not: an active one may refer to an inactive one). */
export async function allSegments(tx: Tx, corpId: string): Promise<ActiveSegment[]> {
  const rows = await tx
    .selectFrom('segments')
    .select(['id', 'name', 'rule', 'kind', 'tag_id as tagId', 'active', 'refreshed_at as refreshedAt', 'full_recomputed_at as fullRecomputedAt', 'full_recompute_form as fullRecomputeForm', 'clock_checked_at as clockCheckedAt'])
    .where('corp_id', '=', corpId)
    .orderBy('id')
    .execute();
  return rows as ActiveSegment[];
}

type Match = RawBuilder<SqlBool>;

/** Customers matching a compiled rule: count and a page, optionally only a staff member's own customers. */
export async function matchingCustomers(
  tx: Tx,
  corpId: string,
  match: Match,
  opts: { limit: number; offset?: number; staffUserid?: string | null },
): Promise<{ total: number; ids: string[] }> {
  const own = ownFilter(opts.staffUserid ?? null);
  await prepareRuleScan(tx);
  const res = await sql<{ id: string; total: number }>`
    SELECT c.id, count(*) OVER () AS total FROM customers c
     WHERE c.corp_id = ${corpId} AND ${match} AND ${own}
     ORDER BY c.created_at DESC, c.id LIMIT ${opts.limit} OFFSET ${opts.offset ?? 0}`.execute(tx);
  if (res.rows.length > 0) return { total: Number(res.rows[0].total), ids: res.rows.map((r) => r.id) };
  if ((opts.offset ?? 0) === 0) return { total: 0, ids: [] };
  const n = await sql<{
    n: number;
  }>`SELECT count(*) AS n FROM customers c WHERE c.corp_id = ${corpId} AND ${match} AND ${own}`.execute(tx);
  return { total: Number(n.rows[0].n), ids: [] };
}

export function ownFilter(staffUserid: string | null): Match {
  if (!staffUserid) return sql<SqlBool>`true`;
  return sql<SqlBool>`EXISTS (SELECT 1 FROM follows f WHERE f.corp_id = c.corp_id AND f.customer_id = c.id
    AND f.staff_userid = ${staffUserid} AND f.deleted_at IS NULL)`;
}

/**
 * A pass over every customer (`ids`: the rule's id query, when it has one; `form`: the rule as evaluated, stored as the
 * segment's full pass) or over `among` only (the clock-edge customers), never both.
 */
export type RecomputeOptions = { emit: boolean; evaluatedAt?: Date } & (
  | { among?: undefined; ids?: RawBuilder<{ id: string }> | null; form?: Rule }
  | { among: RawBuilder<{ id: string }>; ids?: undefined; form?: undefined }
);

/**
 * Recomputes one segment, over every customer or only those `among` (the customers a scheduled pass knows the clock can
 * have moved: clockEdgeCustomers; a member outside them stays as it is). First the members as they are, then the
 * rule's customers, each into a temporary table by a read, which may use parallel workers (`ids` instead, in the
 * writing statement, when the rule has an id query that reads no customer row: compileRuleIds). Then one
 * statement (NOT IN over the materialized sets: always a hashed anti-join, whatever the planner believes about a
 * freshly filled segment_members): members in, members out, timeline events, and for a dynamic tag the follows'
 * tag_ids plus the WeCom outbox. `emit` false for the first fill (no entry events for who was already in).
 * What the incremental path writes after the members were read is left as it is: a member row that read did not see
 * (`unseen`: another xmin) stays, and a customer it entered meanwhile is not entered twice (see below). member_count
 * becomes the members this statement sees, plus its entries, less its exits, and the count deltas it sees are folded
 * (those committed later stay pending).
 * New members go in customer order: both indexes of segment_members are then written in key order, page by page.
 * segment_members has no foreign keys (migration 0031): every id written here comes from customers in this transaction,
 * and a member whose customer is gone meanwhile leaves at the next recompute (`del`: not among the rule's customers).
 * New members go in by a plain INSERT: ON CONFLICT's speculative insertion (a uniqueness probe before each row and a
 * confirmation record after it) cost about a quarter of a first fill. A member the incremental path wrote meanwhile
 * then fails it with a unique violation, and the statement runs again from a savepoint with ON CONFLICT DO NOTHING.
 */
export async function recomputeSegment(
  tx: Tx,
  corpId: string,
  seg: ActiveSegment,
  match: Match,
  opts: RecomputeOptions,
): Promise<{ entered: number; exited: number; total: number }> {
  const { emit, ids = null, form, among, evaluatedAt } = opts;
  const props = JSON.stringify({ segmentId: seg.id, segmentName: seg.name, kind: seg.kind });
  const tag = seg.kind === 'dynamic_tag' ? seg.tagId : null;
  const tagging = tag
    ? sql`,
    tag_add AS (UPDATE follows f SET tag_ids = array_append(f.tag_ids, ${tag}::text), updated_at = now() FROM ins
      WHERE f.corp_id = ${corpId} AND f.customer_id = ins.customer_id AND f.deleted_at IS NULL AND NOT (${tag}::text = ANY(f.tag_ids)) RETURNING 1),
    tag_del AS (UPDATE follows f SET tag_ids = array_remove(f.tag_ids, ${tag}::text), updated_at = now() FROM del
      WHERE f.corp_id = ${corpId} AND f.customer_id = del.customer_id AND ${tag}::text = ANY(f.tag_ids) RETURNING 1),
    outbox AS (INSERT INTO segment_tag_outbox (corp_id, customer_id, tag_id, op)
      SELECT ${corpId}, customer_id, ${tag}::text, 'add' FROM ins UNION ALL SELECT ${corpId}, customer_id, ${tag}::text, 'remove' FROM del RETURNING 1)`
    : sql``;
  // A member row's version: its xmin (as bigint: xid has no btree or hash operator class of its own).
  const members = sql`SELECT sm.customer_id, sm.xmin::text::bigint AS row_xmin${among ? sql`, sm.ctid AS row_id` : sql``}
    FROM segment_members sm WHERE sm.corp_id = ${corpId} AND sm.segment_id = ${seg.id}::uuid`;
  // Over every customer, the write removes the members the read saw (same row version: xmin) that the rule no longer
  // matches, keeps any member it did not see (`unseen`: entered meanwhile by the incremental path), counts the members
  // and folds the pending count deltas. Over `among` only, it touches only the member rows the read saw, each by its
  // address (ctid: a TID scan, whatever the planner believes of the segment's size; the same address, customer and
  // row version is the row the read saw, so no segment check is needed, and one would let the planner scan the
  // segment instead); and it moves member_count by its entries and exits, leaving pending deltas pending (counted in
  // the total it answers, as the console shows it).
  const pending = sql`coalesce((SELECT sum(d.delta) FROM segment_count_deltas d WHERE d.corp_id = ${corpId} AND d.segment_id = ${seg.id}::uuid), 0)`;
  const write = among
    ? {
        unseen: sql``,
        exits: sql`DELETE FROM segment_members sm WHERE sm.corp_id = ${corpId}
          AND sm.ctid = ANY(ARRAY(SELECT row_id FROM old WHERE customer_id NOT IN (SELECT id FROM m)))
          AND (sm.customer_id, sm.xmin::text::bigint) IN (SELECT customer_id, row_xmin FROM old)`,
        count: sql`segments.member_count`,
        full: sql``,
        fold: sql``,
        total: sql`(SELECT member_count FROM upd) + ${pending}`,
      }
    : {
        unseen: sql`unseen AS MATERIALIZED (SELECT sm.customer_id FROM segment_members sm
          WHERE sm.corp_id = ${corpId} AND sm.segment_id = ${seg.id}::uuid
          AND (sm.customer_id, sm.xmin::text::bigint) NOT IN (SELECT customer_id, row_xmin FROM old)),`,
        exits: sql`DELETE FROM segment_members sm WHERE sm.corp_id = ${corpId} AND sm.segment_id = ${seg.id}::uuid
          AND sm.customer_id NOT IN (SELECT id FROM m) AND sm.customer_id NOT IN (SELECT customer_id FROM unseen)`,
        count: sql`(SELECT count(*) FROM segment_members sm WHERE sm.corp_id = ${corpId} AND sm.segment_id = ${seg.id}::uuid)`,
        full: sql`, full_recomputed_at = now(), full_recompute_form = ${form === undefined ? null : JSON.stringify(form)}::jsonb`,
        fold: sql`, folded AS (DELETE FROM segment_count_deltas WHERE corp_id = ${corpId} AND segment_id = ${seg.id}::uuid RETURNING 1)`,
        total: sql`(SELECT member_count FROM upd)`,
      };
  const staged = ids === null || among !== undefined;
  const read = staged
    ? { m: sql`SELECT id FROM siyu_segment_match`, old: sql`SELECT * FROM siyu_segment_members` }
    : { m: ids, old: members };
  const statement = (onConflict: RawBuilder<unknown>) => sql<{ entered: number; exited: number; total: number; entered_ids: string[] | null; exited_ids: string[] | null }>`
    WITH m AS MATERIALIZED (${read.m}),
    old AS MATERIALIZED (${read.old}),
    ${write.unseen}
    ins AS (INSERT INTO segment_members (corp_id, segment_id, customer_id)
      SELECT ${corpId}, ${seg.id}::uuid, m.id FROM m WHERE m.id NOT IN (SELECT customer_id FROM old) ORDER BY m.id
      ${onConflict} RETURNING customer_id),
    del AS (${write.exits} RETURNING sm.customer_id)${tagging},
    upd AS (UPDATE segments SET refreshed_at = now(), member_count = ${write.count} + (SELECT count(*) FROM ins) - (SELECT count(*) FROM del)
      ${write.full}${evaluatedAt ? sql`, clock_checked_at = ${evaluatedAt.toISOString()}::timestamptz` : sql``}
      WHERE corp_id = ${corpId} AND id = ${seg.id}::uuid RETURNING member_count)${write.fold}
    SELECT (SELECT count(*) FROM ins) AS entered, (SELECT count(*) FROM del) AS exited, ${write.total} AS total,
      ${emit ? sql`(SELECT array_agg(customer_id) FROM ins)` : sql`NULL::uuid[]`} AS entered_ids,
      ${emit ? sql`(SELECT array_agg(customer_id) FROM del)` : sql`NULL::uuid[]`} AS exited_ids`;
  // The members as they are, then the rule's customers, each by a statement that only reads: PostgreSQL runs no part of
  // a statement that writes (the one below) in parallel workers, and a read can build the rule's sets with them
  // (prepareRuleScan).
  if (staged) {
    if (among) await sql`CREATE TEMP TABLE siyu_segment_among ON COMMIT DROP AS SELECT DISTINCT id FROM (${among}) a`.execute(tx);
    // `among`: one primary-key probe each, in a LATERAL that is not flattened (OFFSET 0), whatever the planner believes
    // of how many members a freshly filled segment has.
    const probe = (row: RawBuilder<unknown>) => sql`SELECT x.* FROM siyu_segment_among a CROSS JOIN LATERAL (${row} OFFSET 0) x`;
    const byId = sql`SELECT c.* FROM customers c WHERE c.corp_id = ${corpId} AND c.id = a.id`;
    await sql`CREATE TEMP TABLE siyu_segment_members ON COMMIT DROP AS
      ${among ? probe(sql`${members} AND sm.customer_id = a.id`) : members}`.execute(tx);
    await sql`CREATE TEMP TABLE siyu_segment_match ON COMMIT DROP AS
      SELECT c.id FROM ${among ? sql`(${probe(byId)}) c` : sql`customers c`} WHERE c.corp_id = ${corpId} AND ${match}`.execute(tx);
  }
  await sql`SAVEPOINT segment_recompute`.execute(tx);
  let res;
  try {
    res = await statement(sql``).execute(tx);
    await sql`RELEASE SAVEPOINT segment_recompute`.execute(tx);
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    await sql`ROLLBACK TO SAVEPOINT segment_recompute`.execute(tx);
    res = await statement(sql`ON CONFLICT DO NOTHING`).execute(tx);
  }
  if (staged) await sql`DROP TABLE siyu_segment_match, siyu_segment_members`.execute(tx);
  if (among) await sql`DROP TABLE siyu_segment_among`.execute(tx);
  const row = res.rows[0];
  const moves = [
    ...(row.entered_ids ?? []).map((customerId) => ({ customerId, type: 'segment.entered' as const })),
    ...(row.exited_ids ?? []).map((customerId) => ({ customerId, type: 'segment.exited' as const })),
  ];
  await recordEvents(
    tx,
    corpId,
    moves.map(({ customerId, type }) => ({
      event: { type, customerId, data: { segmentId: seg.id, segmentName: seg.name } },
      timeline: { type, source: 'segments', properties: JSON.parse(props) as Record<string, unknown> },
    })),
  );
  return { entered: Number(row.entered), exited: Number(row.exited), total: Number(row.total) };
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === '23505';
}

/** Which of the given segments the one customer is in now (one boolean each) and which it was in: one statement. */
export async function matchOneCustomer(
  tx: Tx,
  corpId: string,
  customerId: string,
  matches: Match[],
): Promise<{ now: boolean[]; before: Set<string> }> {
  const flags = matches.length > 0 ? sql`ARRAY[${sql.join(matches)}]::boolean[]` : sql`ARRAY[]::boolean[]`;
  const res = await sql<{ m: boolean[] | null; before: string[] | null }>`
    SELECT (SELECT ${flags} FROM customers c WHERE c.corp_id = ${corpId} AND c.id = ${customerId}::uuid) AS m,
      (SELECT array_agg(segment_id) FROM segment_members WHERE corp_id = ${corpId} AND customer_id = ${customerId}::uuid) AS before`.execute(
    tx,
  );
  const row = res.rows[0];
  return { now: row?.m ?? matches.map(() => false), before: new Set(row?.before ?? []) };
}

export type MembershipChange = { customerId: string; segment: ActiveSegment; delta: 1 | -1 };

/**
 * Applies entries and exits of many customers: members, counts, timeline in one statement, then dynamic tags on
 * follows and the WeCom outbox. Rows go in (segment, customer) order so concurrent writers lock them alike.
 */
export async function applyMembershipChanges(tx: Tx, corpId: string, changes: MembershipChange[]): Promise<void> {
  if (changes.length === 0) return;
  const all = [...changes].sort((a, b) => a.segment.id.localeCompare(b.segment.id) || a.customerId.localeCompare(b.customerId));
  const props = all.map(({ segment: s }) => JSON.stringify({ segmentId: s.id, segmentName: s.name, kind: s.kind }));
  await sql`WITH d AS (SELECT * FROM unnest(${all.map((c) => c.customerId)}::uuid[], ${all.map((c) => c.segment.id)}::uuid[],
        ${all.map((c) => c.delta)}::int[], ${props}::jsonb[]) WITH ORDINALITY AS t(customer_id, segment_id, delta, props, n)),
    ins AS (INSERT INTO segment_members (corp_id, segment_id, customer_id)
      SELECT ${corpId}, d.segment_id, d.customer_id FROM d WHERE d.delta > 0 ORDER BY d.n ON CONFLICT DO NOTHING RETURNING 1),
    del AS (DELETE FROM segment_members sm USING d WHERE sm.corp_id = ${corpId} AND sm.customer_id = d.customer_id
      AND sm.segment_id = d.segment_id AND d.delta < 0 RETURNING 1),
    cnt AS (INSERT INTO segment_count_deltas (corp_id, segment_id, delta)
      SELECT ${corpId}, d.segment_id, sum(d.delta) FROM d GROUP BY d.segment_id RETURNING 1)
    SELECT (SELECT count(*) FROM ins) + (SELECT count(*) FROM del) + (SELECT count(*) FROM cnt) AS n`.execute(tx);
  await recordEvents(
    tx,
    corpId,
    all.map(({ customerId, segment: s, delta }, i) => ({
      event: { type: delta > 0 ? ('segment.entered' as const) : ('segment.exited' as const), customerId, data: { segmentId: s.id, segmentName: s.name } },
      timeline: { type: delta > 0 ? 'segment.entered' : 'segment.exited', source: 'segments', properties: JSON.parse(props[i]) as Record<string, unknown> },
    })),
  );
  // Dynamic tags follow their segment: added to / removed from every live follow, and queued for WeCom (one
  // statement each for the whole batch).
  const tagged = all.flatMap(({ customerId, segment: s, delta }) => (s.kind === 'dynamic_tag' && s.tagId ? [{ customerId, tag: s.tagId, add: delta > 0 }] : []));
  if (tagged.length === 0) return;
  const ids = tagged.map((t) => t.customerId);
  const tags = tagged.map((t) => t.tag);
  const adds = tagged.map((t) => t.add);
  await sql`
    WITH q AS (SELECT * FROM unnest(${ids}::uuid[], ${tags}::text[], ${adds}::boolean[]) AS q(customer_id, tag, add)),
    added AS (
      UPDATE follows f SET tag_ids = f.tag_ids || ARRAY(SELECT DISTINCT q.tag FROM q WHERE q.customer_id = f.customer_id AND q.add AND NOT (q.tag = ANY(f.tag_ids))),
             updated_at = now()
       WHERE f.corp_id = ${corpId} AND f.deleted_at IS NULL
         AND EXISTS (SELECT 1 FROM q WHERE q.customer_id = f.customer_id AND q.add AND NOT (q.tag = ANY(f.tag_ids)))
      RETURNING 1)
    INSERT INTO segment_tag_outbox (corp_id, customer_id, tag_id, op)
    SELECT ${corpId}, q.customer_id, q.tag, CASE WHEN q.add THEN 'add' ELSE 'remove' END FROM q`.execute(tx);
  await sql`
    WITH q AS (SELECT * FROM unnest(${ids}::uuid[], ${tags}::text[], ${adds}::boolean[]) AS q(customer_id, tag, add) WHERE NOT q.add)
    UPDATE follows f SET tag_ids = ARRAY(SELECT t FROM unnest(f.tag_ids) AS t WHERE NOT EXISTS (SELECT 1 FROM q WHERE q.customer_id = f.customer_id AND q.tag = t)),
           updated_at = now()
     WHERE f.corp_id = ${corpId} AND EXISTS (SELECT 1 FROM q WHERE q.customer_id = f.customer_id AND q.tag = ANY(f.tag_ids))`.execute(tx);
}

export async function memberPage(
  tx: Tx,
  corpId: string,
  segmentId: string,
  opts: { page: number; pageSize: number; staffUserid: string | null },
): Promise<{ total: number; items: Array<{ id: string; name: string; externalUserid: string | null; since: Date }> }> {
  const own = ownFilter(opts.staffUserid);
  const res = await sql<{ id: string; name: string; externalUserid: string | null; since: Date; total: number }>`
    SELECT c.id, c.name, c.external_userid AS "externalUserid", sm.since, count(*) OVER () AS total
      FROM segment_members sm JOIN customers c ON c.corp_id = sm.corp_id AND c.id = sm.customer_id
     WHERE sm.corp_id = ${corpId} AND sm.segment_id = ${segmentId}::uuid AND ${own}
     ORDER BY sm.since DESC, c.id LIMIT ${opts.pageSize} OFFSET ${(opts.page - 1) * opts.pageSize}`.execute(tx);
  return { total: Number(res.rows[0]?.total ?? 0), items: res.rows.map(({ total: _t, ...r }) => r) };
}

/** Folds the corp's pending member-count deltas into member_count (rows other writers add meanwhile stay pending). */
export async function foldMemberCounts(tx: Tx, corpId: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    WITH gone AS (DELETE FROM segment_count_deltas WHERE corp_id = ${corpId} RETURNING segment_id, delta),
    sums AS (SELECT segment_id, sum(delta)::int AS s, count(*) AS n FROM gone GROUP BY segment_id),
    upd AS (UPDATE segments sg SET member_count = greatest(0, sg.member_count + sums.s) FROM sums
      WHERE sg.corp_id = ${corpId} AND sg.id = sums.segment_id RETURNING 1)
    SELECT coalesce(sum(n), 0)::int AS n FROM sums`.execute(tx);
  return Number(rows[0]?.n ?? 0);
}

/** The stage ids of one pipeline of this corp (a stage leaf's references); null when the corp has no such pipeline. */
export async function pipelineStageIds(tx: Tx, corpId: string, pipelineId: string): Promise<Set<string> | null> {
  const rows = await tx
    .selectFrom('pipelines')
    .leftJoin('stages', (j) => j.onRef('stages.corp_id', '=', 'pipelines.corp_id').onRef('stages.pipeline_id', '=', 'pipelines.id'))
    .select('stages.id as stageId')
    .where('pipelines.corp_id', '=', corpId)
    .where('pipelines.id', '=', pipelineId)
    .execute();
  return rows.length ? new Set(rows.flatMap((r) => (r.stageId ? [r.stageId] : []))) : null;
}
