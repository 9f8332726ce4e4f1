// SQL of leads: batches, bulk inserts, assignment by ranges, reclaim, matching follows, conversion.
import { sql } from 'kysely';
import type { Distribution, LeadBatchStatus, ReminderStatus } from '../../db/schema-leads-fission';
import type { Tx } from '../../db/tenancy';
import type { RawLead } from './parse-lead-file';
import type { LeadRowError } from './validate-leads';

export async function insertBatch(
  tx: Tx,
  corpId: string,
  b: { filename: string; format: 'csv' | 'xlsx'; createdBy: string | null },
) {
  return tx
    .insertInto('lead_batches')
    .values({
      corp_id: corpId,
      filename: b.filename,
      format: b.format,
      status: 'queued',
      created_by: b.createdBy,
      distribution: null,
    })
    .returning(['id'])
    .executeTakeFirstOrThrow();
}

// The uploaded file travels as base64 text: binding a bytea parameter is slow on PGlite (256 KiB: 80 ms, on the
// event loop), decode()/encode() in SQL is not (256 KiB: 12 ms).
export async function insertPart(tx: Tx, corpId: string, batchId: string, partNo: number, data: Uint8Array) {
  await sql`insert into lead_batch_parts (corp_id, batch_id, part_no, data)
            values (${corpId}, ${batchId}::uuid, ${partNo}, decode(${Buffer.from(data).toString('base64')}, 'base64'))`.execute(tx);
}

/** Part `partNo` of the batch's file, or null past the last one. */
export async function readPart(tx: Tx, corpId: string, batchId: string, partNo: number): Promise<Buffer | null> {
  const { rows } = await sql<{ data: string }>`
    select encode(data, 'base64') as data from lead_batch_parts
     where corp_id = ${corpId} and batch_id = ${batchId}::uuid and part_no = ${partNo}`.execute(tx);
  return rows.length ? Buffer.from(rows[0].data, 'base64') : null;
}

/** Deletes up to `limit` parts of the batch's file; returns how many went. */
export async function deleteParts(tx: Tx, corpId: string, batchId: string, limit: number): Promise<number> {
  const { rows } = await sql<{ part_no: number }>`
    delete from lead_batch_parts where corp_id = ${corpId} and batch_id = ${batchId}::uuid
       and part_no in (select part_no from lead_batch_parts where corp_id = ${corpId} and batch_id = ${batchId}::uuid
                        order by part_no limit ${limit})
    returning part_no`.execute(tx);
  return rows.length;
}

