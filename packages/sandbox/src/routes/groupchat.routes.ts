// Customer groups: list/get, statistics and staff behaviour data.

import type { FastifyInstance } from 'fastify';
import { defineApi } from '../api';
import { dayStartSec } from '../clock';
import { WxError } from '../errors';
import { page } from '../params';
import type { SandboxState } from '../state';
import type { CorpState, Group } from '../types';
import { memberVersion } from '../views';

const DAY = 86400;

function followUserCount(corp: CorpState): number {
  let n = 0;
  for (const s of corp.staff.values()) if (s.can_have_customers && s.status === 1) n++;
  return n;
}

function ownerFilter(corp: CorpState, list: string[] | null): Set<string> | null {
  if (list === null || list.length === 0) {
    if (followUserCount(corp) > 1000) throw new WxError(81017);
    return null;
  }
  if (list.length > 100) throw new WxError(40058, 'owner_filter.userid_list over 100');
  return new Set(list);
}

interface GroupStat {
  new_chat_cnt: number;
  chat_total: number;
  chat_has_msg: number;
  new_member_cnt: number;
  member_total: number;
  member_has_msg: number;
  msg_total: number;
  migrate_trainee_chat_cnt: number;
}

function stat(groups: Group[], begin: number, end: number): GroupStat {
  const s: GroupStat = {
    new_chat_cnt: 0,
    chat_total: 0,
    chat_has_msg: 0,
    new_member_cnt: 0,
    member_total: 0,
    member_has_msg: 0,
    msg_total: 0,
    migrate_trainee_chat_cnt: 0,
  };
  for (const g of groups) {
    if (g.create_time >= end) continue;
    s.chat_total++;
    if (g.create_time >= begin) s.new_chat_cnt++;
    const members = g.members.filter((m) => m.join_time < end);
    s.member_total += members.length;
    s.new_member_cnt += members.filter((m) => m.join_time >= begin).length;
    if (g.msg_count > 0) {
      s.chat_has_msg++;
      s.msg_total += g.msg_count;
      s.member_has_msg += Math.min(members.length, g.msg_count);
    }
  }
  return s;
}

function dayRange(begin: number, endDay: number | undefined): { begin: number; end: number } {
  const b = dayStartSec(begin);
  const e = dayStartSec(endDay ?? begin) + DAY;
  if (e <= b) throw new WxError(40058, 'day_end_time before day_begin_time');
  if (e - b > 30 * DAY) throw new WxError(40058, 'time range over 30 days');
  return { begin: b, end: e };
}

function ownerList(body: {
  obj(k: string): { has(k: string): boolean; strArr(k: string): string[] };
}): string[] | null {
  const f = body.obj('owner_filter');
  return f.has('userid_list') ? f.strArr('userid_list') : null;
}

