// SQL of moments' own tables (moments, moment_staff, moment_interactions); names of staff, departments, tags and
// customers are read beside them so that answers show names, not ids.
import type { MomentStatus } from '@siyu/contracts';
import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy';

export type MomentRow = {
  id: string;
  text: string;
  materialIds: string[];
  senderUserids: string[];
  senderDepartments: number[];
  tagIds: string[];
  status: MomentStatus;
  jobid: string | null;
  wecomMomentId: string | null;
  invalidSenders: string[];
  error: string | null;
  createdAt: Date;
  updatedAt: Date;
  syncedAt: Date | null;
  staffCount: number;
  publishedCount: number;
  likes: number;
  comments: number;
};

function base(tx: Tx, corpId: string) {
  return tx
    .selectFrom('moments as m')
    .where('m.corp_id', '=', corpId)
    .select((eb) => [
      'm.id',
      'm.text',
      'm.material_ids as materialIds',
      'm.sender_userids as senderUserids',
      'm.sender_departments as senderDepartments',
      'm.tag_ids as tagIds',
      'm.status',
      'm.jobid',
      'm.wecom_moment_id as wecomMomentId',
      'm.invalid_senders as invalidSenders',
      'm.error',
      'm.created_at as createdAt',
      'm.updated_at as updatedAt',
      'm.synced_at as syncedAt',
      eb
        .selectFrom('moment_staff as s')
        .whereRef('s.corp_id', '=', 'm.corp_id')
        .whereRef('s.moment_id', '=', 'm.id')
        .select(sql<string>`json_build_array(count(*), count(*) filter (where s.published), coalesce(sum(s.likes), 0), coalesce(sum(s.comments), 0))::text`.as('c'))
        .as('counts'),
    ]);
}

type Raw = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>;
function toRow(r: Raw): MomentRow {
  const [staffCount, publishedCount, likes, comments] = (JSON.parse(r.counts ?? '[0,0,0,0]') as Array<number | string>).map(Number);
  const { counts: _counts, ...rest } = r;
  return { ...rest, staffCount, publishedCount, likes, comments };
}

