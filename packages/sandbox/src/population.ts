// Seeded, deterministic population: departments, staff, customers, follows, tags, groups.

import { dayStartSec } from './clock';
import { ids, mulberry32, pick, randInt, randomChars, seedOf, type Rng } from './rng';
import type { SandboxState } from './state';
import type { CorpState, Customer, Department, Follow, Group, GroupMember, Staff, Tag, TagGroup } from './types';

export interface PopulationOptions {
  seed: number | string;
  staff: number;
  customers: number;
  groups: number;
  /** Unix seconds the data is "as of" (default: today's midnight, China time). */
  now?: number;
}

export interface PopulationData {
  departments: Department[];
  staff: Staff[];
  customers: Customer[];
  follows: Follow[];
  tagGroups: TagGroup[];
  tags: Tag[];
  groups: Group[];
}

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红梅鹏飞建国晓雪婷琳欣怡子涵宇轩浩然思远佳琪梓萱雨桐俊杰诗涵一诺嘉怡文博志强海燕春梅丹丹晨曦若曦';
const NICKS = [
  '小确幸',
  '阳光',
  '晴天',
  'Lily',
  'Amy',
  '向日葵',
  '慢慢',
  '柠檬',
  '木子',
  'Coco',
  '安然',
  '随风',
  '清欢',
  '糖果',
  'Kevin',
  'Momo',
];
const CITIES = ['上海', '杭州', '南京', '苏州', '广州', '深圳', '北京', '成都', '武汉', '西安', '重庆', '长沙'];
const REGIONS = ['华东区', '华南区', '华北区', '西南区'];
const POSITIONS = ['导购', '导购', '导购', '店长', '客户经理', '运营'];
const TAG_GROUPS: [string, string[]][] = [
  ['客户等级', ['A类客户', 'B类客户', 'C类客户', 'VIP']],
  ['兴趣', ['护肤', '彩妆', '母婴', '运动', '数码', '美食']],
  ['来源', ['门店', '直播', '小红书', '抖音', '朋友推荐']],
  ['购买意向', ['高', '中', '低']],
];
const STATES = ['ch_store', 'ch_live', 'ch_xhs', 'ch_douyin', 'ch_poster', 'ch_fission'];
const TOPICS = ['会员福利', '新品体验', '宝妈交流', '运动打卡', '护肤心得', 'VIP专享'];

function chineseName(rng: Rng): string {
  const given = GIVEN[Math.floor(rng() * GIVEN.length)] + (rng() < 0.6 ? GIVEN[Math.floor(rng() * GIVEN.length)] : '');
  return SURNAMES[Math.floor(rng() * SURNAMES.length)] + given;
}

function phone(rng: Rng): string {
  return '1' + pick(rng, ['3', '5', '7', '8', '9']) + String(randInt(rng, 0, 999_999_999)).padStart(9, '0');
}

