// In-memory, multi-corp state of the sandbox and the operations shared by API and simulation routes.

import { randomBytes } from 'node:crypto';
import { CallbackPusher, type CallbackLogEntry } from './callback-pusher';
import { monthKey, toSec } from './clock';
import { SandboxError } from './errors';
import type { EventField } from './event-xml';
import { Faults } from './faults';
import { ids, mulberry32, randomChars, randomHex, seedOf, type Rng } from './rng';
import type {
  AccessToken,
  CallbackConfig,
  CorpState,
  Customer,
  Follow,
  Group,
  GroupMember,
  Staff,
  StaffStatus,
  Tag,
  TagGroup,
} from './types';

export interface StateOptions {
  now?: () => number;
  seed?: number | string;
  callbackTimeoutMs?: number;
  callbackRetryDelayMs?: number;
  reorderWindowMs?: number;
  /** Enforce WeCom's per-corp per-API 10,000/min and 150,000/hour limits (45009). Default true. */
  rateLimits?: boolean;
}

export interface NewCorp {
  corpid?: string;
  name: string;
  contact_secret?: string;
  app_secret?: string;
  agentid?: number;
  callback?: CallbackConfig | null;
}

export const TOKEN_TTL_S = 7200;

export class SandboxState {
  readonly corps = new Map<string, CorpState>();
  readonly tokens = new Map<string, AccessToken>();
  readonly faults: Faults;
  readonly pusher: CallbackPusher;
  readonly now: () => number;
  /** Base URL the sandbox is reachable at (for qr_code links); set on listen. */
  publicUrl = '';
  seed: number | null = null;
  /** `${corpid}|${api}|${minute or hour}` → calls (frequency limits). */
  readonly rateCounters = new Map<string, number>();
  rateLimits = true;
  private rng: Rng;

  constructor(opts: StateOptions = {}) {
    this.now = opts.now ?? Date.now;
    this.rateLimits = opts.rateLimits ?? true;
    this.rng = opts.seed !== undefined ? mulberry32(seedOf(opts.seed)) : Math.random;
    if (opts.seed !== undefined) this.seed = seedOf(opts.seed);
    this.faults = new Faults(() => this.rng);
    this.pusher = new CallbackPusher(this.faults, () => this.nowSec(), {
      timeoutMs: opts.callbackTimeoutMs ?? 5000,
      retryDelayMs: opts.callbackRetryDelayMs ?? 300,
      reorderWindowMs: opts.reorderWindowMs ?? 1000,
      tries: 3,
    });
  }

  get callbackLog(): CallbackLogEntry[] {
    return this.pusher.log;
  }

  /** Makes ids and fault draws deterministic from here on. */
  setSeed(seed: number | string): void {
    this.seed = seedOf(seed);
    this.rng = mulberry32(this.seed);
  }

  random(): number {
    return this.rng();
  }

  nowSec(): number {
    return toSec(this.now());
  }

  id(kind: keyof typeof ids): string {
    return ids[kind](this.rng);
  }

  chars(n: number): string {
    return randomChars(this.rng, n);
  }

  // ---- corps ----

  createCorp(input: NewCorp): CorpState {
    const corpid = input.corpid ?? 'ww' + randomHex(this.rng, 16);
    if (this.corps.has(corpid)) throw new SandboxError(409, 'corp_exists', `corp ${corpid} already exists`);
    const corp: CorpState = {
      corpid,
      name: input.name,
      contact_secret: input.contact_secret ?? randomChars(this.rng, 43),
      app: { agentid: input.agentid ?? 1000002, secret: input.app_secret ?? randomChars(this.rng, 43), name: 'Siyu' },
      callback: input.callback ?? null,
      departments: new Map([
        [1, { id: 1, name: input.name, name_en: '', parentid: 0, order: 100000000, department_leader: [] }],
      ]),
      staff: new Map(),
      customers: new Map(),
      followsByUser: new Map(),
      followsByCustomer: new Map(),
      tagGroups: new Map(),
      tags: new Map(),
      groups: new Map(),
      contactWays: new Map(),
      joinWays: new Map(),
      msgTasks: new Map(),
      monthlyReceived: new Map(),
      transfers: [],
      moments: new Map(),
      welcomeCodes: new Map(),
      welcomesSent: [],
      appMessages: [],
      activity: [],
      pendingRequests: [],
      oauthCodes: new Map(),
      jsapiTicket: null,
      agentTicket: null,
    };
    this.corps.set(corpid, corp);
    return corp;
  }

