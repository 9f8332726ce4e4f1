// Customers (externalcontact get/list/batch/remark) and corp tags.

import type { FastifyInstance } from 'fastify';
import { defineApi } from '../api';
import { WxError } from '../errors';
import { charLen, page } from '../params';
import type { SandboxState } from '../state';
import type { CorpState, Follow, Tag, TagGroup } from '../types';
import { contactView, followInfoView, followUserView } from '../views';

const GET_FOLLOW_PAGE = 500;

export function requireFollow(corp: CorpState, userid: string, externalUserid: string): Follow {
  if (!corp.staff.has(userid)) throw new WxError(40003);
  if (!corp.customers.has(externalUserid)) throw new WxError(40096);
  const f = corp.followsByUser.get(userid)?.get(externalUserid);
  if (!f) throw new WxError(84061);
  return f;
}

function groupView(g: TagGroup, tags: Tag[]) {
  return {
    group_id: g.group_id,
    group_name: g.group_name,
    create_time: g.create_time,
    order: g.order,
    deleted: false,
    tag: tags.map((t) => ({ id: t.id, name: t.name, create_time: t.create_time, order: t.order, deleted: false })),
  };
}

function tagsOf(corp: CorpState, groupId: string): Tag[] {
  return [...corp.tags.values()].filter((t) => t.group_id === groupId);
}

function checkTagName(name: string, what: string): void {
  if (!name.trim()) throw new WxError(40058, `${what} is empty`);
  if (charLen(name) > 30) throw new WxError(40058, `${what} over 30 characters`);
}

