import { createHash } from 'node:crypto';
import { WecomCallbackError } from './errors';
import { cdata, nodeList, nodeText, parseXmlRoot, type XmlNode } from './xml';

/** Fields every parsed event carries. `raw` holds every top-level element as text (lists joined by ','). */
export interface EventCommon {
  toUserName: string;
  fromUserName: string;
  createTime: number;
  msgType: string;
  event: string;
  changeType: string;
  raw: Record<string, string>;
}

interface ContactIds {
  userId: string;
  externalUserId: string;
}

export type ExternalContactEvent =
  | (EventCommon & ContactIds & { kind: 'add_external_contact'; state?: string; welcomeCode?: string })
  | (EventCommon & ContactIds & { kind: 'edit_external_contact' })
  | (EventCommon & ContactIds & { kind: 'add_half_external_contact'; state?: string; welcomeCode?: string })
  | (EventCommon & ContactIds & { kind: 'del_external_contact'; source?: string })
  | (EventCommon & ContactIds & { kind: 'del_follow_user' })
  | (EventCommon &
      ContactIds & { kind: 'transfer_fail'; failReason: 'customer_refused' | 'customer_limit_exceed' | (string & {}) });

export type ChatUpdateDetail = 'add_member' | 'del_member' | 'change_owner' | 'change_name' | 'change_notice';

export type ExternalChatEvent =
  | (EventCommon & { kind: 'chat_create'; chatId: string })
  | (EventCommon & {
      kind: 'chat_update';
      chatId: string;
      updateDetail: ChatUpdateDetail | (string & {});
      /** 0 invited, 3 QR code (add_member). */
      joinScene?: number;
      /** 0 left, 1 removed (del_member). */
      quitScene?: number;
      memChangeCnt?: number;
      memChangeList: string[];
      lastMemVer?: string;
      curMemVer?: string;
    })
  | (EventCommon & { kind: 'chat_dismiss'; chatId: string });

export type TagType = 'tag' | 'tag_group';

interface TagFields {
  id: string;
  tagType?: TagType | (string & {});
  strategyId?: string;
}

export type ExternalTagEvent =
  | (EventCommon & TagFields & { kind: 'tag_create' })
  | (EventCommon & TagFields & { kind: 'tag_update' })
  | (EventCommon & TagFields & { kind: 'tag_delete' })
  | (EventCommon & TagFields & { kind: 'tag_shuffle' });

/** Anything else (other events, messages, malformed known events): kept, never dropped. */
export interface UnknownEvent extends EventCommon {
  kind: 'unknown';
}

export type WecomEvent = ExternalContactEvent | ExternalChatEvent | ExternalTagEvent | UnknownEvent;
export type WecomEventKind = WecomEvent['kind'];

const CONTACT_KINDS = [
  'add_external_contact',
  'edit_external_contact',
  'add_half_external_contact',
  'del_external_contact',
  'del_follow_user',
  'transfer_fail',
] as const;

const CHAT_KINDS = { create: 'chat_create', update: 'chat_update', dismiss: 'chat_dismiss' } as const;
const TAG_KINDS = { create: 'tag_create', update: 'tag_update', delete: 'tag_delete', shuffle: 'tag_shuffle' } as const;

