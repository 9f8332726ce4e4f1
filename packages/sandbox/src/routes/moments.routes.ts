// Moments beyond creating the task (add_moment_task / get_moment_task_result are in transfer.routes.ts): the list,
// each sender's publish status, who may see it, who was shown it (WeCom shows a customer at most 3 company moments
// a day), likes and comments, cancel; and /sandbox controls that make a staff member publish and customers react.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { defineApi, parseSandboxBody } from '../api';
import { dayStartSec } from '../clock';
import { SandboxError, WxError } from '../errors';
import { isObject, page, Params } from '../params';
import { requireCustomer, requireStaff } from '../simulate';
import type { SandboxState } from '../state';
import type { CorpState, Json, MomentTask } from '../types';
import { requireMedia } from './media.routes';

/** Company moments a customer is shown per day (China time). */
export const MOMENT_DAILY_CAP = 3;
const MAX_RANGE_S = 30 * 24 * 3600;

type Reaction = { external_userid: string; create_time: number; content?: string };
type MomentLife = {
  canceled: boolean;
  published: Map<string, number>;
  /** userid → customers shown it when they published. */
  shown: Map<string, string[]>;
  comments: Map<string, Reaction[]>;
  likes: Map<string, Reaction[]>;
};

const lives = new WeakMap<MomentTask, MomentLife>();
const shownPerDay = new WeakMap<CorpState, Map<string, number>>();

function lifeOf(m: MomentTask): MomentLife {
  let l = lives.get(m);
  if (!l) lives.set(m, (l = { canceled: false, published: new Map(), shown: new Map(), comments: new Map(), likes: new Map() }));
  return l;
}

