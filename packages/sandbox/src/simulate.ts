// What customers and staff do in WeCom, as state changes plus the callbacks WeCom would send.

import { SandboxError } from './errors';
import type { EventField } from './event-xml';
import type { SandboxState } from './state';
import type { CorpState, Customer, Follow, Group, JoinWay, Staff } from './types';
import { memberVersion } from './views';

export const WELCOME_CODE_TTL_MS = 20_000;
export const AUTO_ROOM_SIZE = 200;
export const MAX_GROUP_SIZE = 500;

const notFound = (what: string, id: string) => new SandboxError(404, `${what}_not_found`, `${what} ${id} not found`);

export function requireCustomer(corp: CorpState, id: string): Customer {
  const c = corp.customers.get(id);
  if (!c) throw notFound('customer', id);
  return c;
}

export function requireStaff(corp: CorpState, userid: string, active = true): Staff {
  const s = corp.staff.get(userid);
  if (!s) throw notFound('staff', userid);
  if (active && s.status !== 1) throw new SandboxError(409, 'staff_inactive', `staff ${userid} is not active`);
  return s;
}

export function requireGroup(corp: CorpState, chatId: string): Group {
  const g = corp.groups.get(chatId);
  if (!g || g.dismissed) throw notFound('group', chatId);
  return g;
}

function contactFields(changeType: string, userid: string, ext: string, extra: EventField[] = []): EventField[] {
  return [['ChangeType', changeType], ['UserID', userid], ['ExternalUserID', ext], ...extra];
}

/** A new friendship: follow + welcome code + add_external_contact callback. */
export function befriend(
  state: SandboxState,
  corp: CorpState,
  ext: string,
  userid: string,
  opts: { state?: string; add_way: number; oper_userid: string },
) {
  requireCustomer(corp, ext);
  const staff = requireStaff(corp, userid);
  if (!staff.can_have_customers) throw new SandboxError(409, 'no_permission', `${userid} cannot have customers`);
  if (state.follow(corp, userid, ext))
    throw new SandboxError(409, 'already_friends', `${ext} is already a friend of ${userid}`);
  const follow = state.addFollow(corp, {
    userid,
    external_userid: ext,
    state: opts.state ?? '',
    add_way: opts.add_way,
    oper_userid: opts.oper_userid,
  });
  const code = state.chars(43);
  corp.welcomeCodes.set(code, {
    code,
    userid,
    external_userid: ext,
    expires_at: state.now() + WELCOME_CODE_TTL_MS,
    used: false,
  });
  const extra: EventField[] = [];
  if (follow.state) extra.push(['State', follow.state]);
  extra.push(['WelcomeCode', code]);
  const callback = state.emit(
    corp,
    'change_external_contact',
    contactFields('add_external_contact', userid, ext, extra),
  );
  return { follow, welcome_code: code, callback_id: callback.id };
}

export function scanContactWay(state: SandboxState, corp: CorpState, ext: string, configId: string) {
  requireCustomer(corp, ext);
  const way = corp.contactWays.get(configId);
  if (!way) throw notFound('contact_way', configId);
  if (way.is_temp && way.expires_in > 0 && state.nowSec() > way.create_time + way.expires_in) {
    throw new SandboxError(410, 'expired', 'this temporary code has expired');
  }
  const candidates = [
    ...way.user,
    ...[...corp.staff.values()].filter((s) => s.department.some((d) => way.party.includes(d))).map((s) => s.userid),
  ].filter(
    (u, i, all) => all.indexOf(u) === i && corp.staff.get(u)?.status === 1 && corp.staff.get(u)?.can_have_customers,
  );
  if (candidates.length === 0) throw new SandboxError(409, 'no_staff', 'no active staff on this code');
  // Round-robin, preferring a staff member who is not yet this customer's friend.
  let userid = candidates[way.next_user % candidates.length];
  for (let i = 0; i < candidates.length; i++) {
    const u = candidates[(way.next_user + i) % candidates.length];
    if (!state.follow(corp, u, ext)) {
      userid = u;
      way.next_user = (way.next_user + i + 1) % candidates.length;
      break;
    }
  }
  if (!way.skip_verify) {
    if (state.follow(corp, userid, ext))
      throw new SandboxError(409, 'already_friends', `${ext} is already a friend of ${userid}`);
    corp.pendingRequests.push({
      external_userid: ext,
      userid,
      state: way.state,
      config_id: configId,
      time: state.nowSec(),
    });
    return { pending: true, userid, state: way.state };
  }
  const r = befriend(state, corp, ext, userid, { state: way.state, add_way: 1, oper_userid: ext });
  return {
    pending: false,
    userid,
    state: way.state,
    welcome_code: r.welcome_code,
    follow: r.follow,
    callback_id: r.callback_id,
  };
}

