// /sandbox/* control and simulation endpoints (JSON in/out, 4xx {code, message} on bad input).

import { randomInt } from 'node:crypto';
import { encrypt, getSignature } from '@wecom/crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parseSandboxBody } from '../api';
import { SandboxError } from '../errors';
import { CALLBACK_FAULT_MODES, type CallbackFaultMode } from '../faults';
import { Params, sandboxFail } from '../params';
import { generatePopulation, loadPopulation } from '../population';
import {
  acceptFriend,
  befriend,
  changeGroup,
  completeTransfers,
  createGroup,
  dismissGroup,
  editCustomer,
  joinGroup,
  leaveGroup,
  removeFriend,
  requireCustomer,
  requireStaff,
  scanContactWay,
  staffTagChange,
  type TagAction,
} from '../simulate';
import { snapshot } from '../snapshot';
import type { SandboxState } from '../state';
import type { ActivityEntry, CallbackConfig, CorpState, JsonObject, StaffStatus } from '../types';
import { confirmSend, requireTask } from './groupmsg.routes';

const bad = (message: string) => new SandboxError(400, 'bad_request', message);

function body(req: FastifyRequest): Params {
  return parseSandboxBody(req.body);
}

function corpOf(state: SandboxState, req: FastifyRequest): CorpState {
  return state.requireCorp((req.params as { corpId: string }).corpId);
}

function callbackConfig(p: Params): CallbackConfig {
  const url = p.str('url');
  try {
    new URL(url);
  } catch {
    throw bad('callback.url is not a URL');
  }
  const encodingAESKey = p.optStr('encoding_aes_key') ?? p.str('encodingAESKey');
  if (!/^[A-Za-z0-9+/]{43}$/.test(encodingAESKey) || Buffer.from(encodingAESKey + '=', 'base64').length !== 32) {
    throw bad('encoding_aes_key must be 43 base64 characters');
  }
  return { url, token: p.str('token'), encodingAESKey };
}

/** WeCom's URL check: GET ?msg_signature&timestamp&nonce&echostr, expects the bare plaintext back. */
async function verifyCallbackUrl(corpid: string, cb: CallbackConfig): Promise<{ ok: boolean; detail: string }> {
  const plain = String(randomInt(1e9, 2 ** 47));
  const echostr = encrypt(cb.encodingAESKey, plain, corpid);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = String(randomInt(1e8, 1e9));
  const url = new URL(cb.url);
  url.searchParams.set('msg_signature', getSignature(cb.token, timestamp, nonce, echostr));
  url.searchParams.set('timestamp', timestamp);
  url.searchParams.set('nonce', nonce);
  url.searchParams.set('echostr', echostr);
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
    const text = await res.text();
    if (res.status === 200 && text === plain) return { ok: true, detail: 'echostr matched' };
    return { ok: false, detail: `HTTP ${res.status}, body ${JSON.stringify(text.slice(0, 100))} (expected ${plain})` };
  } catch (err) {
    return { ok: false, detail: err instanceof Error ? err.message : String(err) };
  }
}

function rateOf(p: Params): number {
  const rate = p.optNum('rate') ?? 1;
  if (rate < 0 || rate > 1) throw bad('rate must be within 0..1');
  return rate;
}

export function corpCredentials(corp: CorpState) {
  return {
    corp_id: corp.corpid,
    name: corp.name,
    contact_secret: corp.contact_secret,
    app: { agentid: corp.app.agentid, secret: corp.app.secret },
    callback: corp.callback
      ? { url: corp.callback.url, token: corp.callback.token, encoding_aes_key: corp.callback.encodingAESKey }
      : null,
  };
}

