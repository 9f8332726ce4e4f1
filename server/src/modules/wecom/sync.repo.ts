// Bulk writes of WeCom state into the local mirror. Each returns how many rows it changed, so the
// same code serves the full sync, live events and reconciliation ("what it fixed").
import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy';

const json = (rows: unknown) => JSON.stringify(rows);

export type CustomerRow = {
  external_userid: string;
  name: string;
  avatar: string | null;
  type: number | null;
  gender: number | null;
  unionid: string | null;
  corp_name: string | null;
};

export type FollowRow = {
  ext: string;
  userid: string;
  remark: string | null;
  description: string | null;
  createtime: number;
  tag_ids: string[];
  remark_corp_name: string | null;
  remark_mobiles: string[];
  oper_userid: string | null;
  add_way: number | null;
  state: string | null;
};

export type Changes = { inserted: number; updated: number };

function countChanges(rows: Array<{ inserted: boolean }>): Changes {
  let inserted = 0;
  for (const r of rows) if (r.inserted) inserted++;
  return { inserted, updated: rows.length - inserted };
}

/** Upserts customers (one row per external id); `insertedExts` are those new to Siyu. */
export async function upsertCustomers(tx: Tx, corpId: string, rows: CustomerRow[]): Promise<Changes & { insertedExts: string[] }> {
  if (rows.length === 0) return { inserted: 0, updated: 0, insertedExts: [] };
  const { rows: out } = await sql<{ inserted: boolean; external_userid: string }>`
    insert into customers (corp_id, external_userid, name, avatar, type, gender, unionid, corp_name)
    select ${corpId}, v.external_userid, coalesce(v.name, ''), v.avatar, v.type, v.gender, v.unionid, v.corp_name
      from jsonb_to_recordset(${json(rows)}::jsonb)
        as v(external_userid text, name text, avatar text, type integer, gender integer, unionid text, corp_name text)
    on conflict (corp_id, external_userid) do update set
      name = excluded.name, avatar = excluded.avatar, type = excluded.type, gender = excluded.gender,
      unionid = excluded.unionid, corp_name = excluded.corp_name, updated_at = now()
    where (customers.name, customers.avatar, customers.type, customers.gender, customers.unionid, customers.corp_name)
      is distinct from (excluded.name, excluded.avatar, excluded.type, excluded.gender, excluded.unionid, excluded.corp_name)
    returning (xmax = 0) as inserted, external_userid`.execute(tx);
  return { ...countChanges(out), insertedExts: out.filter((r) => r.inserted).map((r) => r.external_userid) };
}

/** Upserts active follows (customers must exist); a follow that was deleted comes back. */
export async function upsertFollows(tx: Tx, corpId: string, input: FollowRow[]): Promise<Changes> {
  // Pages can repeat a follow when customers are added while WeCom is paged; one statement may touch a row once.
  const rows = [...new Map(input.map((r) => [`${r.ext}\u0000${r.userid}`, r])).values()];
  if (rows.length === 0) return { inserted: 0, updated: 0 };
  const { rows: out } = await sql<{ inserted: boolean }>`
    insert into follows (corp_id, customer_id, staff_userid, remark, description, remark_mobiles, add_way, state,
                         oper_userid, tag_ids, remark_corp_name, followed_at, deleted_at, deleted_by, updated_at)
    select ${corpId}, c.id, v.userid, v.remark, v.description, coalesce(v.remark_mobiles, '{}'), v.add_way, v.state,
           v.oper_userid, coalesce(v.tag_ids, '{}'), v.remark_corp_name, to_timestamp(v.createtime), null, null, now()
      from jsonb_to_recordset(${json(rows)}::jsonb)
        as v(ext text, userid text, remark text, description text, createtime bigint, tag_ids text[],
             remark_corp_name text, remark_mobiles text[], oper_userid text, add_way integer, state text)
      join customers c on c.corp_id = ${corpId} and c.external_userid = v.ext
    on conflict (corp_id, customer_id, staff_userid) do update set
      remark = excluded.remark, description = excluded.description, remark_mobiles = excluded.remark_mobiles,
      add_way = excluded.add_way, state = excluded.state, oper_userid = excluded.oper_userid, tag_ids = excluded.tag_ids,
      remark_corp_name = excluded.remark_corp_name, followed_at = excluded.followed_at,
      deleted_at = null, deleted_by = null, updated_at = now()
    where (follows.remark, follows.description, follows.remark_mobiles, follows.add_way, follows.state, follows.oper_userid,
           follows.tag_ids, follows.remark_corp_name, follows.followed_at, follows.deleted_at)
      is distinct from (excluded.remark, excluded.description, excluded.remark_mobiles, excluded.add_way, excluded.state,
           excluded.oper_userid, excluded.tag_ids, excluded.remark_corp_name, excluded.followed_at, null::timestamptz)
    returning (xmax = 0) as inserted`.execute(tx);
  return countChanges(out);
}