export async function listMoments(tx: Tx, corpId: string, f: { status?: MomentStatus; page: number; pageSize: number }) {
  let q = base(tx, corpId);
  if (f.status) q = q.where('m.status', '=', f.status);
  const [rows, total] = await Promise.all([
    q.orderBy('m.created_at', 'desc').orderBy('m.id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
    tx
      .selectFrom('moments')
      .where('corp_id', '=', corpId)
      .$if(!!f.status, (qb) => qb.where('status', '=', f.status as MomentStatus))
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map(toRow), total: Number(total.n) };
}

export async function findMoment(tx: Tx, corpId: string, id: string): Promise<MomentRow | null> {
  const r = await base(tx, corpId).where('m.id', '=', id).executeTakeFirst();
  return r ? toRow(r) : null;
}

export type NewMoment = { text: string; materialIds: string[]; senderUserids: string[]; senderDepartments: number[]; tagIds: string[]; createdBy: string | null };

export async function insertMoment(tx: Tx, corpId: string, m: NewMoment): Promise<string> {
  const row = await tx
    .insertInto('moments')
    .values({
      corp_id: corpId,
      text: m.text,
      material_ids: m.materialIds,
      sender_userids: m.senderUserids,
      sender_departments: m.senderDepartments,
      tag_ids: m.tagIds,
      created_by: m.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** queued → creating; only one caller ever gets it. */
export async function claimForCreate(tx: Tx, corpId: string, id: string): Promise<boolean> {
  const r = await tx
    .updateTable('moments')
    .set({ status: 'creating', updated_at: new Date() })
    .where('corp_id', '=', corpId)
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function setJob(tx: Tx, corpId: string, id: string, jobid: string, attachments: unknown[]): Promise<void> {
  await tx
    .updateTable('moments')
    .set({ jobid, attachments: JSON.stringify(attachments), updated_at: new Date() })
    .where('corp_id', '=', corpId)
    .where('id', '=', id)
    .execute();
}

export async function setCreated(tx: Tx, corpId: string, id: string, r: { momentId: string; invalidSenders: string[]; invalidTags: string[] }): Promise<void> {
  await tx
    .updateTable('moments')
    .set({ status: 'created', wecom_moment_id: r.momentId, invalid_senders: r.invalidSenders, invalid_tags: r.invalidTags, updated_at: new Date() })
    .where('corp_id', '=', corpId)
    .where('id', '=', id)
    .where('status', '=', 'creating')
    .execute();
}

export async function setFailed(tx: Tx, corpId: string, id: string, error: string): Promise<void> {
  await tx
    .updateTable('moments')
    .set({ status: 'failed', error: error.slice(0, 500), updated_at: new Date() })
    .where('corp_id', '=', corpId)
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'creating'])
    .execute();
}

/** Cancels a moment in one of `from`; false when it was in none of them. */
export async function setCanceled(tx: Tx, corpId: string, id: string, from: MomentStatus[]): Promise<boolean> {
  const r = await tx
    .updateTable('moments')
    .set({ status: 'canceled', updated_at: new Date() })
    .where('corp_id', '=', corpId)
    .where('id', '=', id)
    .where('status', 'in', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export type StaffResult = { userid: string; published: boolean; visible: number; shown: number; likes: Interaction[]; comments: Interaction[] };
export type Interaction = { externalUserid: string; at: Date };

/** Replaces the moment's per-staff results and interactions with what WeCom answered now. */
export async function saveResults(tx: Tx, corpId: string, id: string, staff: StaffResult[]): Promise<void> {
  await tx.deleteFrom('moment_interactions').where('corp_id', '=', corpId).where('moment_id', '=', id).execute();
  await tx.deleteFrom('moment_staff').where('corp_id', '=', corpId).where('moment_id', '=', id).execute();
  if (staff.length) {
    await tx
      .insertInto('moment_staff')
      .values(
        staff.map((s) => ({
          corp_id: corpId,
          moment_id: id,
          userid: s.userid,
          published: s.published,
          visible_customers: s.visible,
          shown_customers: s.shown,
          likes: s.likes.length,
          comments: s.comments.length,
        })),
      )
      .execute();
  }
  const rows = staff.flatMap((s) => [
    ...s.likes.map((i) => ({ corp_id: corpId, moment_id: id, userid: s.userid, kind: 'like' as const, external_userid: i.externalUserid, created_at: i.at })),
    ...s.comments.map((i) => ({ corp_id: corpId, moment_id: id, userid: s.userid, kind: 'comment' as const, external_userid: i.externalUserid, created_at: i.at })),
  ]);
  if (rows.length) await tx.insertInto('moment_interactions').values(rows).onConflict((oc) => oc.doNothing()).execute();
  await tx.updateTable('moments').set({ synced_at: new Date() }).where('corp_id', '=', corpId).where('id', '=', id).execute();
}

export async function staffOf(tx: Tx, corpId: string, id: string) {
  return tx
    .selectFrom('moment_staff as s')
    .leftJoin('staff as st', (j) => j.onRef('st.corp_id', '=', 's.corp_id').onRef('st.userid', '=', 's.userid'))
    .where('s.corp_id', '=', corpId)
    .where('s.moment_id', '=', id)
    .select([
      's.userid',
      sql<string>`coalesce(st.name, s.userid)`.as('name'),
      's.published',
      's.visible_customers as visibleCustomers',
      's.shown_customers as shownCustomers',
      's.likes',
      's.comments',
    ])
    .orderBy('s.published', 'desc')
    .orderBy('name')
    .execute();
}

export async function interactionsOf(tx: Tx, corpId: string, id: string) {
  return tx
    .selectFrom('moment_interactions as i')
    .leftJoin('staff as st', (j) => j.onRef('st.corp_id', '=', 'i.corp_id').onRef('st.userid', '=', 'i.userid'))
    .leftJoin('customers as c', (j) => j.onRef('c.corp_id', '=', 'i.corp_id').onRef('c.external_userid', '=', 'i.external_userid'))
    .where('i.corp_id', '=', corpId)
    .where('i.moment_id', '=', id)
    .select([
      'i.kind',
      sql<string>`coalesce(st.name, i.userid)`.as('staffName'),
      sql<string>`coalesce(nullif(c.name, ''), i.external_userid)`.as('customerName'),
      'c.id as customerId',
      'i.created_at as createdAt',
    ])
    .orderBy('i.created_at', 'desc')
    .limit(500)
    .execute();
}

/** Names for ids: staff by userid, departments and tags by id. */
export async function namesOf(tx: Tx, corpId: string, ids: { userids: string[]; departments: number[]; tags: string[] }) {
  const [staff, departments, tags] = await Promise.all([
    ids.userids.length
      ? tx.selectFrom('staff').select(['userid as id', 'name']).where('corp_id', '=', corpId).where('userid', 'in', ids.userids).execute()
      : [],
    ids.departments.length
      ? tx.selectFrom('departments').select(['id', 'name']).where('corp_id', '=', corpId).where('id', 'in', ids.departments).execute()
      : [],
    ids.tags.length ? tx.selectFrom('tags').select(['tag_id as id', 'name']).where('corp_id', '=', corpId).where('tag_id', 'in', ids.tags).execute() : [],
  ]);
  return {
    staff: new Map(staff.map((s) => [s.id, s.name])),
    departments: new Map(departments.map((d) => [String(d.id), d.name])),
    tags: new Map(tags.map((t) => [t.id, t.name])),
  };
}

/** Recent created moments whose results are worth pulling again. */
export async function recentCreated(tx: Tx, corpId: string, since: Date): Promise<string[]> {
  const rows = await tx.selectFrom('moments').select('id').where('corp_id', '=', corpId).where('status', '=', 'created').where('created_at', '>', since).execute();
  return rows.map((r) => r.id);
}
