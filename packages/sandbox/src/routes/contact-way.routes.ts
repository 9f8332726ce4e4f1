// 「联系我」 contact ways, welcome messages and group join ways.

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { defineApi } from '../api';
import { WxError } from '../errors';
import { byteLen, charLen, page, type Params } from '../params';
import type { SandboxState } from '../state';
import type { ContactWay, CorpState, JoinWay } from '../types';

const QUOTA = 500_000;

export function baseUrl(state: SandboxState, req: FastifyRequest): string {
  if (state.publicUrl) return state.publicUrl;
  return `${req.protocol}://${req.headers.host ?? '127.0.0.1'}`;
}

export function qrUrl(state: SandboxState, req: FastifyRequest, corpid: string, configId: string): string {
  return `${baseUrl(state, req)}/sandbox/qr/${corpid}/${configId}.png`;
}

function checkLen(value: string | undefined, max: number, name: string): void {
  if (value !== undefined && charLen(value) > max) {
    throw new WxError(40058, `${name} exceeds max length ${max} (got ${charLen(value)})`);
  }
}

function checkUsers(corp: CorpState, users: string[]): void {
  for (const u of users) {
    const s = corp.staff.get(u);
    if (!s || s.status !== 1) throw new WxError(40003, u);
    if (!s.can_have_customers) throw new WxError(40003, `${u} has no customer-contact permission`);
  }
}

export function contactWayView(w: ContactWay) {
  return {
    config_id: w.config_id,
    type: w.type,
    scene: w.scene,
    style: w.style,
    remark: w.remark,
    skip_verify: w.skip_verify,
    state: w.state,
    ...(w.scene === 2 ? { qr_code: w.qr_code } : {}),
    user: w.user,
    party: w.party,
    is_temp: w.is_temp,
    expires_in: w.expires_in,
    chat_expires_in: w.chat_expires_in,
    unionid: w.unionid,
    ...(w.conclusions ? { conclusions: w.conclusions } : {}),
  };
}

export function joinWayView(w: JoinWay) {
  return {
    config_id: w.config_id,
    scene: w.scene,
    remark: w.remark,
    auto_create_room: w.auto_create_room,
    room_base_name: w.room_base_name,
    room_base_id: w.room_base_id,
    chat_id_list: w.chat_id_list,
    qr_code: w.qr_code,
    state: w.state,
    mark_source: w.mark_source,
  };
}

/** Applies the mutable contact-way fields of add/update (validated first, then written). */
function applyContactWay(corp: CorpState, w: ContactWay, body: Params): void {
  const remark = body.optStr('remark');
  const stateStr = body.optStr('state');
  checkLen(remark, 30, 'remark');
  checkLen(stateStr, 30, 'state');
  const users = body.has('user') ? body.strArr('user') : undefined;
  const party = body.has('party') ? body.numArr('party') : undefined;
  if (users) checkUsers(corp, users);
  if (party) for (const p of party) if (!corp.departments.has(p)) throw new WxError(60123, String(p));
  const nextUsers = users ?? w.user;
  const nextParty = party ?? w.party;
  if (nextUsers.length === 0 && nextParty.length === 0) throw new WxError(40058, 'user and party are both empty');
  if (w.type === 1 && (nextUsers.length !== 1 || nextParty.length > 0)) {
    throw new WxError(40058, 'type 1 (single) takes exactly one user');
  }
  const expiresIn = body.optNum('expires_in');
  const chatExpiresIn = body.optNum('chat_expires_in');
  if (expiresIn !== undefined && (expiresIn < 1 || expiresIn > 14 * 86400))
    throw new WxError(40058, 'expires_in out of range');
  if (chatExpiresIn !== undefined && (chatExpiresIn < 1 || chatExpiresIn > 14 * 86400)) {
    throw new WxError(40058, 'chat_expires_in out of range');
  }
  if (remark !== undefined) w.remark = remark;
  if (stateStr !== undefined) w.state = stateStr;
  w.user = nextUsers;
  w.party = nextParty;
  const skip = body.optBool('skip_verify');
  if (skip !== undefined) w.skip_verify = skip;
  const style = body.optNum('style');
  if (style !== undefined) w.style = style;
  if (expiresIn !== undefined) w.expires_in = expiresIn;
  if (chatExpiresIn !== undefined) w.chat_expires_in = chatExpiresIn;
  const unionid = body.optStr('unionid');
  if (unionid !== undefined) w.unionid = unionid;
  const conclusions = body.optObj('conclusions');
  if (conclusions) w.conclusions = conclusions;
}