export function acceptFriend(state: SandboxState, corp: CorpState, ext: string, userid: string) {
  const i = corp.pendingRequests.findIndex((p) => p.external_userid === ext && p.userid === userid);
  if (i < 0) throw new SandboxError(404, 'request_not_found', `no pending request from ${ext} to ${userid}`);
  const [req] = corp.pendingRequests.splice(i, 1);
  return befriend(state, corp, ext, userid, { state: req.state, add_way: 1, oper_userid: ext });
}

export function removeFriend(
  state: SandboxState,
  corp: CorpState,
  ext: string,
  userid: string,
  by: 'customer' | 'staff',
  source?: string,
) {
  requireCustomer(corp, ext);
  requireStaff(corp, userid, false);
  const f = state.removeFollow(corp, userid, ext);
  if (!f) throw new SandboxError(404, 'not_friends', `${ext} is not a friend of ${userid}`);
  const changeType = by === 'customer' ? 'del_follow_user' : 'del_external_contact';
  const extra: EventField[] = source ? [['Source', source]] : [];
  const cb = state.emit(corp, 'change_external_contact', contactFields(changeType, userid, ext, extra));
  return { removed: f, callback_id: cb.id };
}

export function editCustomer(
  state: SandboxState,
  corp: CorpState,
  ext: string,
  changes: { userid?: string; name?: string; remark?: string; description?: string; phone?: string; remark_mobiles?: string[] },
) {
  const c = requireCustomer(corp, ext);
  if (changes.name !== undefined) c.name = changes.name;
  if (changes.phone !== undefined) c.phone = changes.phone;
  let follows: Follow[] = [...(corp.followsByCustomer.get(ext)?.values() ?? [])];
  if (changes.userid) follows = follows.filter((f) => f.userid === changes.userid);
  if (follows.length === 0)
    throw new SandboxError(
      404,
      'not_friends',
      `${ext} has no follow${changes.userid ? ` with ${changes.userid}` : ''}`,
    );
  for (const f of follows) {
    if (changes.remark !== undefined) f.remark = changes.remark;
    if (changes.description !== undefined) f.description = changes.description;
    if (changes.remark_mobiles !== undefined) f.remark_mobiles = [...changes.remark_mobiles];
  }
  const ids = follows.map(
    (f) => state.emit(corp, 'change_external_contact', contactFields('edit_external_contact', f.userid, ext)).id,
  );
  return { customer: c, callback_ids: ids };
}

// ---- groups ----

function groupUpdate(state: SandboxState, corp: CorpState, g: Group, detail: string, extra: EventField[]) {
  return state.emit(corp, 'change_external_chat', [
    ['ChatId', g.chat_id],
    ['ChangeType', 'update'],
    ['UpdateDetail', detail],
    ...extra,
  ]);
}

export function createGroup(state: SandboxState, corp: CorpState, owner: string, name: string, members: string[] = []) {
  requireStaff(corp, owner);
  const g = state.createGroup(corp, { owner, name });
  const time = state.nowSec();
  for (const ext of members) g.members.push(state.memberOf(requireCustomer(corp, ext), 1, owner, time));
  g.mem_ver++;
  const cb = state.emit(corp, 'change_external_chat', [
    ['ChatId', g.chat_id],
    ['ChangeType', 'create'],
  ]);
  return { group: g, callback_id: cb.id };
}

export function dismissGroup(state: SandboxState, corp: CorpState, chatId: string) {
  const g = requireGroup(corp, chatId);
  g.dismissed = true;
  const cb = state.emit(corp, 'change_external_chat', [
    ['ChatId', g.chat_id],
    ['ChangeType', 'dismiss'],
  ]);
  return { chat_id: g.chat_id, callback_id: cb.id };
}

