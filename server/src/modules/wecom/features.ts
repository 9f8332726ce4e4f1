import { isWecomError, WecomErrcode, type WecomError } from '@siyu/wecom';

/** A sync area that a missing WeCom permission disables on its own. */
export type WecomFeature = 'org' | 'customers' | 'tags' | 'groups';

export function featureOfApi(api: string): WecomFeature {
  if (api.startsWith('externalcontact/groupchat/')) return 'groups';
  if (api.includes('corp_tag')) return 'tags';
  if (api.startsWith('department/') || api.startsWith('user/')) return 'org';
  return 'customers';
}

/** 48009 (API forbidden for this app) / 48002 (no API permission): degrade the feature, do not retry. */
export function isPermissionError(err: unknown): err is WecomError {
  return isWecomError(err) && (err.errcode === WecomErrcode.API_FORBIDDEN || err.errcode === WecomErrcode.NO_API_PERMISSION);
}

export function errorText(err: unknown): string {
  if (err instanceof Error) return err.message.slice(0, 500);
  return String(err).slice(0, 500);
}