export function registerGroupChatRoutes(app: FastifyInstance, state: SandboxState): void {
  defineApi(app, state, 'POST', 'externalcontact/groupchat/list', ({ corp, body }) => {
    const limit = body.num('limit');
    if (limit < 1 || limit > 1000) throw new WxError(40058, 'limit must be 1..1000');
    const status = body.optNum('status_filter') ?? 0;
    const owners = ownerFilter(corp, ownerList(body));
    const list = [...corp.groups.values()].filter(
      (g) => !g.dismissed && (!owners || owners.has(g.owner)) && (status === 0 ? true : g.status === status),
    );
    const p = page(list, body.optStr('cursor'), limit);
    return {
      group_chat_list: p.items.map((g) => ({ chat_id: g.chat_id, status: g.status })),
      next_cursor: p.next_cursor,
    };
  });

  defineApi(app, state, 'POST', 'externalcontact/groupchat/get', ({ corp, body }) => {
    const g = corp.groups.get(body.str('chat_id'));
    if (!g || g.dismissed) throw new WxError(40050);
    const needName = body.optNum('need_name') === 1;
    return {
      group_chat: {
        chat_id: g.chat_id,
        name: g.name,
        owner: g.owner,
        create_time: g.create_time,
        notice: g.notice,
        member_list: g.members.map((m) => ({
          userid: m.userid,
          type: m.type,
          join_time: m.join_time,
          join_scene: m.join_scene,
          ...(m.invitor ? { invitor: { userid: m.invitor } } : {}),
          group_nickname: m.group_nickname,
          ...(needName ? { name: m.name } : {}),
          ...(m.type === 2 && m.unionid ? { unionid: m.unionid } : {}),
        })),
        admin_list: g.admin_list.map((userid) => ({ userid })),
        member_version: memberVersion(g.chat_id, g.mem_ver),
      },
    };
  });

  defineApi(app, state, 'POST', 'externalcontact/groupchat/statistic', ({ corp, body }) => {
    const { begin, end } = dayRange(body.num('day_begin_time'), body.optNum('day_end_time'));
    const owners = ownerFilter(corp, ownerList(body));
    const offset = body.optNum('offset') ?? 0;
    const limit = body.optNum('limit') ?? 500;
    if (limit < 1 || limit > 1000) throw new WxError(40058, 'limit must be 1..1000');
    const orderBy = body.optNum('order_by') ?? 1;
    const asc = body.optNum('order_asc') === 1;
    const byOwner = new Map<string, Group[]>();
    for (const g of corp.groups.values()) {
      if (owners && !owners.has(g.owner)) continue;
      const list = byOwner.get(g.owner) ?? [];
      list.push(g);
      byOwner.set(g.owner, list);
    }
    const key: keyof GroupStat =
      (['chat_total', 'chat_total', 'new_chat_cnt', 'member_total', 'new_member_cnt'] as const)[orderBy] ??
      'chat_total';
    const items = [...byOwner.entries()]
      .map(([owner, groups]) => ({ owner, data: stat(groups, begin, end) }))
      .sort((a, b) => (asc ? a.data[key] - b.data[key] : b.data[key] - a.data[key]));
    const slice = items.slice(offset, offset + limit);
    return { total: items.length, next_offset: offset + slice.length, items: slice };
  });

  defineApi(app, state, 'POST', 'externalcontact/groupchat/statistic_group_by_day', ({ corp, body }) => {
    const { begin, end } = dayRange(body.num('day_begin_time'), body.optNum('day_end_time'));
    const list = ownerList(body);
    if (!list || list.length === 0) throw new WxError(40058, 'owner_filter.userid_list is required');
    const owners = ownerFilter(corp, list) ?? new Set<string>();
    const groups = [...corp.groups.values()].filter((g) => owners.has(g.owner));
    const items = [];
    for (let d = begin; d < end; d += DAY) items.push({ stat_time: d, data: stat(groups, d, d + DAY) });
    return { items };
  });

  defineApi(app, state, 'POST', 'externalcontact/get_user_behavior_data', ({ corp, body }) => {
    const users = body.strArr('userid');
    const parties = body.numArr('partyid');
    if (users.length === 0 && parties.length === 0) throw new WxError(40058, 'userid and partyid are both empty');
    if (users.length > 100) throw new WxError(40058, 'userid over 100');
    for (const u of users) if (!corp.staff.has(u)) throw new WxError(40003, u);
    const who = new Set(users);
    for (const s of corp.staff.values()) if (s.department.some((d) => parties.includes(d))) who.add(s.userid);
    const begin = dayStartSec(body.num('start_time'));
    const end = dayStartSec(body.num('end_time')) + DAY;
    if (end <= begin) throw new WxError(40058, 'end_time before start_time');
    if (end - begin > 30 * DAY) throw new WxError(40058, 'time range over 30 days');
    const behavior_data = [];
    for (let d = begin; d < end; d += DAY) {
      let added = 0;
      for (const u of who) {
        for (const f of corp.followsByUser.get(u)?.values() ?? [])
          if (f.createtime >= d && f.createtime < d + DAY) added++;
      }
      const chats = added * 2;
      behavior_data.push({
        stat_time: d,
        chat_cnt: chats,
        message_cnt: chats * 3,
        reply_percentage: chats > 0 ? 100 : 0,
        avg_reply_time: chats > 0 ? 5 : 0,
        negative_feedback_cnt: 0,
        new_apply_cnt: added,
        new_contact_cnt: added,
      });
    }
    return { behavior_data };
  });
}
