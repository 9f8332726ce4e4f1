// Error codes of the material library: HTTP status and zh-CN / en-US texts.
// http/errors.ts assembles every module's table into the one registry the error handler answers from.
import type { ErrorTable } from '../../http/error-table';

export const materialsErrors = {
  material_not_found: { status: 404, 'zh-CN': '素材不存在或已删除', 'en-US': 'The material does not exist or was deleted' },
  material_folder_not_found: { status: 404, 'zh-CN': '素材分组不存在', 'en-US': 'The material folder does not exist' },
  material_fields_invalid: { status: 400, 'zh-CN': '素材内容不完整', 'en-US': 'The material is missing what its kind needs' },
  material_file_required: { status: 400, 'zh-CN': '请上传文件', 'en-US': 'Upload a file for this kind of material' },
  material_file_type: { status: 415, 'zh-CN': '文件类型不符合企业微信要求', 'en-US': 'WeCom does not accept this file type here' },
  material_file_too_large: { status: 413, 'zh-CN': '文件超过企业微信的大小上限', 'en-US': 'The file is over WeCom\'s size limit' },
  material_file_too_small: { status: 400, 'zh-CN': '文件至少需要 5 字节', 'en-US': 'A file must hold at least 5 bytes' },
  material_not_attachable: { status: 400, 'zh-CN': '该素材不能作为此处的附件', 'en-US': 'This material cannot be an attachment here' },
  material_too_many: { status: 400, 'zh-CN': '附件数量超过企业微信上限', 'en-US': 'More attachments than WeCom allows' },
  material_wecom_rejected: { status: 502, 'zh-CN': '企业微信拒绝了素材上传', 'en-US': 'WeCom refused the material upload' },
} satisfies ErrorTable;