/**
 * Marks deleted the active follows in scope (these staff, or this customer) that WeCom no longer has.
 * `keep` lists the (customer, staff) pairs WeCom still reports.
 */
export async function deleteMissingFollows(
  tx: Tx,
  corpId: string,
  scope: { staff: string[] } | { ext: string } | { exts: string[] },
  keep: Array<{ ext: string; userid: string }>,
): Promise<number> {
  const scopeSql =
    'staff' in scope
      ? sql`f.staff_userid = any(${scope.staff}::text[])`
      : 'exts' in scope
        ? sql`c.external_userid = any(${scope.exts}::text[])`
        : sql`c.external_userid = ${scope.ext}`;
  const { rows } = await sql<{ one: number }>`
    with keep as (select * from jsonb_to_recordset(${json(keep)}::jsonb) as k(ext text, userid text))
    update follows f set deleted_at = now(), updated_at = now()
      from customers c
     where f.corp_id = ${corpId} and c.corp_id = ${corpId} and c.id = f.customer_id and f.deleted_at is null
       and ${scopeSql}
       and not exists (select 1 from keep where keep.ext = c.external_userid and keep.userid = f.staff_userid)
    returning 1 as one`.execute(tx);
  return rows.length;
}

/** Who ended a (deleted) follow, from del_external_contact / del_follow_user. */
/** Who ended each deleted follow (the later callback of a pair wins: rows are applied in order, last one last). */
export async function setDeletedBy(tx: Tx, corpId: string, rows: ReadonlyArray<{ ext: string; userid: string; by: 'staff' | 'customer' }>) {
  if (rows.length === 0) return;
  const last = new Map(rows.map((r) => [`${r.ext}\u0000${r.userid}`, r]));
  const q = [...last.values()];
  await sql`
    update follows f set deleted_by = q.by, updated_at = now()
      from unnest(${q.map((r) => r.ext)}::text[], ${q.map((r) => r.userid)}::text[], ${q.map((r) => r.by)}::text[]) as q(ext, userid, by),
           customers c
     where f.corp_id = ${corpId} and c.corp_id = ${corpId} and c.id = f.customer_id and c.external_userid = q.ext
       and f.staff_userid = q.userid and f.deleted_at is not null and f.deleted_by is distinct from q.by`.execute(tx);
}

export type GroupRow = {
  chat_id: string;
  name: string;
  owner: string | null;
  notice: string | null;
  create_time: number;
  member_version: string | null;
  admin_userids: string[];
  members: Array<{
    userid: string;
    type: number;
    join_time: number | null;
    join_scene: number | null;
    invitor_userid: string | null;
    group_nickname: string | null;
    name: string | null;
    unionid: string | null;
  }>;
};

export type GroupChanges = { groupInserted: number; groupUpdated: number; membersAdded: number; membersUpdated: number; membersRemoved: number };

/** One group (the full sync walks them one by one). */
export function upsertGroup(tx: Tx, corpId: string, g: GroupRow): Promise<GroupChanges> {
  return upsertGroups(tx, corpId, [g]);
}