/** Picks (or spawns) the group a join code sends the customer to. */
function groupForJoinWay(
  state: SandboxState,
  corp: CorpState,
  way: JoinWay,
  ext: string,
): { group: Group; created: boolean } {
  const live = way.chat_id_list.map((id) => corp.groups.get(id)).filter((g): g is Group => !!g && !g.dismissed);
  const already = live.find((g) => g.members.some((m) => m.userid === ext));
  if (already) throw new SandboxError(409, 'already_member', `${ext} is already in ${already.chat_id}`);
  const open = live.find((g) => g.members.length < (way.auto_create_room ? AUTO_ROOM_SIZE : MAX_GROUP_SIZE));
  if (open) return { group: open, created: false };
  if (!way.auto_create_room) throw new SandboxError(409, 'group_full', 'every group of this join code is full');
  const last = live[live.length - 1] ?? corp.groups.get(way.chat_id_list[way.chat_id_list.length - 1]);
  const owner = last?.owner ?? [...corp.staff.values()].find((s) => s.status === 1)?.userid;
  if (!owner) throw new SandboxError(409, 'no_owner', 'no staff to own the new group');
  const g = state.createGroup(corp, { owner, name: `${way.room_base_name}${way.room_base_id}` });
  way.room_base_id++;
  way.chat_id_list = [...way.chat_id_list, g.chat_id];
  if (way.chat_id_list.length > 5) way.chat_id_list = way.chat_id_list.slice(-5);
  state.emit(corp, 'change_external_chat', [
    ['ChatId', g.chat_id],
    ['ChangeType', 'create'],
  ]);
  return { group: g, created: true };
}

export function joinGroup(
  state: SandboxState,
  corp: CorpState,
  ext: string,
  target: { config_id?: string; chat_id?: string },
) {
  const c = requireCustomer(corp, ext);
  let g: Group;
  let created = false;
  let scene: 0 | 3 = 0;
  if (target.config_id) {
    const way = corp.joinWays.get(target.config_id);
    if (!way) throw notFound('join_way', target.config_id);
    ({ group: g, created } = groupForJoinWay(state, corp, way, ext));
    scene = 3;
  } else if (target.chat_id) {
    g = requireGroup(corp, target.chat_id);
    if (g.members.some((m) => m.userid === ext))
      throw new SandboxError(409, 'already_member', `${ext} is already in ${g.chat_id}`);
    if (g.members.length >= MAX_GROUP_SIZE) throw new SandboxError(409, 'group_full', `${g.chat_id} is full`);
  } else {
    throw new SandboxError(400, 'bad_request', 'config_id or chat_id required');
  }
  const last = g.mem_ver;
  g.members.push(state.memberOf(c, scene === 3 ? 3 : 1, scene === 3 ? '' : g.owner, state.nowSec()));
  g.mem_ver++;
  const cb = groupUpdate(state, corp, g, 'add_member', [
    ['JoinScene', scene],
    ['MemChangeCnt', 1],
    ['MemChangeList', [ext]],
    ['LastMemVer', memberVersion(g.chat_id, last)],
    ['CurMemVer', memberVersion(g.chat_id, g.mem_ver)],
  ]);
  return { chat_id: g.chat_id, name: g.name, created, member_count: g.members.length, callback_id: cb.id };
}

export function leaveGroup(state: SandboxState, corp: CorpState, ext: string, chatId: string, removed: boolean) {
  const g = requireGroup(corp, chatId);
  const i = g.members.findIndex((m) => m.userid === ext);
  if (i < 0) throw new SandboxError(404, 'not_member', `${ext} is not in ${chatId}`);
  g.members.splice(i, 1);
  const last = g.mem_ver;
  g.mem_ver++;
  const cb = groupUpdate(state, corp, g, 'del_member', [
    ['QuitScene', removed ? 1 : 0],
    ['MemChangeCnt', 1],
    ['MemChangeList', [ext]],
    ['LastMemVer', memberVersion(g.chat_id, last)],
    ['CurMemVer', memberVersion(g.chat_id, g.mem_ver)],
  ]);
  return { chat_id: g.chat_id, member_count: g.members.length, callback_id: cb.id };
}

export function changeGroup(
  state: SandboxState,
  corp: CorpState,
  chatId: string,
  change: { name?: string; notice?: string; owner?: string },
) {
  const g = requireGroup(corp, chatId);
  const ids: number[] = [];
  if (change.name !== undefined) {
    g.name = change.name;
    ids.push(groupUpdate(state, corp, g, 'change_name', []).id);
  }
  if (change.notice !== undefined) {
    g.notice = change.notice;
    ids.push(groupUpdate(state, corp, g, 'change_notice', []).id);
  }
  if (change.owner !== undefined) {
    const s = requireStaff(corp, change.owner);
    g.owner = s.userid;
    if (!g.members.some((m) => m.userid === s.userid)) {
      g.members.push({
        userid: s.userid,
        type: 1,
        join_time: state.nowSec(),
        join_scene: 1,
        invitor: '',
        group_nickname: '',
        name: s.name,
        unionid: '',
      });
    }
    ids.push(groupUpdate(state, corp, g, 'change_owner', []).id);
  }
  return { group: g, callback_ids: ids };
}

