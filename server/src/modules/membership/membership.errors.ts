// Error codes of membership (points, levels, RFM): HTTP status and zh-CN / en-US texts.
// http/errors.ts assembles every module's table into the one registry the error handler answers from.
import type { ErrorTable } from '../../http/error-table';

export const membershipErrors = {
  insufficient_points: { status: 409, 'zh-CN': '积分不足', 'en-US': 'Not enough points' },
  rfm_thresholds_invalid: { status: 400, 'zh-CN': 'RFM 阈值必须逐级递增', 'en-US': 'Each RFM threshold must be above the previous one' },
  levels_invalid: { status: 400, 'zh-CN': '等级须从 1 连续编号，1 级成长值为 0，成长值门槛逐级递增', 'en-US': 'Levels are numbered 1, 2, 3…, level 1 starts at growth 0 and each threshold is above the previous one' },
} satisfies ErrorTable;
