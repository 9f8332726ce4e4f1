// WeCom API shapes → rows of the local mirror. Empty strings become null so every path stores the same, and every
// string is cleaned (clean-text.ts): whatever WeCom sends, the row can be written.
import type { CorpTagGroup, ExternalContact, FollowInfo, FollowUser, GroupChat, OrgUser } from '@siyu/wecom';
import { cleanDeep } from './clean-text';
import type { CustomerRow, FollowRow, GroupRow, StaffRow, TagGroupRow } from './sync.repo';

const nz = (s: string | undefined | null): string | null => (s === undefined || s === null || s === '' ? null : s);

export function customerRow(c: ExternalContact): CustomerRow {
  return cleanDeep({
    external_userid: c.external_userid,
    name: c.name ?? '',
    avatar: nz(c.avatar),
    type: c.type ?? null,
    gender: c.gender ?? null,
    unionid: nz(c.unionid),
    corp_name: nz(c.corp_name),
  });
}

function followBase(ext: string, f: FollowUser | FollowInfo, tagIds: string[]): FollowRow {
  return cleanDeep({
    ext,
    userid: f.userid,
    remark: nz(f.remark),
    description: nz(f.description),
    createtime: f.createtime ?? 0,
    tag_ids: [...new Set(tagIds)].sort(),
    remark_corp_name: nz(f.remark_corp_name),
    remark_mobiles: f.remark_mobiles ?? [],
    oper_userid: nz(f.oper_userid),
    add_way: f.add_way ?? null,
    state: nz(f.state),
  });
}

/** follow_user[] of externalcontact/get: corp tags (type 1) only. */
export function followRowFromGet(ext: string, f: FollowUser): FollowRow {
  const tagIds = (f.tags ?? []).filter((t) => t.type === 1 && t.tag_id).map((t) => t.tag_id as string);
  return followBase(ext, f, tagIds);
}

/** follow_info of batch/get_by_user. */
export function followRowFromBatch(ext: string, f: FollowInfo): FollowRow {
  return followBase(ext, f, f.tag_id ?? []);
}

export function groupRow(g: GroupChat): GroupRow {
  return cleanDeep({
    chat_id: g.chat_id,
    name: g.name ?? '',
    owner: nz(g.owner),
    notice: nz(g.notice),
    create_time: g.create_time ?? 0,
    member_version: nz(g.member_version),
    admin_userids: (g.admin_list ?? []).map((a) => a.userid),
    members: (g.member_list ?? []).map((m) => ({
      userid: m.userid,
      type: m.type,
      join_time: m.join_time ?? null,
      join_scene: m.join_scene ?? null,
      invitor_userid: nz(m.invitor?.userid),
      group_nickname: nz(m.group_nickname),
      name: nz(m.name),
      unionid: nz(m.unionid),
    })),
  });
}

export function staffRow(u: OrgUser, followUsers: Set<string>): StaffRow {
  return cleanDeep({
    userid: u.userid,
    name: u.name,
    department: u.department ?? [],
    mobile: nz(u.mobile),
    status: u.status ?? 1,
    is_follow_user: followUsers.has(u.userid),
  });
}

/** get_corp_tag_list → the live groups and tags (deleted ones left out). */
export function tagGroupRows(groups: CorpTagGroup[] | undefined): TagGroupRow[] {
  return cleanDeep(
    (groups ?? [])
      .filter((g) => !g.deleted)
      .map((g) => ({
        group_id: g.group_id,
        group_name: g.group_name,
        create_time: g.create_time,
        order: g.order,
        tag: (g.tag ?? []).filter((t) => !t.deleted).map((t) => ({ id: t.id, name: t.name, create_time: t.create_time, order: t.order })),
      })),
  );
}

/** department/list rows, cleaned. */
export function departmentRows<T extends { name: string }>(deps: T[]): T[] {
  return cleanDeep(deps);
}
