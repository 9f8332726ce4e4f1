// Error codes of fission campaigns: HTTP status and zh-CN / en-US texts.
// http/errors.ts assembles every module's table into the one registry the error handler answers from.
import type { ErrorTable } from '../../http/error-table';

export const fissionErrors = {
  fission_invalid_dates: { status: 400, 'zh-CN': '结束时间必须晚于开始时间', 'en-US': 'The end must be after the start' },
  fission_reward_invalid: { status: 400, 'zh-CN': '请提供奖励链接或兑换码列表', 'en-US': 'Give a reward link or a list of reward codes' },
  fission_campaign_inactive: { status: 409, 'zh-CN': '活动未开始或已结束', 'en-US': 'The campaign is not running' },
  fission_poster_material_invalid: {
    status: 400,
    'zh-CN': '海报背景须为素材库中的图片或海报',
    'en-US': 'The poster background must be an image or a poster from the material library',
  },
  fission_customer_unknown: { status: 404, 'zh-CN': '该客户不存在', 'en-US': 'This customer is unknown' },
} satisfies ErrorTable;
