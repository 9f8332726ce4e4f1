// Mass messages (add_msg_template and friends). The API creates tasks; staff confirm them
// through the simulation endpoint, which is when recipients get status 1 / 2 / 3.

import type { FastifyInstance } from 'fastify';
import { defineApi } from '../api';
import { daysInMonth } from '../clock';
import { SandboxError, WxError } from '../errors';
import { byteLen, isObject, page, type Params } from '../params';
import type { SandboxState } from '../state';
import type { ChatType, CorpState, Follow, MsgRecipient, MsgTask } from '../types';

export const MAX_SINGLE = 10_000;
export const MAX_GROUPS = 2_000;

function checkContent(body: Params): void {
  const content = body.obj('text').optStr('content') ?? '';
  const attachments = body.arr('attachments');
  if (!content && attachments.length === 0) throw new WxError(44004, 'text and attachments are both empty');
  if (byteLen(content) > 4000) throw new WxError(45002, 'text.content over 4000 bytes');
  if (attachments.length > 9) throw new WxError(40058, 'attachments over 9');
}

/** tag_filter.group_list[].tag_list[]: AND across groups, OR within one. */
function tagFilter(body: Params): string[][] {
  const groups = body.obj('tag_filter').arr('group_list');
  return groups.map((g) => (isObject(g) && Array.isArray(g.tag_list) ? g.tag_list.map(String) : []));
}

function matchesTags(f: Follow, filter: string[][]): boolean {
  return filter.every((any) => any.length === 0 || any.some((t) => f.tag_ids.includes(t)));
}

export function requireTask(corp: CorpState, msgid: string): MsgTask {
  const t = corp.msgTasks.get(msgid);
  if (!t) throw new WxError(40058, 'invalid msgid');
  return t;
}

