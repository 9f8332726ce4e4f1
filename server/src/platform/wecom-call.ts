// The one way a module calls WeCom: a refusal from WeCom becomes the calling module's own error code (with WeCom's
// errcode in the detail), chosen errcodes can map to codes of their own, and a WeCom that cannot be reached is
// wecom_unavailable everywhere. Errors the module threw itself inside the call pass through unchanged.
import { isWecomError } from '@siyu/wecom';
import { DomainError, type ErrorCode } from '../http/errors';

export type WecomCallCodes = {
  /** WeCom answered with an errcode not listed in `errcodes`. */
  rejected: ErrorCode;
  /** Particular errcodes with a code of their own (40071 name taken → conflict, ...). */
  errcodes?: Readonly<Record<number, ErrorCode>>;
};

export async function wecomCall<T>(codes: WecomCallCodes, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof DomainError) throw err;
    if (isWecomError(err)) throw new DomainError(codes.errcodes?.[err.errcode] ?? codes.rejected, `errcode ${err.errcode}: ${err.errmsg}`);
    throw new DomainError('wecom_unavailable', err instanceof Error ? err.message.slice(0, 200) : undefined);
  }
}
