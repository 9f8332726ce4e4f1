import { isWecomError } from '@siyu/wecom';
import { DomainError } from '../../http/errors';

/** WeCom errors as domain errors: a name taken → conflict, an unknown id → not_found, anything else → wecom_unavailable. */
export async function wecomCall<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof DomainError) throw err;
    if (isWecomError(err)) {
      if (err.errcode === 40071) throw new DomainError('conflict', err.errmsg);
      if (err.errcode === 40068) throw new DomainError('not_found', err.errmsg);
      throw new DomainError('wecom_unavailable', `${err.errcode} ${err.errmsg}`);
    }
    throw new DomainError('wecom_unavailable', err instanceof Error ? err.message : String(err));
  }
}