export function generatePopulation(opts: PopulationOptions): PopulationData {
  const rng = mulberry32(seedOf(opts.seed));
  const now = opts.now ?? dayStartSec(Math.floor(Date.now() / 1000));
  const staffN = Math.max(0, Math.floor(opts.staff));
  const customerN = Math.max(0, Math.floor(opts.customers));
  const groupN = Math.max(0, Math.floor(opts.groups));

  // Departments: root 1, regions 2.., stores under regions.
  const departments: Department[] = [];
  const stores: Department[] = [];
  const regionN = Math.min(REGIONS.length, Math.max(1, Math.ceil(staffN / 20)));
  for (let i = 0; i < regionN; i++) {
    departments.push({ id: 2 + i, name: REGIONS[i], name_en: '', parentid: 1, order: 1000 - i, department_leader: [] });
  }
  const storeN = Math.max(1, Math.ceil(staffN / 8));
  for (let i = 0; i < storeN; i++) {
    const region = departments[i % regionN];
    const store: Department = {
      id: 100 + i,
      name: `${CITIES[i % CITIES.length]}${i >= CITIES.length ? Math.floor(i / CITIES.length) + 1 + '号' : ''}门店`,
      name_en: '',
      parentid: region.id,
      order: 1000 - i,
      department_leader: [],
    };
    stores.push(store);
    departments.push(store);
  }

  const staff: Staff[] = [];
  for (let i = 0; i < staffN; i++) {
    const store = stores[i % stores.length];
    const s: Staff = {
      userid: `staff${String(i + 1).padStart(3, '0')}`,
      name: chineseName(rng),
      department: [store.id],
      position: i < stores.length ? '店长' : pick(rng, POSITIONS),
      mobile: phone(rng),
      gender: pick(rng, ['1', '2'] as const),
      email: '',
      status: 1,
      can_have_customers: true,
    };
    if (i < stores.length) store.department_leader = [s.userid];
    staff.push(s);
  }

  const customers: Customer[] = [];
  for (let i = 0; i < customerN; i++) {
    const id = ids.externalUserid(rng);
    customers.push({
      external_userid: id,
      name: rng() < 0.7 ? chineseName(rng) : pick(rng, NICKS) + randomChars(rng, 2, '0123456789'),
      avatar: '',
      type: rng() < 0.97 ? 1 : 2,
      gender: pick(rng, [0, 1, 2, 2] as const),
      unionid: ids.unionid(rng),
      phone: rng() < 0.8 ? phone(rng) : '',
      position: '',
      corp_name: '',
      corp_full_name: '',
    });
  }

  const tagGroups: TagGroup[] = [];
  const tags: Tag[] = [];
  const created = now - 365 * 86400;
  TAG_GROUPS.forEach(([name, names], gi) => {
    const g: TagGroup = {
      group_id: ids.tagId(rng),
      group_name: name,
      create_time: created,
      order: TAG_GROUPS.length - gi,
    };
    tagGroups.push(g);
    names.forEach((n, ti) =>
      tags.push({ id: ids.tagId(rng), group_id: g.group_id, name: n, create_time: created, order: names.length - ti }),
    );
  });
  const tagsByGroup = tagGroups.map((g) => tags.filter((t) => t.group_id === g.group_id));

  // Follows: every customer has one staff, ~15% a second one.
  const follows: Follow[] = [];
  const customersOf = new Map<string, Customer[]>();
  const makeFollow = (s: Staff, c: Customer) => {
    const tagIds: string[] = [];
    for (const group of tagsByGroup) if (rng() < 0.35) tagIds.push(pick(rng, group).id);
    const f: Follow = {
      userid: s.userid,
      external_userid: c.external_userid,
      remark: rng() < 0.3 ? `${c.name}${pick(rng, ['', '-老客', '-宝妈', '-VIP'])}` : '',
      description: '',
      createtime: now - randInt(rng, 0, 180 * 86400),
      tag_ids: tagIds,
      remark_corp_name: '',
      remark_mobiles: c.phone && rng() < 0.5 ? [c.phone] : [],
      oper_userid: c.external_userid,
      add_way: pick(rng, [1, 1, 1, 2, 3, 0]),
      state: rng() < 0.35 ? `${pick(rng, STATES)}_${randInt(rng, 1, 9)}` : '',
    };
    if (f.add_way === 2 || f.add_way === 0) f.oper_userid = s.userid;
    follows.push(f);
    const list = customersOf.get(s.userid) ?? [];
    list.push(c);
    customersOf.set(s.userid, list);
  };
  if (staff.length > 0) {
    for (const c of customers) {
      const a = Math.floor(rng() * staff.length);
      makeFollow(staff[a], c);
      if (staff.length > 1 && rng() < 0.15)
        makeFollow(staff[(a + 1 + Math.floor(rng() * (staff.length - 1))) % staff.length], c);
    }
  }

  const groups: Group[] = [];
  for (let i = 0; i < groupN && staff.length > 0; i++) {
    const owner = pick(rng, staff);
    const createTime = now - randInt(rng, 1, 180 * 86400);
    const pool = customersOf.get(owner.userid)?.length ? (customersOf.get(owner.userid) as Customer[]) : customers;
    const size = Math.min(pool.length, randInt(rng, 20, 180));
    const chosen = new Set<Customer>();
    for (let tries = 0; chosen.size < size && tries < size * 3; tries++) chosen.add(pick(rng, pool));
    const ownerMember: GroupMember = {
      userid: owner.userid,
      type: 1,
      join_time: createTime,
      join_scene: 1,
      invitor: '',
      group_nickname: '',
      name: owner.name,
      unionid: '',
    };
    const members: GroupMember[] = [ownerMember];
    for (const c of chosen) {
      members.push({
        userid: c.external_userid,
        type: 2,
        join_time: createTime + randInt(rng, 0, Math.max(0, now - createTime)),
        join_scene: pick(rng, [1, 2, 3, 3] as const),
        invitor: owner.userid,
        group_nickname: '',
        name: c.name,
        unionid: c.unionid,
      });
    }
    const admin =
      staff.length > 1 && rng() < 0.3
        ? pick(
            rng,
            staff.filter((s) => s !== owner),
          )
        : null;
    if (admin) {
      members.push({ ...ownerMember, userid: admin.userid, name: admin.name, invitor: owner.userid });
    }
    groups.push({
      chat_id: ids.chatId(rng),
      name: `${CITIES[i % CITIES.length]}${pick(rng, TOPICS)}${i + 1}群`,
      owner: owner.userid,
      create_time: createTime,
      notice: rng() < 0.5 ? '欢迎加入！群内不定期发放福利，请勿发广告。' : '',
      members,
      admin_list: admin ? [admin.userid] : [],
      status: 0,
      dismissed: false,
      mem_ver: members.length,
      msg_count: randInt(rng, 0, 50),
    });
  }

  return { departments, staff, customers, follows, tagGroups, tags, groups };
}

/** Loads a generated population into a corp (adds to what is there). */
export function loadPopulation(state: SandboxState, corp: CorpState, data: PopulationData): void {
  for (const d of data.departments) corp.departments.set(d.id, { ...d });
  for (const s of data.staff) corp.staff.set(s.userid, { ...s, department: [...s.department] });
  for (const c of data.customers) {
    corp.customers.set(c.external_userid, {
      ...c,
      avatar: c.avatar || `${state.publicUrl}/sandbox/avatar/${c.external_userid}.png`,
    });
  }
  for (const f of data.follows)
    state.addFollow(corp, { ...f, tag_ids: [...f.tag_ids], remark_mobiles: [...f.remark_mobiles] });
  for (const g of data.tagGroups) corp.tagGroups.set(g.group_id, { ...g });
  for (const t of data.tags) corp.tags.set(t.id, { ...t });
  for (const g of data.groups) {
    corp.groups.set(g.chat_id, { ...g, members: g.members.map((m) => ({ ...m })), admin_list: [...g.admin_list] });
  }
}