export function registerGroupMsgRoutes(app: FastifyInstance, state: SandboxState): void {
  defineApi(app, state, 'POST', 'externalcontact/add_msg_template', ({ state, corp, body }) => {
    const chatType = (body.optStr('chat_type') ?? 'single') as ChatType;
    if (chatType !== 'single' && chatType !== 'group') throw new WxError(40058, 'chat_type must be single or group');
    checkContent(body);
    const sender = body.optStr('sender');
    if (sender !== undefined && corp.staff.get(sender)?.status !== 1) throw new WxError(40003, sender);
    const cap = daysInMonth(state.now());
    const recipients: MsgRecipient[] = [];
    const fail: string[] = [];
    if (chatType === 'single') {
      const ext = body.strArr('external_userid');
      if (ext.length > MAX_SINGLE) throw new WxError(40058, `external_userid over ${MAX_SINGLE}`);
      const filter = tagFilter(body);
      const candidates =
        ext.length > 0
          ? [...new Set(ext)]
          : sender
            ? [...(corp.followsByUser.get(sender)?.keys() ?? [])]
            : [...corp.followsByCustomer.keys()];
      for (const id of candidates) {
        const follows = [...(corp.followsByCustomer.get(id)?.values() ?? [])].filter(
          (f) => (!sender || f.userid === sender) && corp.staff.get(f.userid)?.status === 1,
        );
        if (follows.length === 0) {
          if (ext.length > 0) fail.push(id);
          continue;
        }
        const f = follows.reduce((a, b) => (b.createtime < a.createtime ? b : a));
        if (!matchesTags(f, filter)) continue;
        if (state.receivedThisMonth(corp, id) >= cap) {
          fail.push(id);
          continue;
        }
        recipients.push({ userid: f.userid, external_userid: id, chat_id: '', status: 0, send_time: 0 });
      }
    } else {
      if (!sender) throw new WxError(40058, 'sender is required for chat_type group');
      const chatIds = body.strArr('chat_id_list');
      if (chatIds.length > MAX_GROUPS) throw new WxError(40058, `chat_id_list over ${MAX_GROUPS}`);
      const candidates =
        chatIds.length > 0
          ? [...new Set(chatIds)]
          : [...corp.groups.values()].filter((g) => g.owner === sender && !g.dismissed).map((g) => g.chat_id);
      for (const id of candidates) {
        const g = corp.groups.get(id);
        if (!g || g.dismissed || g.owner !== sender || state.receivedThisMonth(corp, id) >= cap) {
          fail.push(id);
          continue;
        }
        recipients.push({ userid: sender, external_userid: '', chat_id: id, status: 0, send_time: 0 });
      }
    }
    const msgid = state.id('msgid');
    const users = [...new Set(recipients.map((r) => r.userid))];
    corp.msgTasks.set(msgid, {
      msgid,
      chat_type: chatType,
      creator: sender ?? '',
      create_type: 0,
      create_time: state.nowSec(),
      text: body.optObj('text'),
      attachments: body.arr('attachments'),
      allow_select: body.optBool('allow_select') ?? false,
      tasks: users.map((userid) => ({ userid, status: 0, send_time: 0 })),
      recipients,
      cancelled: false,
      dispatching_until: 0,
      reminders: 0,
    });
    return { fail_list: fail, msgid };
  });

  defineApi(app, state, 'POST', 'externalcontact/get_groupmsg_list_v2', ({ corp, body }) => {
    const chatType = body.str('chat_type');
    if (chatType !== 'single' && chatType !== 'group') throw new WxError(40058, 'chat_type must be single or group');
    const start = body.num('start_time');
    const end = body.num('end_time');
    if (start > end) throw new WxError(40058, 'start_time after end_time');
    if (end - start > 31 * 86400) throw new WxError(40058, 'time range over one month');
    const creator = body.optStr('creator');
    const filterType = body.optNum('filter_type') ?? 2;
    const limit = body.optNum('limit') ?? 50;
    if (limit < 1 || limit > 100) throw new WxError(40058, 'limit must be 1..100');
    const list = [...corp.msgTasks.values()].filter(
      (t) =>
        t.chat_type === chatType &&
        t.create_time >= start &&
        t.create_time <= end &&
        (!creator || t.creator === creator) &&
        (filterType === 2 || t.create_type === filterType),
    );
    const p = page(list, body.optStr('cursor'), limit);
    return {
      group_msg_list: p.items.map((t) => ({
        msgid: t.msgid,
        creator: t.creator,
        create_time: t.create_time,
        create_type: t.create_type,
        ...(t.text ? { text: t.text } : {}),
        attachments: t.attachments,
      })),
      next_cursor: p.next_cursor,
    };
  });

  defineApi(app, state, 'POST', 'externalcontact/get_groupmsg_task', ({ corp, body }) => {
    const t = requireTask(corp, body.str('msgid'));
    const limit = body.optNum('limit') ?? 500;
    if (limit < 1 || limit > 1000) throw new WxError(40058, 'limit must be 1..1000');
    const p = page(t.tasks, body.optStr('cursor'), limit);
    return {
      task_list: p.items.map((x) => ({
        userid: x.userid,
        status: x.status,
        ...(x.send_time ? { send_time: x.send_time } : {}),
      })),
      next_cursor: p.next_cursor,
    };
  });

  defineApi(app, state, 'POST', 'externalcontact/get_groupmsg_send_result', ({ corp, body }) => {
    const t = requireTask(corp, body.str('msgid'));
    const userid = body.str('userid');
    const limit = body.optNum('limit') ?? 500;
    if (limit < 1 || limit > 1000) throw new WxError(40058, 'limit must be 1..1000');
    const p = page(
      t.recipients.filter((r) => r.userid === userid),
      body.optStr('cursor'),
      limit,
    );
    return {
      send_list: p.items.map((r) => ({
        ...(t.chat_type === 'single' ? { external_userid: r.external_userid } : { chat_id: r.chat_id }),
        userid: r.userid,
        status: r.status,
        ...(r.send_time ? { send_time: r.send_time } : {}),
      })),
      next_cursor: p.next_cursor,
    };
  });

  defineApi(app, state, 'POST', 'externalcontact/remind_groupmsg_send', ({ corp, body }) => {
    const t = requireTask(corp, body.str('msgid'));
    if (t.cancelled) throw new WxError(40058, 'mass message cancelled');
    t.reminders++;
    return {};
  });

  defineApi(app, state, 'POST', 'externalcontact/cancel_groupmsg_send', ({ state, corp, body }) => {
    const t = requireTask(corp, body.str('msgid'));
    if (t.dispatching_until > state.now()) throw new WxError(41063);
    t.cancelled = true;
    return {};
  });
}

/** Staff member confirms the mass message in WeCom: recipients become 1 sent, 2 not a friend, 3 over cap. */
export function confirmSend(state: SandboxState, corp: CorpState, t: MsgTask, userid: string, dispatchMs = 0) {
  if (t.cancelled) throw new SandboxError(409, 'cancelled', 'mass message was cancelled');
  const task = t.tasks.find((x) => x.userid === userid);
  if (!task) throw new SandboxError(404, 'no_task', `${userid} has no task in ${t.msgid}`);
  if (task.status === 2) throw new SandboxError(409, 'already_sent', `${userid} already sent ${t.msgid}`);
  const now = state.nowSec();
  const cap = daysInMonth(state.now());
  const counts = { sent: 0, not_friend: 0, over_cap: 0 };
  for (const r of t.recipients) {
    if (r.userid !== userid || r.status !== 0) continue;
    const target = r.chat_id || r.external_userid;
    const reachable = r.chat_id
      ? !!corp.groups.get(r.chat_id) && !corp.groups.get(r.chat_id)?.dismissed
      : !!state.follow(corp, userid, r.external_userid);
    if (!reachable) {
      r.status = 2;
      counts.not_friend++;
    } else if (state.receivedThisMonth(corp, target) >= cap) {
      r.status = 3;
      counts.over_cap++;
    } else {
      r.status = 1;
      r.send_time = now;
      state.countReceived(corp, target);
      counts.sent++;
    }
  }
  task.status = 2;
  task.send_time = now;
  t.dispatching_until = state.now() + dispatchMs;
  return counts;
}
