// gettoken, contacts (department/user), app messages, JS-SDK tickets, OAuth.

import type { FastifyInstance } from 'fastify';
import { chatWindowUser } from './chat-window.routes';
import { defineApi, queryParams, wxError } from '../api';
import { WxError } from '../errors';
import type { SandboxState } from '../state';
import type { Staff } from '../types';

const TICKET_TTL_S = 7200;

function userView(s: Staff) {
  return {
    userid: s.userid,
    name: s.name,
    department: s.department,
    position: s.position,
    mobile: s.mobile,
    gender: s.gender,
    email: s.email,
    status: s.status,
    main_department: s.department[0] ?? 1,
  };
}

export function registerCoreRoutes(app: FastifyInstance, state: SandboxState): void {
  app.get('/cgi-bin/gettoken', async (req) => {
    const q = queryParams(req);
    const corpid = q.optStr('corpid');
    const secret = q.optStr('corpsecret');
    if (!corpid) return wxError(41002);
    const injected = state.faults.takeApi(corpid, 'gettoken');
    if (injected !== null) return wxError(injected, 'injected by sandbox');
    if (!secret) return wxError(41004);
    const corp = state.corps.get(corpid);
    if (!corp) return wxError(40013);
    const kind =
      secret === corp.contact_secret ? 'contact' : secret === corp.app.secret ? String(corp.app.agentid) : null;
    if (!kind) return wxError(40001);
    const token = state.issueToken(corp, kind);
    const expires_in = Math.max(1, Math.round((token.expires_at - state.now()) / 1000));
    return { errcode: 0, errmsg: 'ok', access_token: token.token, expires_in };
  });

  defineApi(app, state, 'GET', 'department/list', ({ corp, query }) => {
    const id = query.optNum('id');
    const all = [...corp.departments.values()];
    const want = id === undefined ? all : subtree(all, id);
    if (id !== undefined && want.length === 0) throw new WxError(60123 as number, 'invalid party id');
    return { department: want };
  });

  defineApi(app, state, 'GET', 'user/list', ({ corp, query }) => {
    const dep = query.num('department_id');
    if (!corp.departments.has(dep)) throw new WxError(60123, 'invalid party id');
    const deps = new Set(subtree([...corp.departments.values()], dep).map((d) => d.id));
    const fetchChild = query.optStr('fetch_child') === '1';
    const users = [...corp.staff.values()].filter(
      (s) => s.status !== 5 && s.department.some((d) => (fetchChild ? deps.has(d) : d === dep)),
    );
    return { userlist: users.map(userView) };
  });

  defineApi(app, state, 'GET', 'user/get', ({ corp, query }) => {
    const s = corp.staff.get(query.str('userid'));
    if (!s || s.status === 5) throw new WxError(60111, 'userid not found');
    return userView(s);
  });

  defineApi(app, state, 'POST', 'message/send', ({ state, corp, body }) => {
    const agentid = body.num('agentid');
    if (agentid !== corp.app.agentid) throw new WxError(40056);
    const msgtype = body.str('msgtype');
    const touser = body.optStr('touser') ?? '';
    const toparty = body.optStr('toparty') ?? '';
    const totag = body.optStr('totag') ?? '';
    if (!touser && !toparty && !totag) throw new WxError(40058, 'touser, toparty and totag are all empty');
    const content = body.obj(msgtype);
    if (msgtype === 'text') {
      const text = content.optStr('content') ?? '';
      if (!text) throw new WxError(44004);
      if (Buffer.byteLength(text) > 2048) throw new WxError(45002, 'text.content over 2048 bytes');
    }
    const invalid =
      touser === '@all'
        ? []
        : touser
            .split('|')
            .filter(Boolean)
            .filter((u) => corp.staff.get(u)?.status !== 1);
    const msgid = state.chars(40);
    corp.appMessages.push({ msgid, agentid, touser, toparty, totag, msgtype, body: body.raw, time: state.nowSec() });
    return {
      invaliduser: invalid.join('|'),
      invalidparty: '',
      invalidtag: '',
      unlicenseduser: '',
      msgid,
      response_code: '',
    };
  });

  defineApi(app, state, 'GET', 'get_jsapi_ticket', ({ state, corp }) => {
    if (!corp.jsapiTicket || corp.jsapiTicket.expires_at <= state.now()) {
      corp.jsapiTicket = { ticket: state.chars(86), expires_at: state.now() + TICKET_TTL_S * 1000 };
    }
    return { ticket: corp.jsapiTicket.ticket, expires_in: TICKET_TTL_S };
  });

  defineApi(app, state, 'GET', 'ticket/get', ({ state, corp, query, token }) => {
    if (query.str('type') !== 'agent_config') throw new WxError(40058, 'type must be agent_config');
    if (token.secret_kind === 'contact') throw new WxError(48002, 'agent_config ticket needs an app token');
    if (!corp.agentTicket || corp.agentTicket.expires_at <= state.now()) {
      corp.agentTicket = { ticket: state.chars(86), expires_at: state.now() + TICKET_TTL_S * 1000 };
    }
    return { ticket: corp.agentTicket.ticket, expires_in: TICKET_TTL_S };
  });

  defineApi(app, state, 'GET', 'auth/getuserinfo', ({ state, corp, query }) => {
    const code = corp.oauthCodes.get(query.str('code'));
    if (!code || code.expires_at <= state.now()) throw new WxError(40029);
    corp.oauthCodes.delete(code.code);
    const staff = corp.staff.get(code.userid);
    if (staff) return { userid: staff.userid, user_ticket: state.chars(64), expires_in: 1800 };
    return { openid: code.userid, external_userid: corp.customers.has(code.userid) ? code.userid : '' };
  });

  // OAuth entry as on open.weixin.qq.com: redirects straight back with a code (pick the user with ?userid=).
  app.get('/connect/oauth2/authorize', async (req, reply) => {
    const q = queryParams(req);
    const corp = state.corps.get(q.optStr('appid') ?? '');
    const redirect = q.optStr('redirect_uri');
    if (!corp || !redirect)
      return reply.code(400).send({ code: 'bad_request', message: 'appid and redirect_uri required' });
    const userid = q.optStr('userid') ?? chatWindowUser(corp) ?? [...corp.staff.values()].find((s) => s.status === 1)?.userid ?? '';
    const code = state.chars(32);
    corp.oauthCodes.set(code, { code, userid, expires_at: state.now() + 300_000 });
    const url = new URL(redirect);
    url.searchParams.set('code', code);
    url.searchParams.set('state', q.optStr('state') ?? '');
    return reply.redirect(url.toString());
  });
}

function subtree<T extends { id: number; parentid: number }>(all: T[], root: number): T[] {
  const out = all.filter((d) => d.id === root);
  for (let i = 0; i < out.length; i++) out.push(...all.filter((d) => d.parentid === out[i].id && d.id !== root));
  return out;
}