function requireWay(corp: CorpState, configId: string): ContactWay {
  const w = corp.contactWays.get(configId);
  if (!w) throw new WxError(40058, 'invalid config_id');
  return w;
}

function requireJoinWay(corp: CorpState, configId: string): JoinWay {
  const w = corp.joinWays.get(configId);
  if (!w) throw new WxError(40058, 'invalid config_id');
  return w;
}

function applyJoinWay(corp: CorpState, w: JoinWay, body: Params): void {
  const remark = body.optStr('remark');
  const stateStr = body.optStr('state');
  const baseName = body.optStr('room_base_name');
  checkLen(remark, 30, 'remark');
  checkLen(stateStr, 30, 'state');
  checkLen(baseName, 40, 'room_base_name');
  const chatIds = body.has('chat_id_list') ? body.strArr('chat_id_list') : undefined;
  if (chatIds) {
    if (chatIds.length === 0) throw new WxError(40058, 'chat_id_list is empty');
    if (chatIds.length > 5) throw new WxError(40058, 'chat_id_list over 5');
    for (const id of chatIds) {
      const g = corp.groups.get(id);
      if (!g || g.dismissed) throw new WxError(40050, id);
    }
  } else if (w.chat_id_list.length === 0) throw new WxError(40058, 'chat_id_list is empty');
  const auto = body.optNum('auto_create_room');
  if (auto !== undefined && auto !== 0 && auto !== 1) throw new WxError(40058, 'auto_create_room must be 0 or 1');
  const scene = body.optNum('scene');
  if (scene !== undefined && scene !== 1 && scene !== 2) throw new WxError(40058, 'scene must be 1 or 2');
  if (remark !== undefined) w.remark = remark;
  if (stateStr !== undefined) w.state = stateStr;
  if (baseName !== undefined) w.room_base_name = baseName;
  if (chatIds) w.chat_id_list = chatIds;
  if (auto !== undefined) w.auto_create_room = auto;
  if (scene === 1 || scene === 2) w.scene = scene;
  const baseId = body.optNum('room_base_id');
  if (baseId !== undefined) w.room_base_id = baseId;
  const mark = body.optBool('mark_source');
  if (mark !== undefined) w.mark_source = mark;
  if (w.auto_create_room === 1 && !w.room_base_name)
    throw new WxError(40058, 'room_base_name required with auto_create_room');
}