export function registerSandboxRoutes(app: FastifyInstance, state: SandboxState): void {
  // ---- corps ----
  app.post('/sandbox/corps', async (req, reply) => {
    const p = body(req);
    const cb = p.optObj('callback');
    const corp = state.createCorp({
      corpid: p.optStr('corp_id'),
      name: p.str('name'),
      contact_secret: p.optStr('contact_secret'),
      app_secret: p.optStr('app_secret'),
      agentid: p.optNum('agentid'),
      callback: cb ? callbackConfig(Params.of(cb, sandboxFail)) : null,
    });
    return reply.code(201).send(corpCredentials(corp));
  });

  app.get('/sandbox/corps', async () => ({
    corps: [...state.corps.values()].map((c) => ({
      ...corpCredentials(c),
      staff: c.staff.size,
      customers: c.customers.size,
      groups: c.groups.size,
    })),
  }));

  app.put('/sandbox/corps/:corpId/callback', async (req) => {
    const corp = corpOf(state, req);
    const p = body(req);
    corp.callback = p.has('url') ? callbackConfig(p) : null;
    if (!corp.callback || !p.optBool('verify')) return corpCredentials(corp);
    return { ...corpCredentials(corp), verification: await verifyCallbackUrl(corp.corpid, corp.callback) };
  });

  app.get('/sandbox/corps/:corpId/state', async (req) => {
    const q = Params.of(req.query, sandboxFail);
    return snapshot(state, corpOf(state, req), q.optNum('limit') ?? Infinity);
  });

  app.post('/sandbox/corps/:corpId/population', async (req) => {
    const corp = corpOf(state, req);
    const p = body(req);
    const n = (k: string, d: number) => {
      const v = p.optNum(k) ?? d;
      if (v < 0 || v > 1_000_000) throw bad(`${k} out of range`);
      return v;
    };
    const started = Date.now();
    const data = generatePopulation({
      seed: p.optStr('seed') ?? 1,
      staff: n('staff', 10),
      customers: n('customers', 200),
      groups: n('groups', 5),
      now: p.optNum('now') ?? state.nowSec(),
    });
    loadPopulation(state, corp, data);
    return {
      staff: data.staff.length,
      customers: data.customers.length,
      follows: data.follows.length,
      tags: data.tags.length,
      groups: data.groups.length,
      ms: Date.now() - started,
    };
  });

  // ---- people ----
  app.post('/sandbox/corps/:corpId/staff', async (req, reply) => {
    const corp = corpOf(state, req);
    const p = body(req);
    const department = p.has('department') ? p.numArr('department') : [1];
    for (const d of department) if (!corp.departments.has(d)) throw bad(`department ${d} not found`);
    const s = state.addStaff(corp, {
      userid: p.optStr('userid'),
      name: p.str('name'),
      department,
      mobile: p.optStr('mobile'),
      position: p.optStr('position'),
      can_have_customers: p.optBool('can_have_customers'),
    });
    return reply.code(201).send(s);
  });

  app.post('/sandbox/corps/:corpId/staff/:userid/status', async (req) => {
    const corp = corpOf(state, req);
    const s = requireStaff(corp, (req.params as { userid: string }).userid, false);
    const status = body(req).num('status');
    if (![1, 2, 4, 5].includes(status)) throw bad('status must be 1, 2, 4 or 5');
    state.setStaffStatus(s, status as StaffStatus);
    return s;
  });

  app.post('/sandbox/corps/:corpId/customers', async (req, reply) => {
    const corp = corpOf(state, req);
    const p = body(req);
    const gender = p.optNum('gender') ?? 0;
    if (gender !== 0 && gender !== 1 && gender !== 2) throw bad('gender must be 0, 1 or 2');
    const type = p.optNum('type') ?? 1;
    if (type !== 1 && type !== 2) throw bad('type must be 1 or 2');
    const phone = p.optStr('phone');
    if (phone !== undefined && !/^\+?[0-9-]{5,20}$/.test(phone)) throw bad('phone is not a phone number');
    const c = state.addCustomer(corp, {
      name: p.str('name'),
      phone,
      unionid: p.optStr('unionid'),
      gender,
      type,
      corp_name: p.optStr('corp_name'),
    });
    return reply.code(201).send(c);
  });

  // ---- friendships ----
  app.post('/sandbox/corps/:corpId/scan-contact-way', async (req) => {
    const p = body(req);
    return scanContactWay(state, corpOf(state, req), p.str('external_userid'), p.str('config_id'));
  });

  app.post('/sandbox/corps/:corpId/accept-friend', async (req) => {
    const p = body(req);
    return acceptFriend(state, corpOf(state, req), p.str('external_userid'), p.str('userid'));
  });

  app.post('/sandbox/corps/:corpId/add-friend', async (req) => {
    const p = body(req);
    const ext = p.str('external_userid');
    const userid = p.str('userid');
    const byStaff = p.optStr('initiator') === 'staff';
    return befriend(state, corpOf(state, req), ext, userid, {
      state: p.optStr('state'),
      add_way: p.optNum('add_way') ?? (byStaff ? 2 : 1),
      oper_userid: byStaff ? userid : ext,
    });
  });

  app.post('/sandbox/corps/:corpId/customer-deletes-staff', async (req) => {
    const p = body(req);
    return removeFriend(state, corpOf(state, req), p.str('external_userid'), p.str('userid'), 'customer');
  });

  app.post('/sandbox/corps/:corpId/staff-deletes-customer', async (req) => {
    const p = body(req);
    return removeFriend(
      state,
      corpOf(state, req),
      p.str('external_userid'),
      p.str('userid'),
      'staff',
      p.optStr('source'),
    );
  });

  app.post('/sandbox/corps/:corpId/edit-customer', async (req) => {
    const p = body(req);
    return editCustomer(state, corpOf(state, req), p.str('external_userid'), {
      userid: p.optStr('userid'),
      name: p.optStr('name'),
      remark: p.optStr('remark'),
      description: p.optStr('description'),
      phone: p.optStr('phone'),
      // The phone numbers the staff member notes on the customer (WeCom's remark_mobiles, up to 5).
      remark_mobiles: p.has('remark_mobiles') ? p.strArr('remark_mobiles').slice(0, 5) : undefined,
    });
  });

  // ---- groups ----
  app.post('/sandbox/corps/:corpId/groups', async (req, reply) => {
    const p = body(req);
    return reply
      .code(201)
      .send(createGroup(state, corpOf(state, req), p.str('owner'), p.str('name'), p.strArr('members')));
  });

  app.post('/sandbox/corps/:corpId/groups/:chatId/dismiss', async (req) =>
    dismissGroup(state, corpOf(state, req), (req.params as { chatId: string }).chatId),
  );

  app.post('/sandbox/corps/:corpId/groups/:chatId/change', async (req) => {
    const p = body(req);
    return changeGroup(state, corpOf(state, req), (req.params as { chatId: string }).chatId, {
      name: p.optStr('name'),
      notice: p.optStr('notice'),
      owner: p.optStr('owner'),
    });
  });

  app.post('/sandbox/corps/:corpId/join-group', async (req) => {
    const p = body(req);
    return joinGroup(state, corpOf(state, req), p.str('external_userid'), {
      config_id: p.optStr('config_id'),
      chat_id: p.optStr('chat_id'),
    });
  });

  app.post('/sandbox/corps/:corpId/leave-group', async (req) => {
    const p = body(req);
    return leaveGroup(
      state,
      corpOf(state, req),
      p.str('external_userid'),
      p.str('chat_id'),
      p.optBool('removed') ?? false,
    );
  });

  app.post('/sandbox/corps/:corpId/staff-tag-change', async (req) => {
    const p = body(req);
    const action = p.str('action') as TagAction;
    if (!['create', 'update', 'delete', 'shuffle'].includes(action))
      throw bad('action must be create, update, delete or shuffle');
    const tagType = p.optStr('tag_type') ?? 'tag';
    if (tagType !== 'tag' && tagType !== 'tag_group') throw bad('tag_type must be tag or tag_group');
    return staffTagChange(state, corpOf(state, req), {
      action,
      tag_type: tagType,
      id: p.optStr('id'),
      name: p.optStr('name'),
      group_id: p.optStr('group_id'),
      tags: p.strArr('tags'),
    });
  });

  // ---- customer activity (recorded only; Siyu's server owns these later) ----
  for (const kind of ['open-link', 'submit-form', 'place-order', 'watch-live'] as const) {
    app.post(`/sandbox/corps/:corpId/${kind}`, async (req, reply) => {
      const corp = corpOf(state, req);
      const p = body(req);
      const ext = p.str('external_userid');
      requireCustomer(corp, ext);
      const data: JsonObject = { ...p.raw };
      delete data.external_userid;
      if (kind === 'open-link' && !p.optStr('url')) throw bad('url required');
      if (kind === 'place-order') {
        const amount = p.num('amount');
        if (amount < 0) throw bad('amount must be >= 0');
      }
      const entry: ActivityEntry = { kind, external_userid: ext, time: state.nowSec(), data };
      corp.activity.push(entry);
      return reply.code(201).send(entry);
    });
  }

  // ---- mass messages, transfers, OAuth ----
  app.post('/sandbox/corps/:corpId/groupmsg/:msgid/send', async (req) => {
    const corp = corpOf(state, req);
    const p = body(req);
    const msgid = (req.params as { msgid: string }).msgid;
    if (!corp.msgTasks.has(msgid)) throw new SandboxError(404, 'msg_not_found', `mass message ${msgid} not found`);
    const t = requireTask(corp, msgid);
    return {
      msgid,
      userid: p.str('userid'),
      ...confirmSend(state, corp, t, p.str('userid'), p.optNum('dispatch_ms') ?? 0),
    };
  });

  app.post('/sandbox/corps/:corpId/transfers/complete', async (req) => {
    const p = body(req);
    const status = p.optNum('status') ?? 1;
    if (status !== 1 && status !== 3 && status !== 4) throw bad('status must be 1, 3 or 4');
    return completeTransfers(state, corpOf(state, req), {
      external_userid: p.optStr('external_userid'),
      handover_userid: p.optStr('handover_userid'),
      status,
    });
  });

  app.post('/sandbox/corps/:corpId/oauth-code', async (req) => {
    const corp = corpOf(state, req);
    const userid = body(req).str('userid');
    if (!corp.staff.has(userid) && !corp.customers.has(userid))
      throw new SandboxError(404, 'user_not_found', `${userid} not found`);
    const code = state.chars(32);
    corp.oauthCodes.set(code, { code, userid, expires_at: state.now() + 300_000 });
    return { code, expires_in: 300 };
  });

  // ---- faults ----
  app.get('/sandbox/faults', async () => ({ api: state.faults.api, callback: state.faults.callback }));

  app.post('/sandbox/faults', async (req, reply) => {
    const p = body(req);
    const times = p.optNum('times');
    if (times !== undefined && (times < 1 || !Number.isInteger(times))) throw bad('times must be a positive integer');
    const corpId = p.optStr('corp_id') ?? null;
    if (corpId) state.requireCorp(corpId);
    const api = p.str('api').replace(/^\/?(cgi-bin\/)?/, '');
    const fault = state.faults.addApi({
      corp_id: corpId,
      api,
      errcode: p.num('errcode'),
      remaining: times ?? null,
      rate: rateOf(p),
    });
    return reply.code(201).send(fault);
  });

  app.delete('/sandbox/faults', async (req) => {
    state.faults.clearApi(Params.of(req.query, sandboxFail).optStr('corp_id'));
    return { api: state.faults.api };
  });

  app.post('/sandbox/tokens/expire', async (req) => {
    const corpId = body(req).str('corp_id');
    state.requireCorp(corpId);
    return { expired: state.expireTokens(corpId) };
  });

  app.post('/sandbox/callback-faults', async (req, reply) => {
    const p = body(req);
    const mode = p.str('mode') as CallbackFaultMode;
    if (!CALLBACK_FAULT_MODES.includes(mode)) throw bad(`mode must be one of ${CALLBACK_FAULT_MODES.join(', ')}`);
    const delay = p.optNum('delay_ms') ?? (mode === 'delay' ? 1000 : 0);
    if (delay < 0 || delay > 600_000) throw bad('delay_ms out of range');
    const corpId = p.optStr('corp_id') ?? null;
    if (corpId) state.requireCorp(corpId);
    return reply.code(201).send(state.faults.addCallback({ corp_id: corpId, mode, rate: rateOf(p), delay_ms: delay }));
  });

  app.delete('/sandbox/callback-faults', async (req) => {
    state.faults.clearCallback(Params.of(req.query, sandboxFail).optStr('corp_id'));
    return { callback: state.faults.callback };
  });

  app.post('/sandbox/seed', async (req) => {
    const p = body(req);
    const seed = p.optStr('seed');
    if (seed === undefined) throw bad('seed required');
    state.setSeed(/^\d+$/.test(seed) ? Number(seed) : seed);
    return { seed: state.seed };
  });

  // ---- callback log ----
  app.get('/sandbox/callbacks', async (req) => {
    const q = Params.of(req.query, sandboxFail);
    const corpId = q.optStr('corp_id');
    const limit = q.optNum('limit') ?? 200;
    const list = state.callbackLog.filter((e) => !corpId || e.corp_id === corpId);
    return { total: list.length, callbacks: list.slice(-limit) };
  });

  app.post('/sandbox/callbacks/flush', async () => {
    await state.pusher.flush();
    return { ok: true };
  });
}
