// Shapes WeCom returns for customers and follows.
import { createHash } from 'node:crypto';

import type { CorpState, Customer, Follow } from './types';

export function contactView(c: Customer) {
  return {
    external_userid: c.external_userid,
    name: c.name,
    avatar: c.avatar,
    type: c.type,
    gender: c.gender,
    unionid: c.unionid,
    ...(c.type === 2 ? { position: c.position, corp_name: c.corp_name, corp_full_name: c.corp_full_name } : {}),
    external_profile: { external_attr: [] },
  };
}

function followBase(f: Follow) {
  return {
    userid: f.userid,
    remark: f.remark,
    description: f.description,
    createtime: f.createtime,
  };
}

function followTail(f: Follow) {
  return {
    remark_corp_name: f.remark_corp_name,
    remark_mobiles: f.remark_mobiles,
    oper_userid: f.oper_userid,
    add_way: f.add_way,
    ...(f.state ? { state: f.state } : {}),
  };
}

/** follow_user[] item of externalcontact/get: tags as objects. */
export function followUserView(corp: CorpState, f: Follow) {
  const tags = f.tag_ids.flatMap((id) => {
    const t = corp.tags.get(id);
    if (!t) return [];
    const g = corp.tagGroups.get(t.group_id);
    return [{ group_name: g?.group_name ?? '', tag_name: t.name, tag_id: t.id, type: 1 }];
  });
  return { ...followBase(f), tags, ...followTail(f) };
}

/** follow_info of batch/get_by_user: tag ids only. */
export function followInfoView(f: Follow) {
  return { ...followBase(f), tag_id: f.tag_ids, ...followTail(f) };
}

/** member_version / LastMemVer / CurMemVer: an opaque hash per group version, as in WeCom. */
export function memberVersion(chatId: string, ver: number): string {
  return createHash('md5').update(`${chatId}:${ver}`).digest('hex');
}