export function registerContactWayRoutes(app: FastifyInstance, state: SandboxState): void {
  defineApi(app, state, 'POST', 'externalcontact/add_contact_way', ({ state, corp, body, req }) => {
    const type = body.num('type');
    const scene = body.num('scene');
    if (type !== 1 && type !== 2) throw new WxError(40058, 'type must be 1 or 2');
    if (scene !== 1 && scene !== 2) throw new WxError(40058, 'scene must be 1 or 2');
    if (corp.contactWays.size + corp.joinWays.size >= QUOTA)
      throw new WxError(40058, 'contact way quota (500000) reached');
    const isTemp = body.optBool('is_temp') ?? false;
    const config_id = state.id('configId');
    const w: ContactWay = {
      config_id,
      type,
      scene,
      style: 1,
      remark: '',
      skip_verify: true,
      state: '',
      user: [],
      party: [],
      is_temp: isTemp,
      expires_in: isTemp ? 7 * 86400 : 0,
      chat_expires_in: isTemp ? 86400 : 0,
      unionid: '',
      conclusions: null,
      qr_code: scene === 2 ? qrUrl(state, req, corp.corpid, config_id) : '',
      create_time: state.nowSec(),
      next_user: 0,
    };
    applyContactWay(corp, w, body);
    corp.contactWays.set(config_id, w);
    return scene === 2 ? { config_id, qr_code: w.qr_code } : { config_id };
  });

  defineApi(app, state, 'POST', 'externalcontact/get_contact_way', ({ corp, body }) => ({
    contact_way: contactWayView(requireWay(corp, body.str('config_id'))),
  }));

  defineApi(app, state, 'POST', 'externalcontact/update_contact_way', ({ corp, body }) => {
    const w = requireWay(corp, body.str('config_id'));
    const copy: ContactWay = { ...w, user: [...w.user], party: [...w.party] };
    applyContactWay(corp, copy, body);
    Object.assign(w, copy);
    return {};
  });

  defineApi(app, state, 'POST', 'externalcontact/del_contact_way', ({ corp, body }) => {
    const id = body.str('config_id');
    requireWay(corp, id);
    corp.contactWays.delete(id);
    return {};
  });

  defineApi(app, state, 'POST', 'externalcontact/list_contact_way', ({ state, corp, body }) => {
    const limit = body.optNum('limit') ?? 100;
    if (limit < 1 || limit > 1000) throw new WxError(40058, 'limit must be 1..1000');
    const end = body.optNum('end_time') ?? state.nowSec();
    const start = body.optNum('start_time') ?? end - 90 * 86400;
    if (start > end) throw new WxError(40058, 'start_time after end_time');
    const ways = [...corp.contactWays.values()].filter((w) => w.create_time >= start && w.create_time <= end);
    const p = page(ways, body.optStr('cursor'), limit);
    return { contact_way: p.items.map((w) => ({ config_id: w.config_id })), next_cursor: p.next_cursor };
  });

  defineApi(app, state, 'POST', 'externalcontact/send_welcome_msg', ({ state, corp, body }) => {
    const code = corp.welcomeCodes.get(body.str('welcome_code'));
    if (!code) throw new WxError(40058, 'invalid welcome_code');
    if (code.used) throw new WxError(41051, 'welcome_code already used');
    if (code.expires_at <= state.now()) throw new WxError(41051, 'welcome_code expired (valid 20 s)');
    const text = body.optObj('text');
    const content = body.obj('text').optStr('content') ?? '';
    const attachments = body.arr('attachments');
    if (!content && attachments.length === 0) throw new WxError(44004, 'text and attachments are both empty');
    if (byteLen(content) > 4000) throw new WxError(45002, 'text.content over 4000 bytes');
    if (attachments.length > 9) throw new WxError(40058, 'attachments over 9');
    code.used = true;
    corp.welcomesSent.push({
      welcome_code: code.code,
      userid: code.userid,
      external_userid: code.external_userid,
      text,
      attachments,
      time: state.nowSec(),
    });
    return {};
  });

  defineApi(app, state, 'POST', 'externalcontact/groupchat/add_join_way', ({ state, corp, body, req }) => {
    const scene = body.num('scene');
    if (scene !== 1 && scene !== 2) throw new WxError(40058, 'scene must be 1 or 2');
    if (!body.has('chat_id_list')) throw new WxError(40058, 'chat_id_list is empty');
    if (corp.contactWays.size + corp.joinWays.size >= QUOTA)
      throw new WxError(40058, 'contact way quota (500000) reached');
    const config_id = state.id('configId');
    const w: JoinWay = {
      config_id,
      scene,
      remark: '',
      auto_create_room: 1,
      room_base_name: '',
      room_base_id: 1,
      chat_id_list: [],
      state: '',
      mark_source: false,
      qr_code: qrUrl(state, req, corp.corpid, config_id),
      create_time: state.nowSec(),
    };
    applyJoinWay(corp, w, body);
    corp.joinWays.set(config_id, w);
    return { config_id };
  });

  defineApi(app, state, 'POST', 'externalcontact/groupchat/get_join_way', ({ corp, body }) => ({
    join_way: joinWayView(requireJoinWay(corp, body.str('config_id'))),
  }));

  defineApi(app, state, 'POST', 'externalcontact/groupchat/update_join_way', ({ corp, body }) => {
    const w = requireJoinWay(corp, body.str('config_id'));
    const copy: JoinWay = { ...w, chat_id_list: [...w.chat_id_list] };
    applyJoinWay(corp, copy, body);
    Object.assign(w, copy);
    return {};
  });

  defineApi(app, state, 'POST', 'externalcontact/groupchat/del_join_way', ({ corp, body }) => {
    const id = body.str('config_id');
    requireJoinWay(corp, id);
    corp.joinWays.delete(id);
    return {};
  });
}
