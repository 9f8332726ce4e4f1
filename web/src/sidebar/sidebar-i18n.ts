// The sidebar's own texts in zh-CN and en-US (a small table of its own, so the phone does not load the console's).
const zh = {
  loading: '加载中…',
  signingIn: '正在通过企业微信登录…',
  retry: '重新打开',
  openInWecom: '请在企业微信的聊天窗口中打开侧边栏',
  notInChat: '请在与客户的单聊或客户群中打开侧边栏',
  registerFailed: '企业微信 JS-SDK 注册失败',
  remark: '备注',
  channel: '来源渠道',
  rfm: 'RFM 分类',
  points: '积分',
  level: '等级',
  tags: '标签',
  addTag: '+ 标签',
  stage: '阶段',
  moveStage: '移动阶段',
  noStage: '未进入',
  orders: '最近订单',
  noOrders: '暂无订单',
  tasks: '待办',
  done: '完成',
  noTasks: '没有待办',
  notes: '跟进记录',
  notePlaceholder: '写一条跟进记录…',
  save: '保存',
  timeline: '行为轨迹',
  allTypes: '全部类型',
  library: '话术与素材',
  search: '搜索话术或素材',
  suggested: '推荐',
  send: '发送',
  sent: '已发送',
  uses: '我用过 {n} 次',
  materialsOff: '素材库尚未启用',
  empty: '暂无内容',
  group: '客户群',
  owner: '群主',
  members: '成员',
  groupTags: '群标签',
  groupCustomers: '群里的我的客户',
  back: '‹ 返回',
  cancel: '取消',
  script: '话术',
  material: '素材',
  'task.sop': 'SOP',
  sendNow: '发送',
  groupSop: '今日群SOP',
  groupSopNone: '今天没有要发的群SOP',
  groupSopMaterials: '附件：{names}',
  groupSopMaterialsGone: '{n} 个附件已被删除',
  'groupSop.to_send': '待发送',
  'groupSop.wecom_task': '已在企业微信群发助手中创建，确认发送或在此标记完成',
  'groupSop.done': '已完成',
  'task.churn_deleted': '客户删除了你',
  'task.churn_inactive': '客户长时间未互动',
  'task.churn_rfm': '客户有流失风险',
  'task.repurchase': '客户到了复购周期',
  'error.sidebar_oauth_code_invalid': '企业微信登录码已过期或已被使用，请重新打开侧边栏',
  'error.sidebar_oauth_state_invalid': '登录请求已失效，请重新打开侧边栏',
  'error.sidebar_not_staff': '当前企业微信账号不是本企业的员工',
  'error.sidebar_corp_unknown': '侧边栏地址中的企业未接入私域',
  'error.sidebar_app_not_configured': '企业微信应用（AgentId 与 Secret）尚未配置，无法使用侧边栏',
  'error.wecom_unavailable': '企业微信接口暂不可用',
} as const;

type Key = keyof typeof zh;