export function registerExternalContactRoutes(app: FastifyInstance, state: SandboxState): void {
  defineApi(app, state, 'GET', 'externalcontact/get_follow_user_list', ({ corp }) => ({
    follow_user: [...corp.staff.values()].filter((s) => s.can_have_customers && s.status === 1).map((s) => s.userid),
  }));

  defineApi(app, state, 'GET', 'externalcontact/list', ({ corp, query }) => {
    const userid = query.str('userid');
    if (!corp.staff.has(userid)) throw new WxError(40003);
    return { external_userid: [...(corp.followsByUser.get(userid)?.keys() ?? [])] };
  });

  defineApi(app, state, 'GET', 'externalcontact/get', ({ corp, query }) => {
    const ext = query.str('external_userid');
    const c = corp.customers.get(ext);
    if (!c) throw new WxError(40096);
    const follows = [...(corp.followsByCustomer.get(ext)?.values() ?? [])];
    if (follows.length === 0) throw new WxError(84061);
    const p = page(follows, query.optStr('cursor'), GET_FOLLOW_PAGE);
    return {
      external_contact: contactView(c),
      follow_user: p.items.map((f) => followUserView(corp, f)),
      next_cursor: p.next_cursor,
    };
  });

  defineApi(app, state, 'POST', 'externalcontact/batch/get_by_user', ({ corp, body }) => {
    const users = body.strArr('userid_list');
    if (users.length === 0) throw new WxError(40058, 'userid_list is empty');
    if (users.length > 100) throw new WxError(40058, 'userid_list over 100');
    const limit = body.optNum('limit') ?? 50;
    if (limit < 1 || limit > 100) throw new WxError(40058, 'limit must be 1..100');
    for (const u of users) if (!corp.staff.has(u)) throw new WxError(40003, u);
    const all = users.flatMap((u) => [...(corp.followsByUser.get(u)?.values() ?? [])]);
    const p = page(all, body.optStr('cursor'), limit);
    return {
      external_contact_list: p.items.map((f) => ({
        external_contact: contactView(corp.customers.get(f.external_userid) ?? missingCustomer(f.external_userid)),
        follow_info: followInfoView(f),
      })),
      next_cursor: p.next_cursor,
    };
  });

  defineApi(app, state, 'POST', 'externalcontact/remark', ({ corp, body }) => {
    const f = requireFollow(corp, body.str('userid'), body.str('external_userid'));
    const remark = body.optStr('remark');
    const description = body.optStr('description');
    const company = body.optStr('remark_company');
    const mobiles = body.has('remark_mobiles') ? body.strArr('remark_mobiles') : undefined;
    if (remark !== undefined && charLen(remark) > 20) throw new WxError(40058, 'remark over 20 characters');
    if (description !== undefined && charLen(description) > 150)
      throw new WxError(40058, 'description over 150 characters');
    if (company !== undefined && charLen(company) > 20) throw new WxError(40058, 'remark_company over 20 characters');
    if (mobiles && mobiles.some((m) => !/^[0-9+\-\s]{1,32}$/.test(m)))
      throw new WxError(40058, 'invalid remark_mobiles');
    if (
      remark === undefined &&
      description === undefined &&
      company === undefined &&
      !mobiles &&
      !body.has('remark_pic_mediaid')
    ) {
      throw new WxError(40058, 'nothing to change');
    }
    if (remark !== undefined) f.remark = remark;
    if (description !== undefined) f.description = description;
    if (company !== undefined) f.remark_corp_name = company;
    if (mobiles) f.remark_mobiles = mobiles;
    return {};
  });

  defineApi(app, state, 'POST', 'externalcontact/get_corp_tag_list', ({ corp, body }) => {
    const tagIds = body.strArr('tag_id');
    const groupIds = body.strArr('group_id');
    const groups = [...corp.tagGroups.values()].sort((a, b) => b.order - a.order);
    if (tagIds.length > 0) {
      const want = new Set(tagIds);
      return {
        tag_group: groups
          .map((g) =>
            groupView(
              g,
              tagsOf(corp, g.group_id).filter((t) => want.has(t.id)),
            ),
          )
          .filter((g) => g.tag.length > 0),
      };
    }
    const want = groupIds.length > 0 ? new Set(groupIds) : null;
    return {
      tag_group: groups.filter((g) => !want || want.has(g.group_id)).map((g) => groupView(g, tagsOf(corp, g.group_id))),
    };
  });

  defineApi(app, state, 'POST', 'externalcontact/add_corp_tag', ({ state, corp, body }) => {
    const groupId = body.optStr('group_id');
    const groupName = body.optStr('group_name');
    const tags = body.arr('tag');
    if (tags.length === 0) throw new WxError(40058, 'tag is empty');
    let group: TagGroup | undefined;
    if (groupId) {
      group = corp.tagGroups.get(groupId);
      if (!group) throw new WxError(40068, 'group_id not found');
    } else {
      if (!groupName) throw new WxError(40058, 'group_id or group_name required');
      checkTagName(groupName, 'group_name');
      group = [...corp.tagGroups.values()].find((g) => g.group_name === groupName);
    }
    const specs = tags.map((t) => {
      const obj = typeof t === 'object' && t !== null && !Array.isArray(t) ? t : {};
      const name = typeof obj.name === 'string' ? obj.name : '';
      const order = typeof obj.order === 'number' ? obj.order : 0;
      checkTagName(name, 'tag.name');
      return { name, order };
    });
    const existing = new Set(group ? tagsOf(corp, group.group_id).map((t) => t.name) : []);
    const seen = new Set<string>();
    for (const s of specs) {
      if (existing.has(s.name) || seen.has(s.name)) throw new WxError(40071, s.name);
      seen.add(s.name);
    }
    if (!group) group = state.addTagGroup(corp, groupName as string, body.optNum('order') ?? 0);
    const created = specs.map((s) => state.addTag(corp, (group as TagGroup).group_id, s.name, s.order));
    return { tag_group: groupView(group, created) };
  });

  defineApi(app, state, 'POST', 'externalcontact/edit_corp_tag', ({ corp, body }) => {
    const id = body.str('id');
    const name = body.optStr('name');
    const order = body.optNum('order');
    const tag = corp.tags.get(id);
    const group = corp.tagGroups.get(id);
    if (!tag && !group) throw new WxError(40068);
    if (name !== undefined) {
      checkTagName(name, 'name');
      if (tag && tagsOf(corp, tag.group_id).some((t) => t.name === name && t.id !== id)) throw new WxError(40071, name);
      if (group && [...corp.tagGroups.values()].some((g) => g.group_name === name && g.group_id !== id)) {
        throw new WxError(40071, name);
      }
    }
    if (tag) {
      if (name !== undefined) tag.name = name;
      if (order !== undefined) tag.order = order;
    } else if (group) {
      if (name !== undefined) group.group_name = name;
      if (order !== undefined) group.order = order;
    }
    return {};
  });

  defineApi(app, state, 'POST', 'externalcontact/del_corp_tag', ({ state, corp, body }) => {
    const tagIds = body.strArr('tag_id');
    const groupIds = body.strArr('group_id');
    if (tagIds.length === 0 && groupIds.length === 0) throw new WxError(40058, 'tag_id and group_id are empty');
    for (const id of tagIds) if (!corp.tags.has(id)) throw new WxError(40068, id);
    for (const id of groupIds) if (!corp.tagGroups.has(id)) throw new WxError(40068, id);
    state.deleteTags(corp, tagIds, groupIds);
    return {};
  });

  defineApi(app, state, 'POST', 'externalcontact/mark_tag', ({ corp, body }) => {
    const f = requireFollow(corp, body.str('userid'), body.str('external_userid'));
    const add = body.strArr('add_tag');
    const remove = body.strArr('remove_tag');
    if (add.length === 0 && remove.length === 0) throw new WxError(40058, 'add_tag and remove_tag are empty');
    for (const id of [...add, ...remove]) if (!corp.tags.has(id)) throw new WxError(40068, id);
    const set = new Set(f.tag_ids);
    for (const id of add) set.add(id);
    for (const id of remove) set.delete(id);
    f.tag_ids = [...set];
    return {};
  });
}

function missingCustomer(external_userid: string) {
  return {
    external_userid,
    name: '',
    avatar: '',
    type: 1 as const,
    gender: 0 as const,
    unionid: '',
    phone: '',
    position: '',
    corp_name: '',
    corp_full_name: '',
  };
}