function optNumber(v: string | undefined): number | undefined {
  if (v === undefined || v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

function opt(v: string | undefined): string | undefined {
  return v === undefined || v === '' ? undefined : v;
}

function hasOwn<K extends string>(map: Record<K, unknown>, key: string): key is K {
  return Object.prototype.hasOwnProperty.call(map, key);
}

/**
 * Parses a decrypted callback (inner XML) into a typed event. Values stay strings except the
 * documented small integers; ids are never coerced. Throws WecomCallbackError('bad_xml') on malformed XML.
 */
export function parseEvent(innerXml: string): WecomEvent {
  const root = parseXmlRoot(innerXml);
  if (!root) throw new WecomCallbackError('bad_xml', 'callback payload is not well-formed <xml>');
  const nodes: Record<string, XmlNode> = root;
  const raw: Record<string, string> = {};
  for (const [k, v] of Object.entries(nodes)) raw[k] = nodeText(v) ?? '';
  const s = (k: string): string => raw[k] ?? '';

  const common: EventCommon = {
    toUserName: s('ToUserName'),
    fromUserName: s('FromUserName'),
    createTime: optNumber(raw.CreateTime) ?? 0,
    msgType: s('MsgType'),
    event: s('Event'),
    changeType: s('ChangeType'),
    raw,
  };
  const unknown: UnknownEvent = { ...common, kind: 'unknown' };
  const { event, changeType } = common;

  if (event === 'change_external_contact') {
    const kind = CONTACT_KINDS.find((k) => k === changeType);
    const ids: ContactIds = { userId: s('UserID'), externalUserId: s('ExternalUserID') };
    if (!kind || !ids.userId || !ids.externalUserId) return unknown;
    switch (kind) {
      case 'add_external_contact':
      case 'add_half_external_contact':
        return { ...common, ...ids, kind, state: opt(raw.State), welcomeCode: opt(raw.WelcomeCode) };
      case 'del_external_contact':
        return { ...common, ...ids, kind, source: opt(raw.Source) };
      case 'transfer_fail':
        return { ...common, ...ids, kind, failReason: s('FailReason') };
      default:
        return { ...common, ...ids, kind };
    }
  }

  if (event === 'change_external_chat') {
    const chatId = s('ChatId');
    if (!hasOwn(CHAT_KINDS, changeType) || !chatId) return unknown;
    const kind = CHAT_KINDS[changeType];
    if (kind !== 'chat_update') return { ...common, kind, chatId };
    return {
      ...common,
      kind,
      chatId,
      updateDetail: s('UpdateDetail'),
      joinScene: optNumber(raw.JoinScene),
      quitScene: optNumber(raw.QuitScene),
      memChangeCnt: optNumber(raw.MemChangeCnt),
      memChangeList: nodeList(nodes.MemChangeList),
      lastMemVer: opt(raw.LastMemVer),
      curMemVer: opt(raw.CurMemVer),
    };
  }

  if (event === 'change_external_tag') {
    if (!hasOwn(TAG_KINDS, changeType)) return unknown;
    return {
      ...common,
      kind: TAG_KINDS[changeType],
      id: s('Id'),
      tagType: opt(raw.TagType),
      strategyId: opt(raw.StrategyId),
    };
  }

  return unknown;
}

const shortHash = (s: string): string => createHash('sha1').update(s).digest('hex').slice(0, 16);

/**
 * Stable dedupe key: ToUserName + Event + ChangeType + the event's ids + CreateTime (never MsgId,
 * which tag events lack). Duplicated deliveries of one event share it; different changes differ.
 */
export function eventIdentity(e: WecomEvent): string {
  let ids: string[];
  switch (e.kind) {
    case 'add_external_contact':
    case 'add_half_external_contact':
      // A customer who deletes and re-adds within one second repeats every other field; each add has its own WelcomeCode.
      ids = [e.userId, e.externalUserId, e.state ?? '', e.welcomeCode ?? ''];
      break;
    case 'edit_external_contact':
    case 'del_external_contact':
    case 'del_follow_user':
    case 'transfer_fail':
      ids = [e.userId, e.externalUserId];
      break;
    case 'chat_create':
    case 'chat_dismiss':
      ids = [e.chatId];
      break;
    case 'chat_update':
      ids = [
        e.chatId,
        e.updateDetail,
        e.curMemVer ?? '',
        e.memChangeList.length ? shortHash([...e.memChangeList].sort().join(',')) : '',
      ];
      break;
    case 'tag_create':
    case 'tag_update':
    case 'tag_delete':
    case 'tag_shuffle':
      ids = [e.tagType ?? '', e.id, e.strategyId ?? ''];
      break;
    case 'unknown': {
      const rest = Object.keys(e.raw)
        .filter((k) => !['ToUserName', 'Event', 'ChangeType', 'CreateTime', 'MsgId', 'Encrypt'].includes(k))
        .sort()
        .map((k) => `${k}=${e.raw[k]}`);
      ids = [e.msgType, shortHash(rest.join('\n'))];
      break;
    }
  }
  return [e.toUserName, e.event, e.changeType, ...ids, String(e.createTime)].join('|');
}

export type EventXmlValue = string | number | boolean | readonly string[] | undefined | null;

/** Elements WeCom sends as `<X><Item>…</Item></X>`; a comma-joined string (as in `raw`) is split. */
const LIST_FIELDS = new Set(['MemChangeList']);

/**
 * Serialises fields to WeCom's inner callback XML, in the given order: strings in CDATA,
 * numbers bare, arrays as `<Item>`s. `buildEventXml(event.raw)` reproduces an event.
 */
export function buildEventXml(fields: Record<string, EventXmlValue>): string {
  const parts: string[] = ['<xml>'];
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined || v === null) continue;
    if (!/^[A-Za-z_][\w.-]*$/.test(k)) throw new Error(`invalid XML element name: ${k}`);
    let inner: string;
    if (Array.isArray(v) || (LIST_FIELDS.has(k) && typeof v === 'string')) {
      const items: readonly string[] = Array.isArray(v) ? v : nodeList(v as string);
      inner = items.map((item) => `<Item>${cdata(String(item))}</Item>`).join('');
    } else if (typeof v === 'number' || typeof v === 'boolean') {
      inner = String(v);
    } else {
      inner = cdata(String(v));
    }
    parts.push(`<${k}>${inner}</${k}>`);
  }
  parts.push('</xml>');
  return parts.join('');
}