/**
 * Groups and their members as WeCom reports them, in three statements however many groups (a batch of callbacks):
 * the groups, the members who left, the members who are there. One row per chat id (the latest report wins).
 */
export async function upsertGroups(tx: Tx, corpId: string, list: readonly GroupRow[]): Promise<GroupChanges> {
  const groups = [...new Map(list.map((g) => [g.chat_id, g])).values()];
  if (groups.length === 0) return { groupInserted: 0, groupUpdated: 0, membersAdded: 0, membersUpdated: 0, membersRemoved: 0 };
  const { rows: gr } = await sql<{ inserted: boolean }>`
    insert into groups (corp_id, chat_id, name, owner_userid, notice, member_count, created_at, dismissed_at, member_version, admin_userids, updated_at)
    select ${corpId}, g.chat_id, g.name, g.owner, g.notice, g.member_count, to_timestamp(g.create_time), null, g.member_version,
           array(select jsonb_array_elements_text(g.admin_userids)), now()
      from jsonb_to_recordset(${json(groups.map((g) => ({ ...g, members: undefined, member_count: g.members.length })))}::jsonb)
        as g(chat_id text, name text, owner text, notice text, member_count integer, create_time bigint, member_version text, admin_userids jsonb)
    on conflict (corp_id, chat_id) do update set
      name = excluded.name, owner_userid = excluded.owner_userid, notice = excluded.notice, member_count = excluded.member_count,
      created_at = excluded.created_at, dismissed_at = null, member_version = excluded.member_version,
      admin_userids = excluded.admin_userids, updated_at = now()
    where (groups.name, groups.owner_userid, groups.notice, groups.member_count, groups.created_at, groups.dismissed_at,
           groups.member_version, groups.admin_userids)
      is distinct from (excluded.name, excluded.owner_userid, excluded.notice, excluded.member_count, excluded.created_at,
           null::timestamptz, excluded.member_version, excluded.admin_userids)
    returning (xmax = 0) as inserted`.execute(tx);
  const { rows: removed } = await sql<{ one: number }>`
    delete from group_members gm
     using jsonb_to_recordset(${json(groups.map((g) => ({ chat_id: g.chat_id, userids: g.members.map((m) => m.userid) })))}::jsonb)
        as g(chat_id text, userids jsonb)
     where gm.corp_id = ${corpId} and gm.chat_id = g.chat_id and not (g.userids ? gm.userid)
    returning 1 as one`.execute(tx);
  const members = groups.flatMap((g) => g.members.map((m) => ({ ...m, chat_id: g.chat_id })));
  let mc: Changes = { inserted: 0, updated: 0 };
  if (members.length) {
    const { rows: mr } = await sql<{ inserted: boolean }>`
      insert into group_members (corp_id, chat_id, userid, type, join_time, join_scene, invitor_userid, group_nickname, name, unionid)
      select ${corpId}, v.chat_id, v.userid, v.type, to_timestamp(v.join_time), v.join_scene, v.invitor_userid,
             v.group_nickname, v.name, v.unionid
        from jsonb_to_recordset(${json(members)}::jsonb)
          as v(chat_id text, userid text, type integer, join_time bigint, join_scene integer, invitor_userid text, group_nickname text, name text, unionid text)
      on conflict (corp_id, chat_id, userid) do update set
        type = excluded.type, join_time = excluded.join_time, join_scene = excluded.join_scene,
        invitor_userid = excluded.invitor_userid, group_nickname = excluded.group_nickname, name = excluded.name,
        unionid = excluded.unionid
      where (group_members.type, group_members.join_time, group_members.join_scene, group_members.invitor_userid,
             group_members.group_nickname, group_members.name, group_members.unionid)
        is distinct from (excluded.type, excluded.join_time, excluded.join_scene, excluded.invitor_userid,
             excluded.group_nickname, excluded.name, excluded.unionid)
      returning (xmax = 0) as inserted`.execute(tx);
    mc = countChanges(mr);
  }
  const gc = countChanges(gr);
  return {
    groupInserted: gc.inserted,
    groupUpdated: gc.updated,
    membersAdded: mc.inserted,
    membersUpdated: mc.updated,
    membersRemoved: removed.length,
  };
}

