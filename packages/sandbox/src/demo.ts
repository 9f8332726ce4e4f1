// The demo corp `npm run sandbox` starts with: fixed credentials, a small population, codes.

import { generatePopulation, loadPopulation } from './population';
import type { SandboxState } from './state';
import type { CorpState } from './types';

export const DEMO_CORP = {
  corpid: 'ww5a1d0c0de0000001',
  name: '思域演示企业',
  contact_secret: 'demo-contact-secret-0000000000000000000000000',
  app_secret: 'demo-app-secret-000000000000000000000000000000',
  agentid: 1000002,
};

export function createDemoCorp(state: SandboxState, size = { staff: 12, customers: 300, groups: 8 }): CorpState {
  const corp = state.createCorp(DEMO_CORP);
  loadPopulation(state, corp, generatePopulation({ seed: 'siyu-demo', ...size, now: state.nowSec() }));
  const staff = [...corp.staff.keys()];
  const now = state.nowSec();
  const base = state.publicUrl;
  const way = (config_id: string, remark: string, st: string, users: string[], skip = true) =>
    corp.contactWays.set(config_id, {
      config_id,
      type: users.length > 1 ? 2 : 1,
      scene: 2,
      style: 1,
      remark,
      skip_verify: skip,
      state: st,
      user: users,
      party: [],
      is_temp: false,
      expires_in: 0,
      chat_expires_in: 0,
      unionid: '',
      conclusions: null,
      qr_code: `${base}/sandbox/qr/${corp.corpid}/${config_id}.png`,
      create_time: now,
      next_user: 0,
    });
  way('demo0000000000000000000000000001', '门店海报', 'ch_store_poster', staff.slice(0, 3));
  way('demo0000000000000000000000000002', '直播间', 'ch_live_0618', staff.slice(3, 5));
  way('demo0000000000000000000000000003', '需验证 / needs verify', 'ch_verify', staff.slice(5, 6), false);
  const groups = [...corp.groups.keys()].slice(0, 2);
  if (groups.length > 0) {
    const config_id = 'demo00000000000000000000000000g1';
    corp.joinWays.set(config_id, {
      config_id,
      scene: 2,
      remark: '会员福利群活码',
      auto_create_room: 1,
      room_base_name: '会员福利群',
      room_base_id: 100,
      chat_id_list: groups,
      state: 'gc_member',
      mark_source: false,
      qr_code: `${base}/sandbox/qr/${corp.corpid}/${config_id}.png`,
      create_time: now,
    });
  }
  return corp;
}
