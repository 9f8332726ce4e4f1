// Error codes of moments (朋友圈): HTTP status and zh-CN / en-US texts.
// http/errors.ts assembles every module's table into the one registry the error handler answers from.
import type { ErrorTable } from '../../http/error-table';

export const momentsErrors = {
  moment_empty: { status: 400, 'zh-CN': '请填写文字或选择素材', 'en-US': 'Write a text or pick materials' },
  moment_content_invalid: {
    status: 400,
    'zh-CN': '朋友圈最多 9 张图片，或 1 个视频，或 1 个链接，不能混用',
    'en-US': 'A moment holds up to 9 images, or one video, or one link, not a mix',
  },
  moment_senders_required: { status: 400, 'zh-CN': '请选择发表的员工或部门', 'en-US': 'Pick the staff or departments who publish it' },
  moment_text_too_long: { status: 400, 'zh-CN': '朋友圈文字不能超过 2000 字', 'en-US': 'A moment\'s text holds at most 2000 characters' },
  moment_senders_unknown: { status: 400, 'zh-CN': '发表员工或部门不存在', 'en-US': 'A staff member or department who should publish is unknown' },
  moment_tags_unknown: { status: 400, 'zh-CN': '可见范围中的标签不存在', 'en-US': 'A tag of the visible range is unknown' },
  moment_not_found: { status: 404, 'zh-CN': '朋友圈任务不存在', 'en-US': 'The moment does not exist' },
  moment_not_cancelable: { status: 409, 'zh-CN': '该朋友圈任务当前不能取消', 'en-US': 'This moment cannot be cancelled now' },
  moment_wecom_rejected: { status: 502, 'zh-CN': '企业微信拒绝了朋友圈任务', 'en-US': 'WeCom refused the moment task' },
} satisfies ErrorTable;