export function lockBatch(tx: Tx, corpId: string, id: string) {
  return tx
    .selectFrom('lead_batches')
    .selectAll()
    .where('corp_id', '=', corpId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function updateBatch(
  tx: Tx,
  corpId: string,
  id: string,
  patch: Partial<{
    status: LeadBatchStatus;
    total: number;
    done: number;
    imported: number;
    failed: number;
    error: string | null;
    finished_at: Date;
  }>,
) {
  await tx.updateTable('lead_batches').set(patch).where('corp_id', '=', corpId).where('id', '=', id).execute();
}

export async function resetBatchRows(tx: Tx, corpId: string, id: string) {
  await tx.deleteFrom('leads').where('corp_id', '=', corpId).where('batch_id', '=', id).execute();
  await tx.deleteFrom('lead_import_errors').where('corp_id', '=', corpId).where('batch_id', '=', id).execute();
}

/** Phones already known as customers: a customer's phone or a follow's remark_mobiles. */
export async function knownCustomerPhones(tx: Tx, corpId: string, phones: string[]): Promise<Set<string>> {
  if (phones.length === 0) return new Set();
  const { rows } = await sql<{ phone: string }>`
    with p as (select unnest(${phones}::text[]) as phone)
    select c.phone from customers c join p on p.phone = c.phone where c.corp_id = ${corpId}
    union
    select m.phone from (select unnest(f.remark_mobiles) as phone from follows f
                          where f.corp_id = ${corpId} and cardinality(f.remark_mobiles) > 0) m
      join p on p.phone = m.phone`.execute(tx);
  return new Set(rows.map((r) => r.phone));
}

export async function knownLeadPhones(tx: Tx, corpId: string, phones: string[]): Promise<Set<string>> {
  if (phones.length === 0) return new Set();
  const { rows } = await sql<{ phone: string }>`
    select l.phone from leads l join unnest(${phones}::text[]) as p(phone) on p.phone = l.phone
     where l.corp_id = ${corpId}`.execute(tx);
  return new Set(rows.map((r) => r.phone));
}

/** One multi-row INSERT; returns the phones that went in (a concurrent import may have taken some). */
export async function insertLeads(tx: Tx, corpId: string, batchId: string, rows: RawLead[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const { rows: out } = await sql<{ phone: string }>`
    insert into leads (corp_id, batch_id, row_no, phone, name, source, notes)
    select ${corpId}, ${batchId}::uuid, v.row_no, v.phone, v.name, v.source, v.notes
      from unnest(${rows.map((r) => r.rowNo)}::int[], ${rows.map((r) => r.phone)}::text[], ${rows.map((r) => r.name)}::text[],
                  ${rows.map((r) => r.source)}::text[], ${rows.map((r) => r.notes)}::text[]) as v(row_no, phone, name, source, notes)
    on conflict (corp_id, phone) do nothing
    returning phone`.execute(tx);
  return new Set(out.map((r) => r.phone));
}

export async function insertErrors(tx: Tx, corpId: string, batchId: string, errors: LeadRowError[]) {
  if (errors.length === 0) return;
  await sql`
    insert into lead_import_errors (corp_id, batch_id, row_no, phone, name, reason)
    select ${corpId}, ${batchId}::uuid, v.row_no, v.phone, v.name, v.reason
      from unnest(${errors.map((e) => e.rowNo)}::int[], ${errors.map((e) => e.phone)}::text[], ${errors.map((e) => e.name)}::text[],
                  ${errors.map((e) => e.reason)}::text[]) as v(row_no, phone, name, reason)
    on conflict do nothing`.execute(tx);
}

export async function countPool(tx: Tx, corpId: string, batchId: string): Promise<number> {
  const r = await tx
    .selectFrom('leads')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('corp_id', '=', corpId)
    .where('batch_id', '=', batchId)
    .where('status', '=', 'pool')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * Assigns the batch's pool leads in one statement: the i-th lead (by row) goes to the staff member whose range
 * (lo, hi] contains i (width_bucket: a binary search over the range starts); each assignment is also recorded for per-staff conversion.
 */
export async function assignPoolByRanges(
  tx: Tx,
  corpId: string,
  batchId: string,
  round: number,
  deadline: Date,
  ranges: Array<{ userid: string; lo: number; hi: number }>,
): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    with numbered as (
      select l.id, row_number() over (order by l.row_no, l.id) as rn
        from leads l where l.corp_id = ${corpId} and l.batch_id = ${batchId}::uuid and l.status = 'pool'),
    target as (
      select n.id, (${ranges.map((r) => r.userid)}::text[])[width_bucket(n.rn, ${ranges.map((r) => r.lo + 1)}::bigint[])] as userid
        from numbered n where n.rn <= ${ranges.length ? ranges[ranges.length - 1].hi : 0}),
    upd as (
      update leads l set status = 'assigned', staff_userid = t.userid, round = ${round}, assigned_at = now(), deadline_at = ${deadline}
        from target t where l.corp_id = ${corpId} and l.id = t.id
      returning l.id, l.staff_userid),
    ins as (
      insert into lead_assignments (corp_id, lead_id, round, batch_id, staff_userid)
      select ${corpId}, u.id, ${round}, ${batchId}::uuid, u.staff_userid from upd u returning 1)
    select count(*)::int as n from ins`.execute(tx);
  return Number(rows[0]?.n ?? 0);
}

/** Overdue leads of a round back to the pool; returns each lead with the staff member it had. */
export async function reclaimOverdue(
  tx: Tx,
  corpId: string,
  batchId: string,
  round: number,
): Promise<Array<{ id: string; prev: string }>> {
  const { rows } = await sql<{ id: string; prev: string }>`
    with old as (
      select id, staff_userid from leads
       where corp_id = ${corpId} and batch_id = ${batchId}::uuid and status = 'assigned' and round = ${round}
         and deadline_at <= now() + interval '1 second'
       for update),
    upd as (
      update leads l set status = 'pool', staff_userid = null, assigned_at = null, deadline_at = null
        from old where l.corp_id = ${corpId} and l.id = old.id returning l.id),
    closed as (
      update lead_assignments a set outcome = 'reclaimed', closed_at = now()
        from old where a.corp_id = ${corpId} and a.lead_id = old.id and a.round = ${round} returning 1)
    select old.id, old.staff_userid as prev from old`.execute(tx);
  return rows;
}

/** Reassigns specific leads (reclaimed ones) to chosen staff in one statement. */
export async function assignLeads(
  tx: Tx,
  corpId: string,
  batchId: string,
  round: number,
  deadline: Date,
  pairs: Array<{ id: string; userid: string }>,
) {
  if (pairs.length === 0) return;
  await sql`
    with target as (select * from unnest(${pairs.map((p) => p.id)}::uuid[], ${pairs.map((p) => p.userid)}::text[]) as t(id, userid)),
    upd as (
      update leads l set status = 'assigned', staff_userid = t.userid, round = ${round}, assigned_at = now(), deadline_at = ${deadline}
        from target t where l.corp_id = ${corpId} and l.id = t.id and l.status = 'pool'
      returning l.id, l.staff_userid)
    insert into lead_assignments (corp_id, lead_id, round, batch_id, staff_userid)
    select ${corpId}, u.id, ${round}, ${batchId}::uuid, u.staff_userid from upd u`.execute(tx);
}

export async function setBatchRound(
  tx: Tx,
  corpId: string,
  id: string,
  p: { round: number; deadline: Date | null; distribution: Distribution },
) {
  await tx
    .updateTable('lead_batches')
    .set({
      round: p.round,
      deadline_at: p.deadline,
      distribution: JSON.stringify(p.distribution),
      distributed_at: new Date(),
    })
    .where('corp_id', '=', corpId)
    .where('id', '=', id)
    .execute();
}

/** One reminder row per staff member with leads in this round. */
export async function insertRoundReminders(tx: Tx, corpId: string, batchId: string, round: number): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    with ins as (
      insert into lead_reminders (corp_id, batch_id, round, staff_userid, lead_count)
      select ${corpId}, ${batchId}::uuid, ${round}, staff_userid, count(*)::int from leads
       where corp_id = ${corpId} and batch_id = ${batchId}::uuid and round = ${round} and status = 'assigned'
       group by staff_userid
      on conflict do nothing returning 1)
    select count(*)::int as n from ins`.execute(tx);
  return Number(rows[0]?.n ?? 0);
}

export function pendingReminders(tx: Tx, corpId: string, batchId: string, round: number) {
  return tx
    .selectFrom('lead_reminders')
    .select(['staff_userid', 'lead_count'])
    .where('corp_id', '=', corpId)
    .where('batch_id', '=', batchId)
    .where('round', '=', round)
    .where('status', '=', 'queued')
    .orderBy('staff_userid')
    .execute();
}

export async function markReminder(
  tx: Tx,
  corpId: string,
  key: { batchId: string; round: number; userids: string[] },
  p: { status: ReminderStatus; reason?: string | null; msgid?: string | null },
) {
  if (key.userids.length === 0) return;
  await tx
    .updateTable('lead_reminders')
    .set({
      status: p.status,
      reason: p.reason ?? null,
      msgid: p.msgid ?? null,
      sent_at: p.status === 'sent' ? new Date() : null,
    })
    .where('corp_id', '=', corpId)
    .where('batch_id', '=', key.batchId)
    .where('round', '=', key.round)
    .where('staff_userid', 'in', key.userids)
    .where('status', '=', 'queued')
    .execute();
}

/** A new or edited follow of `userid` whose phones match leads assigned to that staff member: they are added. */
/**
 * Leads whose assigned staff member's follow now carries their phone (remark_mobiles, or the customer's phone) become
 * "added"; one statement for every (staff, customer) pair of a batch. Returns how many leads matched.
 */
export async function matchFollows(tx: Tx, corpId: string, pairs: ReadonlyArray<{ userid: string; ext: string }>): Promise<number> {
  if (pairs.length === 0) return 0;
  // Most follows arrive for staff members with no lead waiting (leads_staff answers it): the matching statement below
  // takes ~3 ms to plan, so it runs only when a lead could match.
  const waiting = await sql<{ any: boolean }>`
    select exists (select 1 from leads where corp_id = ${corpId} and staff_userid = any(${[...new Set(pairs.map((p) => p.userid))]}::text[])
                      and status = 'assigned') as any`.execute(tx);
  if (!waiting.rows[0]?.any) return 0;
  const { rows } = await sql<{ n: number }>`
    with q as (select distinct userid, ext from unnest(${pairs.map((p) => p.userid)}::text[], ${pairs.map((p) => p.ext)}::text[]) as q(userid, ext)),
    who as (
      select distinct on (l.id) l.id as lead_id, c.id as customer_id, c.external_userid
        from q join customers c on c.corp_id = ${corpId} and c.external_userid = q.ext
        join follows f on f.corp_id = c.corp_id and f.customer_id = c.id and f.staff_userid = q.userid and f.deleted_at is null
        cross join lateral unnest(array_remove(f.remark_mobiles || c.phone, null)) as ph(phone)
        join leads l on l.corp_id = c.corp_id and l.phone = ph.phone and l.status = 'assigned' and l.staff_userid = q.userid
       order by l.id, c.id),
    upd as (
      update leads l set status = 'added', added_at = now(), added_by = 'follow', customer_id = w.customer_id, external_userid = w.external_userid
        from who w
       where l.corp_id = ${corpId} and l.id = w.lead_id and l.status = 'assigned'
      returning l.id, l.round),
    closed as (
      update lead_assignments a set outcome = 'added', closed_at = now()
        from upd u where a.corp_id = ${corpId} and a.lead_id = u.id and a.round = u.round returning 1)
    select count(*)::int as n from upd`.execute(tx);
  return Number(rows[0]?.n ?? 0);
}

export async function confirmLead(
  tx: Tx,
  corpId: string,
  id: string,
  who: { customerId: string; ext: string },
  round: number,
) {
  await tx
    .updateTable('leads')
    .set({
      status: 'added',
      added_at: new Date(),
      added_by: 'manual',
      customer_id: who.customerId,
      external_userid: who.ext,
    })
    .where('corp_id', '=', corpId)
    .where('id', '=', id)
    .execute();
  await tx
    .updateTable('lead_assignments')
    .set({ outcome: 'added', closed_at: new Date() })
    .where('corp_id', '=', corpId)
    .where('lead_id', '=', id)
    .where('round', '=', round)
    .execute();
}

export function findLead(tx: Tx, corpId: string, id: string) {
  return tx
    .selectFrom('leads')
    .selectAll()
    .where('corp_id', '=', corpId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export function liveFollow(tx: Tx, corpId: string, ext: string, userid: string) {
  return tx
    .selectFrom('customers as c')
    .innerJoin('follows as f', (j) => j.onRef('f.corp_id', '=', 'c.corp_id').onRef('f.customer_id', '=', 'c.id'))
    .select(['c.id as customerId', 'f.deleted_at as deletedAt'])
    .where('c.corp_id', '=', corpId)
    .where('c.external_userid', '=', ext)
    .where('f.staff_userid', '=', userid)
    .executeTakeFirst();
}

export async function activeStaff(tx: Tx, corpId: string, userids: string[]): Promise<Set<string>> {
  if (userids.length === 0) return new Set();
  const rows = await tx
    .selectFrom('staff')
    .select('userid')
    .where('corp_id', '=', corpId)
    .where('userid', 'in', userids)
    .where('status', '=', 1)
    .execute();
  return new Set(rows.map((r) => r.userid));
}

const BATCH_COLUMNS = [
  'id',
  'filename',
  'format',
  'status',
  'total',
  'done',
  'imported',
  'failed',
  'error',
  'round',
  'deadline_at',
  'created_at',
  'finished_at',
  'distributed_at',
] as const;

export function listBatches(tx: Tx, corpId: string, limit: number) {
  return tx
    .selectFrom('lead_batches')
    .select(BATCH_COLUMNS)
    .where('corp_id', '=', corpId)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}

export function getBatch(tx: Tx, corpId: string, id: string) {
  return tx
    .selectFrom('lead_batches')
    .select([...BATCH_COLUMNS, 'distribution'])
    .where('corp_id', '=', corpId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function batchStatusCounts(tx: Tx, corpId: string, batchId: string) {
  const rows = await tx
    .selectFrom('leads')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('corp_id', '=', corpId)
    .where('batch_id', '=', batchId)
    .groupBy('status')
    .execute();
  const out = { pool: 0, assigned: 0, added: 0 };
  for (const r of rows) out[r.status] = Number(r.n);
  return out;
}

export async function reclaimedCount(tx: Tx, corpId: string, batchId: string): Promise<number> {
  const r = await tx
    .selectFrom('lead_assignments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('corp_id', '=', corpId)
    .where('batch_id', '=', batchId)
    .where('outcome', '=', 'reclaimed')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function reminderCounts(tx: Tx, corpId: string, batchId: string) {
  const rows = await tx
    .selectFrom('lead_reminders')
    .select(['status', 'reason', (eb) => eb.fn.countAll<number>().as('n')])
    .where('corp_id', '=', corpId)
    .where('batch_id', '=', batchId)
    .groupBy(['status', 'reason'])
    .execute();
  return rows.map((r) => ({ status: r.status, reason: r.reason, count: Number(r.n) }));
}

export function listErrors(tx: Tx, corpId: string, batchId: string, page: number, pageSize: number) {
  return tx
    .selectFrom('lead_import_errors')
    .select(['row_no as rowNo', 'phone', 'name', 'reason'])
    .where('corp_id', '=', corpId)
    .where('batch_id', '=', batchId)
    .orderBy('row_no')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
}

export async function errorSummary(tx: Tx, corpId: string, batchId: string) {
  const rows = await tx
    .selectFrom('lead_import_errors')
    .select(['reason', (eb) => eb.fn.countAll<number>().as('n')])
    .where('corp_id', '=', corpId)
    .where('batch_id', '=', batchId)
    .groupBy('reason')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.reason, Number(r.n)]));
}

export type LeadListQuery = {
  status?: 'pool' | 'assigned' | 'added';
  batchId?: string;
  staffUserid?: string;
  q?: string;
  page: number;
  pageSize: number;
};

export async function listLeads(tx: Tx, corpId: string, q: LeadListQuery) {
  let base = tx
    .selectFrom('leads as l')
    .leftJoin('staff as s', (j) => j.onRef('s.corp_id', '=', 'l.corp_id').onRef('s.userid', '=', 'l.staff_userid'))
    .where('l.corp_id', '=', corpId);
  if (q.status) base = base.where('l.status', '=', q.status);
  if (q.batchId) base = base.where('l.batch_id', '=', q.batchId);
  if (q.staffUserid) base = base.where('l.staff_userid', '=', q.staffUserid);
  if (q.q) {
    const like = `%${q.q.replace(/[%_\\]/g, '\\$&')}%`;
    base = base.where((eb) => eb.or([eb('l.phone', 'like', like), eb('l.name', 'ilike', like)]));
  }
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const items = await base
    .select([
      'l.id',
      'l.batch_id as batchId',
      'l.phone',
      'l.name',
      'l.source',
      'l.notes',
      'l.status',
      'l.staff_userid as staffUserid',
      's.name as staffName',
      'l.round',
      'l.assigned_at as assignedAt',
      'l.deadline_at as deadlineAt',
      'l.added_at as addedAt',
      'l.added_by as addedBy',
      'l.external_userid as externalUserid',
    ])
    .orderBy('l.created_at', 'desc')
    .orderBy('l.row_no')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { items, total: Number(total.n) };
}

/** Per staff member: leads assigned (all rounds), added, reclaimed, still open. */
export async function staffConversion(tx: Tx, corpId: string, batchId: string | undefined) {
  const { rows } = await sql<{
    staff_userid: string;
    name: string | null;
    assigned: number;
    added: number;
    reclaimed: number;
    open: number;
  }>`
    select a.staff_userid, s.name, count(*)::int as assigned,
           count(*) filter (where a.outcome = 'added')::int as added,
           count(*) filter (where a.outcome = 'reclaimed')::int as reclaimed,
           count(*) filter (where a.outcome is null)::int as open
      from lead_assignments a left join staff s on s.corp_id = a.corp_id and s.userid = a.staff_userid
     where a.corp_id = ${corpId} ${batchId ? sql`and a.batch_id = ${batchId}::uuid` : sql``}
     group by a.staff_userid, s.name
     order by added desc, assigned desc, a.staff_userid
     limit 1000`.execute(tx);
  return rows.map((r) => ({
    staffUserid: r.staff_userid,
    staffName: r.name,
    assigned: r.assigned,
    added: r.added,
    reclaimed: r.reclaimed,
    open: r.open,
    rate: r.assigned ? r.added / r.assigned : 0,
  }));
}