// ---- tags edited in the WeCom admin ----

export type TagAction = 'create' | 'update' | 'delete' | 'shuffle';

export function staffTagChange(
  state: SandboxState,
  corp: CorpState,
  input: {
    action: TagAction;
    tag_type: 'tag' | 'tag_group';
    id?: string;
    name?: string;
    group_id?: string;
    tags?: string[];
  },
) {
  const { action, tag_type } = input;
  let id = input.id ?? '';
  const bad = (m: string) => new SandboxError(400, 'bad_request', m);
  if (action === 'create') {
    if (!input.name) throw bad('name required');
    if (tag_type === 'tag') {
      if (!input.group_id || !corp.tagGroups.has(input.group_id)) throw notFound('tag_group', input.group_id ?? '');
      id = state.addTag(corp, input.group_id, input.name).id;
    } else {
      const g = state.addTagGroup(corp, input.name);
      for (const n of input.tags?.length ? input.tags : ['新标签']) state.addTag(corp, g.group_id, n);
      id = g.group_id;
    }
  } else if (action === 'update') {
    if (!input.name) throw bad('name required');
    const t = tag_type === 'tag' ? corp.tags.get(id) : undefined;
    const g = tag_type === 'tag_group' ? corp.tagGroups.get(id) : undefined;
    if (t) t.name = input.name;
    else if (g) g.group_name = input.name;
    else throw notFound(tag_type, id);
  } else if (action === 'delete') {
    if (tag_type === 'tag' && !corp.tags.has(id)) throw notFound('tag', id);
    if (tag_type === 'tag_group' && !corp.tagGroups.has(id)) throw notFound('tag_group', id);
    state.deleteTags(corp, tag_type === 'tag' ? [id] : [], tag_type === 'tag_group' ? [id] : []);
  } else if (action === 'shuffle') {
    const tags = [...corp.tags.values()].filter((t) => !id || t.group_id === id);
    tags.forEach((t, i) => (t.order = tags.length - i + Math.floor(state.random() * 3)));
  } else {
    throw bad('action must be create, update, delete or shuffle');
  }
  const cb = state.emit(corp, 'change_external_tag', [
    ['Id', id],
    ['TagType', tag_type],
    ['ChangeType', action],
  ]);
  return { id, tag_type, action, callback_id: cb.id };
}

// ---- transfers ----

/** Finishes waiting transfers: 1 done (follow moves), 3 refused / 4 taker full (transfer_fail callback). */
export function completeTransfers(
  state: SandboxState,
  corp: CorpState,
  filter: { external_userid?: string; handover_userid?: string; status: 1 | 3 | 4 },
) {
  const done = corp.transfers.filter(
    (t) =>
      t.status === 2 &&
      (!filter.external_userid || t.external_userid === filter.external_userid) &&
      (!filter.handover_userid || t.handover_userid === filter.handover_userid),
  );
  for (const t of done) {
    t.status = filter.status;
    if (filter.status === 1) {
      t.takeover_time = state.nowSec();
      const old = state.removeFollow(corp, t.handover_userid, t.external_userid);
      if (old && !state.follow(corp, t.takeover_userid, t.external_userid)) {
        state.addFollow(corp, {
          ...old,
          userid: t.takeover_userid,
          createtime: state.nowSec(),
          add_way: 202,
          oper_userid: t.takeover_userid,
        });
      }
      if (t.kind === 'on_job') {
        state.emit(
          corp,
          'change_external_contact',
          contactFields('del_external_contact', t.handover_userid, t.external_userid, [
            ['Source', 'DELETE_BY_TRANSFER'],
          ]),
        );
      }
    } else {
      const reason = filter.status === 3 ? 'customer_refused' : 'customer_limit_exceed';
      state.emit(
        corp,
        'change_external_contact',
        contactFields('transfer_fail', t.takeover_userid, t.external_userid, [['FailReason', reason]]),
      );
    }
  }
  return { completed: done.length };
}