  requireCorp(corpid: string): CorpState {
    const corp = this.corps.get(corpid);
    if (!corp) throw new SandboxError(404, 'corp_not_found', `corp ${corpid} not found`);
    return corp;
  }

  // ---- tokens ----

  /** Same token while valid (as WeCom), a new one after expiry. */
  issueToken(corp: CorpState, secretKind: string): AccessToken {
    const now = this.now();
    for (const t of this.tokens.values()) {
      if (t.corpid === corp.corpid && t.secret_kind === secretKind && t.expires_at > now) return t;
    }
    const token: AccessToken = {
      token: randomBytes(48).toString('base64url'),
      corpid: corp.corpid,
      secret_kind: secretKind,
      expires_at: now + TOKEN_TTL_S * 1000,
    };
    this.tokens.set(token.token, token);
    return token;
  }

  expireTokens(corpid: string): number {
    let n = 0;
    const now = this.now();
    for (const t of this.tokens.values()) {
      if (t.corpid === corpid && t.expires_at > now) {
        t.expires_at = now - 1;
        n++;
      }
    }
    return n;
  }

  // ---- people ----

  addStaff(corp: CorpState, input: Partial<Staff> & { name: string }): Staff {
    const userid = input.userid ?? `staff${corp.staff.size + 1}_${randomChars(this.rng, 4).toLowerCase()}`;
    if (corp.staff.has(userid)) throw new SandboxError(409, 'staff_exists', `staff ${userid} already exists`);
    const staff: Staff = {
      userid,
      name: input.name,
      department: input.department ?? [1],
      position: input.position ?? '',
      mobile: input.mobile ?? '',
      gender: input.gender ?? '0',
      email: input.email ?? '',
      status: input.status ?? 1,
      can_have_customers: input.can_have_customers ?? true,
    };
    corp.staff.set(userid, staff);
    return staff;
  }

  setStaffStatus(staff: Staff, status: StaffStatus): void {
    staff.status = status;
  }

  addCustomer(corp: CorpState, input: Partial<Customer> & { name: string }): Customer {
    const external_userid = input.external_userid ?? this.id('externalUserid');
    const customer: Customer = {
      external_userid,
      name: input.name,
      avatar: input.avatar ?? `${this.publicUrl}/sandbox/avatar/${external_userid}.png`,
      type: input.type ?? 1,
      gender: input.gender ?? 0,
      unionid: input.unionid ?? this.id('unionid'),
      phone: input.phone ?? '',
      position: input.position ?? '',
      corp_name: input.corp_name ?? '',
      corp_full_name: input.corp_full_name ?? '',
    };
    corp.customers.set(external_userid, customer);
    return customer;
  }

  follow(corp: CorpState, userid: string, externalUserid: string): Follow | undefined {
    return corp.followsByUser.get(userid)?.get(externalUserid);
  }

  addFollow(corp: CorpState, input: Partial<Follow> & { userid: string; external_userid: string }): Follow {
    const f: Follow = {
      userid: input.userid,
      external_userid: input.external_userid,
      remark: input.remark ?? '',
      description: input.description ?? '',
      createtime: input.createtime ?? this.nowSec(),
      tag_ids: input.tag_ids ?? [],
      remark_corp_name: input.remark_corp_name ?? '',
      remark_mobiles: input.remark_mobiles ?? [],
      oper_userid: input.oper_userid ?? input.userid,
      add_way: input.add_way ?? 0,
      state: input.state ?? '',
    };
    let byUser = corp.followsByUser.get(f.userid);
    if (!byUser) corp.followsByUser.set(f.userid, (byUser = new Map()));
    byUser.set(f.external_userid, f);
    let byCustomer = corp.followsByCustomer.get(f.external_userid);
    if (!byCustomer) corp.followsByCustomer.set(f.external_userid, (byCustomer = new Map()));
    byCustomer.set(f.userid, f);
    return f;
  }