/** The attachments rule of add_moment_task: ≤ 9 images, or one video, or one link; media from upload_attachment. */
export function checkMomentAttachments(state: SandboxState, corp: CorpState, attachments: Json[]): void {
  let images = 0;
  let others = 0;
  for (const a of attachments) {
    const p = Params.of(a);
    const type = p.optStr('msgtype');
    if (type === 'image') {
      images++;
      requireMedia(state, corp, p.obj('image').str('media_id'), 'moment', 'image');
    } else if (type === 'video') {
      others++;
      requireMedia(state, corp, p.obj('video').str('media_id'), 'moment', 'video');
    } else if (type === 'link') {
      others++;
      const link = p.obj('link');
      if (!/^https?:\/\//.test(link.optStr('url') ?? '')) throw new WxError(40058, 'link.url');
      requireMedia(state, corp, link.str('media_id'), 'moment', 'image');
    } else {
      throw new WxError(40058, `attachment msgtype ${type ?? ''} not allowed in moments`);
    }
  }
  if (images > 9) throw new WxError(40058, 'attachments over 9 images');
  if (others > 1 || (others === 1 && images > 0)) throw new WxError(40058, 'one video or one link, without images');
}

function momentById(corp: CorpState, momentId: string): MomentTask {
  for (const m of corp.moments.values()) if (m.moment_id === momentId) return m;
  throw new WxError(40058, `invalid moment_id ${momentId}`);
}

/** Senders of a task: the valid ones it named, or every active staff member with customers when it named none. */
function sendersOf(corp: CorpState, m: MomentTask): string[] {
  if (m.sender_list.length || m.invalid_sender_list.length) return m.sender_list;
  return [...corp.staff.values()].filter((s) => s.status === 1 && s.can_have_customers).map((s) => s.userid);
}

/** The sender's customers the moment is visible to: all of them, or those carrying one of its tags. */
function visibleTo(corp: CorpState, m: MomentTask, userid: string): string[] {
  const follows = corp.followsByUser.get(userid);
  if (!follows) return [];
  const out: string[] = [];
  for (const f of follows.values()) if (!m.tag_list.length || f.tag_ids.some((t) => m.tag_list.includes(t))) out.push(f.external_userid);
  return out;
}

function publish(state: SandboxState, corp: CorpState, m: MomentTask, userid: string): { shown: number; capped: number } {
  const life = lifeOf(m);
  if (life.canceled) throw new SandboxError(409, 'moment_canceled', 'the moment task was cancelled');
  if (!sendersOf(corp, m).includes(userid)) throw new SandboxError(409, 'not_a_sender', `${userid} is not a sender of this moment`);
  if (life.published.has(userid)) return { shown: life.shown.get(userid)?.length ?? 0, capped: 0 };
  const now = state.nowSec();
  let perDay = shownPerDay.get(corp);
  if (!perDay) shownPerDay.set(corp, (perDay = new Map()));
  const day = dayStartSec(now);
  const shown: string[] = [];
  let capped = 0;
  for (const ext of visibleTo(corp, m, userid)) {
    const key = `${ext}|${day}`;
    const n = perDay.get(key) ?? 0;
    if (n >= MOMENT_DAILY_CAP) {
      capped++;
      continue;
    }
    perDay.set(key, n + 1);
    shown.push(ext);
  }
  life.published.set(userid, now);
  life.shown.set(userid, shown);
  return { shown: shown.length, capped };
}

function react(state: SandboxState, corp: CorpState, m: MomentTask, kind: 'like' | 'comment', p: Params): Reaction {
  const userid = p.str('userid');
  const ext = p.str('external_userid');
  requireCustomer(corp, ext);
  const life = lifeOf(m);
  if (!life.shown.get(userid)?.includes(ext)) {
    throw new SandboxError(409, 'not_shown', `${ext} was not shown ${userid}'s moment`);
  }
  const list = (kind === 'like' ? life.likes : life.comments).get(userid) ?? [];
  if (kind === 'like' && list.some((r) => r.external_userid === ext)) return list.find((r) => r.external_userid === ext) as Reaction;
  const r: Reaction = { external_userid: ext, create_time: state.nowSec(), ...(kind === 'comment' ? { content: p.optStr('content') ?? '' } : {}) };
  list.push(r);
  (kind === 'like' ? life.likes : life.comments).set(userid, list);
  return r;
}

function listItem(m: MomentTask) {
  const images = m.attachments.filter(isObject).filter((a) => a.msgtype === 'image');
  const video = m.attachments.filter(isObject).find((a) => a.msgtype === 'video');
  const link = m.attachments.filter(isObject).find((a) => a.msgtype === 'link');
  return {
    moment_id: m.moment_id,
    creator: m.creator,
    create_time: m.create_time,
    create_type: 0,
    visible_type: m.tag_list.length ? 0 : 1,
    text: { content: m.text },
    ...(images.length ? { image: images.map((a) => ({ media_id: Params.of(a).obj('image').str('media_id') })) } : {}),
    ...(video ? { video: { media_id: Params.of(video).obj('video').str('media_id'), thumb_media_id: '' } } : {}),
    ...(link ? { link: { title: Params.of(link).obj('link').optStr('title') ?? '', url: Params.of(link).obj('link').str('url') } } : {}),
  };
}

export function registerMomentRoutes(app: FastifyInstance, state: SandboxState): void {
  defineApi(app, state, 'POST', 'externalcontact/get_moment_list', ({ corp, body }) => {
    const start = body.num('start_time');
    const end = body.num('end_time');
    if (end < start || end - start > MAX_RANGE_S) throw new WxError(40058, 'start_time..end_time over 30 days');
    const limit = Math.min(body.optNum('limit') ?? 20, 20);
    const filter = body.optNum('filter_type') ?? 2;
    const creator = body.optStr('creator');
    const list = [...corp.moments.values()]
      .filter((m) => m.create_time >= start && m.create_time <= end && filter !== 1 && (!creator || m.creator === creator))
      .sort((a, b) => b.create_time - a.create_time);
    const p = page(list, body.optStr('cursor'), limit);
    return { next_cursor: p.next_cursor, moment_list: p.items.map(listItem) };
  });

  defineApi(app, state, 'POST', 'externalcontact/get_moment_task', ({ corp, body }) => {
    const m = momentById(corp, body.str('moment_id'));
    const life = lifeOf(m);
    const limit = Math.min(body.optNum('limit') ?? 1000, 1000);
    const p = page(sendersOf(corp, m), body.optStr('cursor'), limit);
    return { next_cursor: p.next_cursor, task_list: p.items.map((userid) => ({ userid, publish_status: life.published.has(userid) ? 1 : 0 })) };
  });

  defineApi(app, state, 'POST', 'externalcontact/get_moment_customer_list', ({ corp, body }) => {
    const m = momentById(corp, body.str('moment_id'));
    const userid = body.str('userid');
    if (!sendersOf(corp, m).includes(userid)) throw new WxError(40003, userid);
    const limit = Math.min(body.optNum('limit') ?? 1000, 1000);
    const p = page(visibleTo(corp, m, userid), body.optStr('cursor'), limit);
    return { next_cursor: p.next_cursor, customer_list: p.items.map((external_userid) => ({ userid, external_userid })) };
  });

  defineApi(app, state, 'POST', 'externalcontact/get_moment_send_result', ({ corp, body }) => {
    const m = momentById(corp, body.str('moment_id'));
    const userid = body.str('userid');
    if (!sendersOf(corp, m).includes(userid)) throw new WxError(40003, userid);
    const limit = Math.min(body.optNum('limit') ?? 3000, 5000);
    const p = page(lifeOf(m).shown.get(userid) ?? [], body.optStr('cursor'), limit);
    return { next_cursor: p.next_cursor, customer_list: p.items.map((external_userid) => ({ external_userid })) };
  });

  defineApi(app, state, 'POST', 'externalcontact/get_moment_comments', ({ corp, body }) => {
    const m = momentById(corp, body.str('moment_id'));
    const userid = body.str('userid');
    const life = lifeOf(m);
    const shape = (r: Reaction) => ({ external_userid: r.external_userid, create_time: r.create_time });
    return { comment_list: (life.comments.get(userid) ?? []).map(shape), like_list: (life.likes.get(userid) ?? []).map(shape) };
  });

  defineApi(app, state, 'POST', 'externalcontact/cancel_moment_task', ({ corp, body }) => {
    const m = momentById(corp, body.str('moment_id'));
    lifeOf(m).canceled = true;
    return {};
  });

  // ---- /sandbox controls: a staff member publishes, customers like and comment ----
  const corpOf = (req: FastifyRequest) => state.requireCorp((req.params as { corpId: string }).corpId);
  const momentOf = (req: FastifyRequest, corp: CorpState) => {
    const id = (req.params as { momentId: string }).momentId;
    for (const m of corp.moments.values()) if (m.moment_id === id) return m;
    throw new SandboxError(404, 'moment_not_found', `moment ${id} not found`);
  };

  app.get('/sandbox/corps/:corpId/moments', async (req) => {
    const corp = corpOf(req);
    return {
      moments: [...corp.moments.values()].map((m) => {
        const life = lifeOf(m);
        return {
          ...listItem(m),
          jobid: m.jobid,
          canceled: life.canceled,
          senders: sendersOf(corp, m),
          published: [...life.published.keys()],
          shown: Object.fromEntries(life.shown),
        };
      }),
    };
  });

  app.post('/sandbox/corps/:corpId/moments/:momentId/publish', async (req) => {
    const corp = corpOf(req);
    const p = parseSandboxBody(req.body);
    requireStaff(corp, p.str('userid'));
    return publish(state, corp, momentOf(req, corp), p.str('userid'));
  });

  app.post('/sandbox/corps/:corpId/moments/:momentId/like', async (req) => {
    const corp = corpOf(req);
    return react(state, corp, momentOf(req, corp), 'like', parseSandboxBody(req.body));
  });

  app.post('/sandbox/corps/:corpId/moments/:momentId/comment', async (req) => {
    const corp = corpOf(req);
    return react(state, corp, momentOf(req, corp), 'comment', parseSandboxBody(req.body));
  });
}
