// Customer transfer (resigned and on-job staff) and moments tasks.

import type { FastifyInstance } from 'fastify';
import { defineApi } from '../api';
import { WxError } from '../errors';
import { charLen, isObject, page, type Params } from '../params';
import type { SandboxState } from '../state';
import type { CorpState, Transfer } from '../types';
import { checkMomentAttachments } from './moments.routes';

function transferCustomers(state: SandboxState, corp: CorpState, body: Params, kind: Transfer['kind']) {
  const handover = body.str('handover_userid');
  const takeover = body.str('takeover_userid');
  const ext = body.strArr('external_userid');
  if (ext.length === 0) throw new WxError(40058, 'external_userid is empty');
  if (ext.length > 100) throw new WxError(40058, 'external_userid over 100');
  const from = corp.staff.get(handover);
  const to = corp.staff.get(takeover);
  if (!from) throw new WxError(40003, handover);
  if (!to || to.status !== 1 || !to.can_have_customers) throw new WxError(40003, takeover);
  if (handover === takeover) throw new WxError(40058, 'handover_userid equals takeover_userid');
  if (kind === 'resigned' && from.status !== 5) throw new WxError(40058, 'handover_userid has not resigned');
  if (kind === 'on_job' && from.status === 5)
    throw new WxError(40058, 'handover_userid has resigned; use resigned/transfer_customer');
  const msg = body.optStr('transfer_success_msg') ?? '';
  if (charLen(msg) > 200) throw new WxError(40058, 'transfer_success_msg over 200 characters');
  const customer = ext.map((id) => {
    if (!state.follow(corp, handover, id)) return { external_userid: id, errcode: 84061 };
    if (state.follow(corp, takeover, id)) return { external_userid: id, errcode: 40058 };
    const waiting = corp.transfers.find(
      (t) => t.external_userid === id && t.handover_userid === handover && t.status === 2,
    );
    if (waiting) return { external_userid: id, errcode: 40058 };
    corp.transfers.push({
      kind,
      handover_userid: handover,
      takeover_userid: takeover,
      external_userid: id,
      status: 2,
      create_time: state.nowSec(),
      takeover_time: 0,
      transfer_success_msg: msg,
    });
    return { external_userid: id, errcode: 0 };
  });
  return { customer };
}

function transferResult(corp: CorpState, body: Params, kind: Transfer['kind']) {
  const handover = body.str('handover_userid');
  const takeover = body.str('takeover_userid');
  const list = corp.transfers.filter(
    (t) => t.kind === kind && t.handover_userid === handover && t.takeover_userid === takeover,
  );
  const p = page(list, body.optStr('cursor'), 1000);
  return {
    customer: p.items.map((t) => ({
      external_userid: t.external_userid,
      status: t.status,
      ...(t.takeover_time ? { takeover_time: t.takeover_time } : {}),
    })),
    next_cursor: p.next_cursor,
  };
}

export function registerTransferRoutes(app: FastifyInstance, state: SandboxState): void {
  defineApi(app, state, 'POST', 'externalcontact/resigned/transfer_customer', ({ state, corp, body }) =>
    transferCustomers(state, corp, body, 'resigned'),
  );
  defineApi(app, state, 'POST', 'externalcontact/transfer_customer', ({ state, corp, body }) =>
    transferCustomers(state, corp, body, 'on_job'),
  );
  defineApi(app, state, 'POST', 'externalcontact/resigned/transfer_result', ({ corp, body }) =>
    transferResult(corp, body, 'resigned'),
  );
  defineApi(app, state, 'POST', 'externalcontact/transfer_result', ({ corp, body }) =>
    transferResult(corp, body, 'on_job'),
  );

  defineApi(app, state, 'POST', 'externalcontact/get_unassigned_list', ({ corp, body }) => {
    const size = body.optNum('page_size') ?? 1000;
    if (size < 1 || size > 1000) throw new WxError(40058, 'page_size must be 1..1000');
    const waiting = new Set(
      corp.transfers.filter((t) => t.status === 2).map((t) => `${t.handover_userid}|${t.external_userid}`),
    );
    const list: { handover_userid: string; external_userid: string; dimission_time: number }[] = [];
    for (const s of corp.staff.values()) {
      if (s.status !== 5) continue;
      for (const f of corp.followsByUser.get(s.userid)?.values() ?? []) {
        if (!waiting.has(`${s.userid}|${f.external_userid}`)) {
          list.push({ handover_userid: s.userid, external_userid: f.external_userid, dimission_time: 0 });
        }
      }
    }
    const p = page(list, body.optStr('cursor'), size);
    return { info: p.items, is_last: p.next_cursor === '', next_cursor: p.next_cursor };
  });

  defineApi(app, state, 'POST', 'externalcontact/add_moment_task', ({ state, corp, body }) => {
    const text = body.obj('text').optStr('content') ?? '';
    const attachments = body.arr('attachments');
    if (!text && attachments.length === 0) throw new WxError(44004, 'text and attachments are both empty');
    if (charLen(text) > 2000) throw new WxError(45002, 'text.content over 2000 characters');
    if (attachments.length > 9) throw new WxError(40058, 'attachments over 9');
    checkMomentAttachments(state, corp, attachments);
    const range = body.obj('visible_range');
    const depts = range.obj('sender_list').numArr('department_list');
    const senders = [...new Set([...range.obj('sender_list').strArr('user_list'), ...[...corp.staff.values()].filter((s) => s.department.some((d) => depts.includes(d))).map((s) => s.userid)])];
    const tags = range.obj('external_contact_list').strArr('tag_list');
    const invalid = senders.filter((u) => corp.staff.get(u)?.status !== 1);
    for (const t of tags) if (!corp.tags.has(t)) throw new WxError(40068, t);
    const jobid = state.chars(32);
    corp.moments.set(jobid, {
      jobid,
      moment_id: 'mom' + state.chars(29),
      create_time: state.nowSec(),
      creator: '',
      text,
      attachments: attachments.filter(isObject),
      sender_list: senders.filter((u) => !invalid.includes(u)),
      tag_list: tags,
      invalid_sender_list: invalid,
    });
    return { jobid };
  });

  defineApi(app, state, 'GET', 'externalcontact/get_moment_task_result', ({ corp, query }) => {
    const job = corp.moments.get(query.str('jobid'));
    if (!job) throw new WxError(40058, 'invalid jobid');
    return {
      status: 3,
      type: 'add_moment_task',
      result: {
        errcode: 0,
        errmsg: 'ok',
        moment_id: job.moment_id,
        invalid_sender_list: { user_list: job.invalid_sender_list, department_list: [] },
        invalid_external_contact_list: { tag_list: [] },
      },
    };
  });
}
