// The classic flows, ready to edit: a new customer nurtured over 7 days, post-purchase care, a repurchase reminder
// by product cycle, winning back a sleeping customer, and a birthday greeting. Plain data in the flow language; they
// name no tag, stage or material of a corp, so each validates anywhere (the birthday flow needs a date field
// with key 'birthday' before it can be activated).
import type { SopFlowInput, SopTemplateKey } from '@siyu/contracts';

const hasOrdered = { kind: 'orders' as const, measure: 'count' as const, op: 'gte' as const, value: 1 };

export const SOP_TEMPLATES: Record<SopTemplateKey, SopFlowInput> = {
  new_customer_7d: {
    name: '新客 7 天培育',
    description: '添加后 7 天内的三次触达：自我介绍、介绍品牌与爆款、首单优惠；下单即达成目标。',
    entry: { kind: 'event', event: 'follow.added' },
    condition: null,
    reentry: 'never',
    exit: { goalEvent: 'order.placed', leaveWhenConditionFails: false },
    holdoutPercent: 0,
    steps: [
      { id: 'day1_wait', kind: 'wait', name: '次日上午', wait: { type: 'time_of_day', time: '10:00' } },
      { id: 'day1_intro', kind: 'message', name: '第 1 天：自我介绍', content: { text: '您好，我是您的专属顾问，有任何问题随时找我～' } },
      { id: 'day3_wait', kind: 'wait', name: '等 2 天', wait: { type: 'duration', minutes: 2 * 1440 } },
      { id: 'day3_brand', kind: 'message', name: '第 3 天：品牌与爆款', content: { text: '给您分享一下我们最受欢迎的几款产品，看看有没有喜欢的？' } },
      {
        id: 'day3_check',
        kind: 'branch',
        name: '是否已下单',
        branches: [{ name: '已下单', rule: hasOrdered, next: 'end' }],
      },
      { id: 'day7_wait', kind: 'wait', name: '等 4 天', wait: { type: 'duration', minutes: 4 * 1440 } },
      { id: 'day7_offer', kind: 'remind', name: '第 7 天：首单优惠', content: { text: '送您一张新客专享券，7 天内有效，欢迎下单体验～' } },
    ],
  },
  post_purchase: {
    name: '购后关怀',
    description: '下单后次日问候，7 天后回访使用体验，并邀请评价。',
    entry: { kind: 'event', event: 'order.placed' },
    condition: null,
    reentry: 'after_exit',
    exit: { leaveWhenConditionFails: false },
    holdoutPercent: 0,
    steps: [
      { id: 'next_day', kind: 'wait', name: '次日上午', wait: { type: 'time_of_day', time: '10:00' } },
      { id: 'thanks', kind: 'message', name: '感谢与使用提示', content: { text: '感谢您的购买！使用中有任何问题都可以随时问我。' } },
      { id: 'week', kind: 'wait', name: '等 7 天', wait: { type: 'duration', minutes: 7 * 1440 } },
      { id: 'feedback', kind: 'remind', name: '回访体验', content: { text: '用了一周感觉怎么样？欢迎给我们提提建议～' } },
    ],
  },
  repurchase: {
    name: '复购提醒',
    description: '按产品周期（默认 25 天）提醒复购；5 天内未下单再由导购跟进。',
    entry: { kind: 'event', event: 'order.placed' },
    condition: null,
    reentry: 'after_exit',
    exit: { leaveWhenConditionFails: false },
    holdoutPercent: 10,
    steps: [
      { id: 'cycle', kind: 'wait', name: '产品周期 25 天', wait: { type: 'duration', minutes: 25 * 1440 } },
      { id: 'remind_buy', kind: 'message', name: '复购提醒', content: { text: '您上次购买的产品差不多该补货啦，老客户专享优惠已为您准备好～' } },
      { id: 'wait_order', kind: 'wait', name: '等待下单（5 天）', wait: { type: 'event', event: 'order.placed', timeoutMinutes: 5 * 1440, timeoutNext: 'follow_up' } },
      { id: 'done', kind: 'end', name: '已复购' },
      { id: 'follow_up', kind: 'task', name: '导购跟进', title: '电话或私聊跟进复购', dueDays: 2 },
    ],
  },
  win_back: {
    name: '沉睡客户唤醒',
    description: '添加满 60 天且 60 天内未下单的客户：先发唤醒券，7 天仍未下单则提醒导购一对一沟通。',
    entry: { kind: 'days_after_add', days: 60, at: '10:00' },
    condition: { kind: 'orders', measure: 'count', within: { lastDays: 60 }, op: 'eq', value: 0 },
    reentry: 'never',
    exit: { goalEvent: 'order.placed', leaveWhenConditionFails: false },
    holdoutPercent: 10,
    steps: [
      { id: 'coupon', kind: 'message', name: '唤醒券', content: { text: '好久不见！为您准备了一张回归专享券，期待再次为您服务～' } },
      { id: 'wait7', kind: 'wait', name: '等 7 天', wait: { type: 'duration', minutes: 7 * 1440 } },
      { id: 'personal', kind: 'remind', name: '导购一对一沟通', content: { text: '最近怎么样？有什么需要我帮您推荐的吗？' } },
    ],
  },
  birthday: {
    name: '生日关怀',
    description: '生日前 3 天上午发送生日祝福与生日礼券（需要 key 为 birthday 的日期字段）。',
    entry: { kind: 'date', field: 'birthday', offsetDays: -3, at: '09:00' },
    condition: null,
    reentry: 'after_exit',
    exit: { leaveWhenConditionFails: false },
    holdoutPercent: 0,
    steps: [
      { id: 'greeting', kind: 'message', name: '生日祝福', content: { text: '生日快乐！送您一份生日礼券，生日当月有效～' } },
      { id: 'points', kind: 'points', name: '生日积分', delta: 100, reason: 'birthday' },
    ],
  },
};