/** Marks groups dismissed (and empties them): the given ids, or every live group not in `keep`. */
export async function dismissGroups(tx: Tx, corpId: string, which: { chatIds: string[] } | { keep: string[] }): Promise<number> {
  const cond =
    'chatIds' in which ? sql`chat_id = any(${which.chatIds}::text[])` : sql`not (chat_id = any(${which.keep}::text[]))`;
  const { rows } = await sql<{ chat_id: string }>`
    update groups set dismissed_at = now(), member_count = 0, updated_at = now()
     where corp_id = ${corpId} and dismissed_at is null and ${cond}
    returning chat_id`.execute(tx);
  if (rows.length) {
    await sql`delete from group_members where corp_id = ${corpId} and chat_id = any(${rows.map((r) => r.chat_id)}::text[])`.execute(tx);
  }
  return rows.length;
}

export type TagGroupRow = {
  group_id: string;
  group_name: string;
  create_time: number;
  order: number;
  tag: Array<{ id: string; name: string; create_time: number; order: number }>;
};

/** Makes tag_groups/tags equal to WeCom's list; strips deleted tags from follows. */
export async function replaceTags(tx: Tx, corpId: string, groups: TagGroupRow[]) {
  const gs = groups.map((g) => ({ group_id: g.group_id, name: g.group_name, create_time: g.create_time, sort_order: g.order }));
  const ts = groups.flatMap((g) =>
    g.tag.map((t) => ({ tag_id: t.id, group_id: g.group_id, name: t.name, create_time: t.create_time, sort_order: t.order })),
  );
  const { rows: gr } = await sql<{ inserted: boolean }>`
    insert into tag_groups (corp_id, group_id, name, sort_order, created_at, updated_at)
    select ${corpId}, v.group_id, v.name, v.sort_order, to_timestamp(v.create_time), now()
      from jsonb_to_recordset(${json(gs)}::jsonb) as v(group_id text, name text, sort_order bigint, create_time bigint)
    on conflict (corp_id, group_id) do update set name = excluded.name, sort_order = excluded.sort_order,
      created_at = excluded.created_at, updated_at = now()
    where (tag_groups.name, tag_groups.sort_order, tag_groups.created_at) is distinct from (excluded.name, excluded.sort_order, excluded.created_at)
    returning (xmax = 0) as inserted`.execute(tx);
  const { rows: tr } = await sql<{ inserted: boolean }>`
    insert into tags (corp_id, tag_id, group_id, name, sort_order, created_at, updated_at)
    select ${corpId}, v.tag_id, v.group_id, v.name, v.sort_order, to_timestamp(v.create_time), now()
      from jsonb_to_recordset(${json(ts)}::jsonb) as v(tag_id text, group_id text, name text, sort_order bigint, create_time bigint)
    on conflict (corp_id, tag_id) do update set group_id = excluded.group_id, name = excluded.name, sort_order = excluded.sort_order,
      created_at = excluded.created_at, updated_at = now()
    where (tags.group_id, tags.name, tags.sort_order, tags.created_at)
      is distinct from (excluded.group_id, excluded.name, excluded.sort_order, excluded.created_at)
    returning (xmax = 0) as inserted`.execute(tx);
  const tagIds = ts.map((t) => t.tag_id);
  const { rows: deleted } = await sql<{ tag_id: string }>`
    delete from tags where corp_id = ${corpId} and not (tag_id = any(${tagIds}::text[])) returning tag_id`.execute(tx);
  const { rows: deletedGroups } = await sql<{ group_id: string }>`
    delete from tag_groups where corp_id = ${corpId} and not (group_id = any(${gs.map((g) => g.group_id)}::text[])) returning group_id`.execute(tx);
  let stripped = 0;
  if (deleted.length) {
    const gone = deleted.map((d) => d.tag_id);
    const { rows } = await sql<{ one: number }>`
      update follows set tag_ids = array(select t from unnest(tag_ids) t where not (t = any(${gone}::text[]))), updated_at = now()
       where corp_id = ${corpId} and tag_ids && ${gone}::text[] returning 1 as one`.execute(tx);
    stripped = rows.length;
  }
  const g = countChanges(gr);
  const t = countChanges(tr);
  return {
    tagGroupsInserted: g.inserted,
    tagGroupsUpdated: g.updated,
    tagGroupsDeleted: deletedGroups.length,
    tagsInserted: t.inserted,
    tagsUpdated: t.updated,
    tagsDeleted: deleted.length,
    followsStripped: stripped,
  };
}