  removeFollow(corp: CorpState, userid: string, externalUserid: string): Follow | undefined {
    const f = this.follow(corp, userid, externalUserid);
    if (!f) return undefined;
    corp.followsByUser.get(userid)?.delete(externalUserid);
    corp.followsByCustomer.get(externalUserid)?.delete(userid);
    return f;
  }

  followCount(corp: CorpState): number {
    let n = 0;
    for (const m of corp.followsByUser.values()) n += m.size;
    return n;
  }

  // ---- tags ----

  addTagGroup(corp: CorpState, name: string, order = 0, groupId?: string): TagGroup {
    const g: TagGroup = { group_id: groupId ?? this.id('tagId'), group_name: name, create_time: this.nowSec(), order };
    corp.tagGroups.set(g.group_id, g);
    return g;
  }

  addTag(corp: CorpState, groupId: string, name: string, order = 0, tagId?: string): Tag {
    const t: Tag = { id: tagId ?? this.id('tagId'), group_id: groupId, name, create_time: this.nowSec(), order };
    corp.tags.set(t.id, t);
    return t;
  }

  /** Deletes tags (and empty groups) and strips them from follows. */
  deleteTags(corp: CorpState, tagIds: string[], groupIds: string[]): void {
    const gone = new Set(tagIds);
    for (const gid of groupIds) {
      for (const t of corp.tags.values()) if (t.group_id === gid) gone.add(t.id);
      corp.tagGroups.delete(gid);
    }
    for (const id of gone) corp.tags.delete(id);
    for (const gid of [...corp.tagGroups.keys()]) {
      if (![...corp.tags.values()].some((t) => t.group_id === gid)) corp.tagGroups.delete(gid);
    }
    for (const byUser of corp.followsByUser.values()) {
      for (const f of byUser.values())
        if (f.tag_ids.some((id) => gone.has(id))) f.tag_ids = f.tag_ids.filter((id) => !gone.has(id));
    }
  }

  // ---- groups ----

  createGroup(corp: CorpState, input: { owner: string; name: string; chat_id?: string; create_time?: number }): Group {
    const owner = corp.staff.get(input.owner);
    const time = input.create_time ?? this.nowSec();
    const g: Group = {
      chat_id: input.chat_id ?? this.id('chatId'),
      name: input.name,
      owner: input.owner,
      create_time: time,
      notice: '',
      members: [
        {
          userid: input.owner,
          type: 1,
          join_time: time,
          join_scene: 1,
          invitor: '',
          group_nickname: '',
          name: owner?.name ?? input.owner,
          unionid: '',
        },
      ],
      admin_list: [],
      status: 0,
      dismissed: false,
      mem_ver: 1,
      msg_count: 0,
    };
    corp.groups.set(g.chat_id, g);
    return g;
  }

  memberOf(customer: Customer, joinScene: GroupMember['join_scene'], invitor: string, time: number): GroupMember {
    return {
      userid: customer.external_userid,
      type: 2,
      join_time: time,
      join_scene: joinScene,
      invitor,
      group_nickname: '',
      name: customer.name,
      unionid: customer.unionid,
    };
  }

  // ---- mass-message cap ----

  receivedThisMonth(corp: CorpState, target: string): number {
    return corp.monthlyReceived.get(`${target}|${monthKey(this.now())}`) ?? 0;
  }

  countReceived(corp: CorpState, target: string): void {
    const key = `${target}|${monthKey(this.now())}`;
    corp.monthlyReceived.set(key, (corp.monthlyReceived.get(key) ?? 0) + 1);
  }

  // ---- callbacks ----

  emit(corp: CorpState, event: string, fields: EventField[]): CallbackLogEntry {
    return this.pusher.push(corp, event, fields);
  }
}
