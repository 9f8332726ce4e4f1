import { isWecomError, WecomErrcode, type WecomError } from '@siyu/wecom';
import { cleanText } from './clean-text';

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

/** An error as stored text (runs, inbox rows): cleaned, since a message may quote the bad input. */
export function errorText(err: unknown): string {
  return cleanText(err instanceof Error ? err.message : String(err)).slice(0, 500);
}
