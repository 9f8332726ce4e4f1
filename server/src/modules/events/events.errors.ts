// Error codes of the public events API and webhook: HTTP status and zh-CN / en-US texts.
// http/errors.ts assembles every module's table into the one registry the error handler answers from.
import type { ErrorTable } from '../../http/error-table';

export const eventsErrors = {
  invalid_api_key: { status: 401, 'zh-CN': 'API 密钥无效或已吊销', 'en-US': 'The API key is invalid or revoked' },
  insufficient_scope: { status: 403, 'zh-CN': 'API 密钥没有此权限', 'en-US': 'The API key lacks the scope for this call' },
  invalid_signature: { status: 401, 'zh-CN': '签名校验失败', 'en-US': 'The request signature does not match' },
} satisfies ErrorTable;
