import { isWecomError } from '@siyu/wecom';
import { DomainError } from '../../http/errors';

/** WeCom refusals become a 422 with WeCom's errcode in the detail; transport failures a 502. */
export async function wecomCall<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof DomainError) throw err;
    if (isWecomError(err)) throw new DomainError('channel_wecom_rejected', `errcode ${err.errcode}: ${err.errmsg}`);
    throw new DomainError('wecom_unavailable');
  }
}
