// Tags call WeCom through the platform wrapper with their own answers: a tag name WeCom already has is a conflict,
// a tag WeCom no longer knows is not_found, any other refusal is wecom_unavailable.
import { wecomCall as callWecom } from '../../platform/wecom-call';

const TAG_CODES = { rejected: 'wecom_unavailable', errcodes: { 40071: 'conflict', 40068: 'not_found' } } as const;

export function wecomCall<T>(fn: () => Promise<T>): Promise<T> {
  return callWecom(TAG_CODES, fn);
}