export type DepartmentRow = { id: number; name: string; parentid: number; order: number; department_leader?: string[] };

export async function replaceDepartments(tx: Tx, corpId: string, rows: DepartmentRow[]): Promise<number> {
  const vs = rows.map((d) => ({ id: d.id, name: d.name, parent_id: d.parentid, sort_order: d.order, leaders: d.department_leader ?? [] }));
  const { rows: out } = await sql<{ inserted: boolean }>`
    insert into departments (corp_id, id, name, parent_id, sort_order, leaders, updated_at)
    select ${corpId}, v.id, v.name, v.parent_id, v.sort_order, coalesce(v.leaders, '{}'), now()
      from jsonb_to_recordset(${json(vs)}::jsonb) as v(id integer, name text, parent_id integer, sort_order bigint, leaders text[])
    on conflict (corp_id, id) do update set name = excluded.name, parent_id = excluded.parent_id, sort_order = excluded.sort_order,
      leaders = excluded.leaders, updated_at = now()
    where (departments.name, departments.parent_id, departments.sort_order, departments.leaders)
      is distinct from (excluded.name, excluded.parent_id, excluded.sort_order, excluded.leaders)
    returning (xmax = 0) as inserted`.execute(tx);
  const { rows: del } = await sql<{ one: number }>`
    delete from departments where corp_id = ${corpId} and not (id = any(${rows.map((d) => d.id)}::int[])) returning 1 as one`.execute(tx);
  return out.length + del.length;
}

export type StaffRow = { userid: string; name: string; department: number[]; mobile: string | null; status: number; is_follow_user: boolean };

/** Upserts staff; staff WeCom no longer lists are marked resigned (status 5) and lose the follow permission. */
export async function replaceStaff(tx: Tx, corpId: string, rows: StaffRow[]): Promise<Changes & { resigned: number }> {
  const { rows: out } = await sql<{ inserted: boolean }>`
    insert into staff (corp_id, userid, name, department_ids, mobile, status, is_follow_user, updated_at)
    select ${corpId}, v.userid, v.name, coalesce(v.department, '{}'), v.mobile, v.status, v.is_follow_user, now()
      from jsonb_to_recordset(${json(rows)}::jsonb)
        as v(userid text, name text, department integer[], mobile text, status integer, is_follow_user boolean)
    on conflict (corp_id, userid) do update set name = excluded.name, department_ids = excluded.department_ids,
      mobile = excluded.mobile, status = excluded.status, is_follow_user = excluded.is_follow_user, updated_at = now()
    where (staff.name, staff.department_ids, staff.mobile, staff.status, staff.is_follow_user)
      is distinct from (excluded.name, excluded.department_ids, excluded.mobile, excluded.status, excluded.is_follow_user)
    returning (xmax = 0) as inserted`.execute(tx);
  const { rows: gone } = await sql<{ one: number }>`
    update staff set status = 5, is_follow_user = false, updated_at = now()
     where corp_id = ${corpId} and status <> 5 and not (userid = any(${rows.map((r) => r.userid)}::text[])) returning 1 as one`.execute(tx);
  return { ...countChanges(out), resigned: gone.length };
}

export async function setFollowUsers(tx: Tx, corpId: string, userids: string[]): Promise<void> {
  await sql`update staff set is_follow_user = (userid = any(${userids}::text[])), updated_at = now()
             where corp_id = ${corpId} and is_follow_user is distinct from (userid = any(${userids}::text[]))`.execute(tx);
}
