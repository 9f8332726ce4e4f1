// The sandbox's chat window: WeCom's single or group chat with the sidebar beside it. A tester picks a staff member
// and a customer or group; the page opens the sidebar in a frame (WeCom's OAuth then names that staff member) and
// answers the sidebar's JS-SDK calls over postMessage as WeCom would: register (signatures checked against the
// corp and agent tickets; any other call waits for its outcome and fails without it, as @wecom/jssdk), getContext, getCurExternalContact, getCurExternalChat and sendChatMessage, whose messages
// are recorded here and can be read back by tests.
import { getJsApiSignature } from '@wecom/crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parseSandboxBody } from '../api';
import { SandboxError } from '../errors';
import type { SandboxState } from '../state';
import type { CorpState, Json } from '../types';
import { CHAT_WINDOW_HTML, CHAT_WINDOW_JS } from './chat-window-page';

export type ChatWindowSession = { userid: string; external_userid: string | null; chat_id: string | null };
export type SentMessage = ChatWindowSession & { message: Json; at: number };
type ChatWindowState = { session: ChatWindowSession | null; sent: SentMessage[] };

const windows = new WeakMap<CorpState, ChatWindowState>();

function windowOf(corp: CorpState): ChatWindowState {
  let w = windows.get(corp);
  if (!w) {
    w = { session: null, sent: [] };
    windows.set(corp, w);
  }
  return w;
}

/** The staff member signed in to the sandbox's WeCom client: whoever the chat window was opened as. */
export function chatWindowUser(corp: CorpState): string | undefined {
  return windows.get(corp)?.session?.userid;
}

function corpOf(state: SandboxState, req: FastifyRequest): CorpState {
  return state.requireCorp((req.params as { corpId: string }).corpId);
}

/** The sidebar's origin, from the page's ?sidebar= (only http(s) URLs may be framed). */
function frameOrigin(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  try {
    const u = new URL(raw);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
  } catch {
    return null;
  }
}

const CHAT_WINDOW_CSP = (frame: string | null) =>
  [
    "default-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: http: https:",
    "connect-src 'self'",
    // the sidebar's origin, and this sandbox's own OAuth page the sidebar passes through
    `frame-src 'self'${frame ? ` ${frame}` : ''}`,
  ].join('; ');

export function registerChatWindowRoutes(app: FastifyInstance, state: SandboxState): void {
  app.get('/sandbox/chat-window', async (req, reply) => {
    const origin = frameOrigin((req.query as Record<string, unknown>).sidebar);
    reply.header('content-security-policy', CHAT_WINDOW_CSP(origin));
    return reply.type('text/html; charset=utf-8').send(CHAT_WINDOW_HTML);
  });
  app.get('/sandbox/chat-window.js', async (_req, reply) => reply.type('text/javascript; charset=utf-8').send(CHAT_WINDOW_JS));

  /** Staff, customers (with whom each staff member is friends) and groups to pick from. */
  app.get('/sandbox/corps/:corpId/chat-window/options', async (req) => {
    const corp = corpOf(state, req);
    return {
      staff: [...corp.staff.values()].filter((s) => s.status === 1).map((s) => ({ userid: s.userid, name: s.name })),
      follows: [...corp.followsByUser.entries()].flatMap(([userid, m]) =>
        [...m.keys()].map((ext) => ({ userid, external_userid: ext, name: corp.customers.get(ext)?.name ?? ext })),
      ),
      groups: [...corp.groups.values()].map((g) => ({ chat_id: g.chat_id, name: g.name, owner: g.owner, staff: g.members.filter((m) => m.type === 1).map((m) => m.userid) })),
    };
  });

  /** Opens the window as a staff member with a customer or a group: the client is now signed in as that member. */
  app.post('/sandbox/corps/:corpId/chat-window/session', async (req) => {
    const corp = corpOf(state, req);
    const p = parseSandboxBody(req.body);
    const userid = p.str('userid');
    if (!corp.staff.has(userid)) throw new SandboxError(404, 'user_not_found', `${userid} not found`);
    const ext = p.optStr('external_userid') ?? null;
    const chat = p.optStr('chat_id') ?? null;
    if (!ext === !chat) throw new SandboxError(400, 'bad_request', 'one of external_userid or chat_id');
    if (ext && !corp.customers.has(ext)) throw new SandboxError(404, 'customer_not_found', `${ext} not found`);
    if (chat && !corp.groups.has(chat)) throw new SandboxError(404, 'group_not_found', `${chat} not found`);
    windowOf(corp).session = { userid, external_userid: ext, chat_id: chat };
    return { ok: true, entry: ext ? 'single_chat_tools' : 'group_chat_tools' };
  });

  /** ww.register: both signatures must be WeCom's for this URL with the current corp and agent tickets. */
  app.post('/sandbox/corps/:corpId/chat-window/verify', async (req) => {
    const corp = corpOf(state, req);
    const p = parseSandboxBody(req.body);
    const url = p.str('url').split('#')[0];
    const check = (kind: 'corp' | 'agent', ticket: { ticket: string; expires_at: number } | null) => {
      const sig = p.optObj(kind);
      if (!sig || !ticket || ticket.expires_at <= state.now()) return `${kind}: no valid ticket`;
      const expected = getJsApiSignature({ url, ticket: ticket.ticket, nonceStr: String(sig.nonceStr ?? ''), timestamp: Number(sig.timestamp) });
      return expected.signature === sig.signature ? null : `${kind}: invalid signature`;
    };
    const errors = [check('corp', corp.jsapiTicket), check('agent', corp.agentTicket)].filter((e): e is string => e !== null);
    return errors.length ? { errMsg: `register:fail ${errors.join(', ')}` } : { errMsg: 'register:ok' };
  });

  /** sendChatMessage from the sidebar, recorded for the chat the window shows. */
  app.post('/sandbox/corps/:corpId/chat-window/sent', async (req) => {
    const corp = corpOf(state, req);
    const w = windowOf(corp);
    if (!w.session) throw new SandboxError(409, 'no_chat', 'the chat window is not open');
    const p = parseSandboxBody(req.body);
    const message = p.optObj('message');
    if (!message || typeof message.msgtype !== 'string') throw new SandboxError(400, 'bad_request', 'message.msgtype required');
    w.sent.push({ ...w.session, message, at: state.now() });
    return { errMsg: 'sendChatMessage:ok' };
  });

  app.get('/sandbox/corps/:corpId/chat-window/sent', async (req) => ({ items: windowOf(corpOf(state, req)).sent }));
}