const en: Record<Key, string> = {
  loading: 'Loading…',
  signingIn: 'Signing in with WeCom…',
  retry: 'Open again',
  openInWecom: 'Open the sidebar from a WeCom chat window',
  notInChat: 'Open the sidebar in a chat with a customer or in a customer group',
  registerFailed: 'WeCom JS-SDK registration failed',
  remark: 'Remark',
  channel: 'Channel',
  rfm: 'RFM class',
  points: 'Points',
  level: 'Level',
  tags: 'Tags',
  addTag: '+ Tag',
  stage: 'Stage',
  moveStage: 'Move stage',
  noStage: 'Not entered',
  orders: 'Last orders',
  noOrders: 'No orders yet',
  tasks: 'To do',
  done: 'Done',
  noTasks: 'Nothing to do',
  notes: 'Notes',
  notePlaceholder: 'Write a note…',
  save: 'Save',
  timeline: 'Timeline',
  allTypes: 'All types',
  library: 'Scripts & materials',
  search: 'Search scripts or materials',
  suggested: 'Suggested',
  send: 'Send',
  sent: 'Sent',
  uses: 'Used {n} times by me',
  materialsOff: 'The material library is not available yet',
  empty: 'Nothing here',
  group: 'Customer group',
  owner: 'Owner',
  members: 'Members',
  groupTags: 'Group tags',
  groupCustomers: 'My customers in this group',
  back: '‹ Back',
  cancel: 'Cancel',
  script: 'Script',
  material: 'Material',
  'task.sop': 'SOP',
  sendNow: 'Send',
  groupSop: 'Group SOP today',
  groupSopNone: 'No group SOP to send today',
  groupSopMaterials: 'Attachments: {names}',
  groupSopMaterialsGone: '{n} attachment(s) deleted',
  'groupSop.to_send': 'To send',
  'groupSop.wecom_task': 'Created in WeCom’s group message assistant: confirm it there, or mark it done here',
  'groupSop.done': 'Done',
  'task.churn_deleted': 'The customer deleted you',
  'task.churn_inactive': 'No interaction for a long time',
  'task.churn_rfm': 'The customer may churn',
  'task.repurchase': 'Time to buy again',
  'error.sidebar_oauth_code_invalid': 'The WeCom sign-in code expired or was already used: open the sidebar again',
  'error.sidebar_oauth_state_invalid': 'The sign-in request is no longer valid: open the sidebar again',
  'error.sidebar_not_staff': 'This WeCom account is not a staff member of the company',
  'error.sidebar_corp_unknown': 'The company in the sidebar address is not connected to Siyu',
  'error.sidebar_app_not_configured': 'The WeCom app (agent id and secret) is not set up, so the sidebar cannot work',
  'error.wecom_unavailable': 'WeCom is unavailable',
};

export type Lang = 'zh-CN' | 'en-US';
export const langOf = (raw: string | null | undefined): Lang => ((raw ?? '').toLowerCase().startsWith('en') ? 'en-US' : 'zh-CN');

/** The phone's language (?lang= first); on the server (first-screen rendering) the one the page asked for. */
export let lang: Lang = typeof location === 'undefined' ? 'zh-CN' : langOf(new URLSearchParams(location.search).get('lang') ?? navigator.language);
const ZONE_COOKIE = 'siyu_sidebar_tz';
/** The phone's time zone as Intl knows it. Its first use loads the runtime's time zone data: 130–260 ms on a phone
 * profile (CPU ×4), so the boot chain does not ask it when the zone is remembered. */
const phoneZone = (): string | undefined => (typeof Intl === 'undefined' ? undefined : Intl.DateTimeFormat().resolvedOptions().timeZone);
/** The zone this phone had when the sidebar last opened: a cookie of the sidebar page, as lasting as its session. */
const rememberedZone = (): string | undefined => {
  if (typeof document === 'undefined') return undefined;
  const m = /(?:^|;\s*)siyu_sidebar_tz=([A-Za-z0-9_+%-]+)(?:;|$)/.exec(document.cookie);
  try {
    return m ? decodeURIComponent(m[1]) : undefined; // only what rememberZone wrote: a zone name, its '/' as %2F
  } catch {
    return undefined;
  }
};
/** The phone's time zone: dates are shown in it, also when the server renders them. */
export let timeZone: string | undefined = rememberedZone() ?? phoneZone();

/** After the first screen: keep the phone's zone for the next open (a phone that changed zone shows it from then). */
export function rememberZone(): void {
  const zone = phoneZone();
  if (!zone || zone === rememberedZone()) return;
  const secure = location.protocol === 'https:' ? '; secure' : '';
  document.cookie = `${ZONE_COOKIE}=${encodeURIComponent(zone)}; path=/sidebar; max-age=31536000; samesite=lax${secure}`;
}

/** The server renders a first screen in the phone's language and time zone (renderToString is synchronous). */
export function setLocale(l: Lang, tz: string | undefined) {
  lang = l;
  timeZone = tz;
}

export function t(key: Key, vars?: Record<string, string | number>): string {
  const s: string = (lang === 'en-US' ? en : zh)[key];
  return vars ? s.replace(/\{(\w+)\}/g, (_m, k: string) => String(vars[k] ?? '')) : s;
}

/** A text for a key that may not exist (an error code, a task kind); the fallback otherwise. */
export function tMaybe(key: string, fallback: string): string {
  return key in zh ? t(key as Key) : fallback;
}
