/** WeCom error codes the project handles explicitly (see wecom-reference.md). */
export const WecomErrcode = {
  OK: 0,
  SYSTEM_BUSY: -1,
  INVALID_SECRET: 40001,
  INVALID_CORPID: 40013,
  INVALID_ACCESS_TOKEN: 40014,
  ACCESS_TOKEN_EXPIRED: 42001,
  FREQUENCY_LIMIT: 45009,
  CONCURRENCY_LIMIT: 45033,
  NO_API_PERMISSION: 48002,
  API_FORBIDDEN: 48009,
  IP_NOT_ALLOWED: 60020,
  REQUEST_TOO_LARGE: 81017,
  NO_EXTERNAL_CONTACT_RELATION: 84061,
  MASS_MESSAGE_DISPATCHING: 41063,
  WELCOME_MSG_TOO_LATE: 41051,
} as const;

export type WecomErrcodeName = keyof typeof WecomErrcode;

/** A non-zero errcode from WeCom, or a transport failure (errcode -1, httpStatus set or cause set). */
export class WecomError extends Error {
  readonly errcode: number;
  readonly errmsg: string;
  /** API path, e.g. `externalcontact/get`. */
  readonly api: string;
  readonly httpStatus?: number;

  constructor(args: { errcode: number; errmsg: string; api: string; httpStatus?: number; cause?: unknown }) {
    super(
      `WeCom ${args.api} failed: ${args.errcode} ${args.errmsg}`,
      args.cause === undefined ? undefined : { cause: args.cause },
    );
    this.name = 'WecomError';
    this.errcode = args.errcode;
    this.errmsg = args.errmsg;
    this.api = args.api;
    this.httpStatus = args.httpStatus;
  }
}

export function isWecomError(err: unknown, errcode?: number): err is WecomError {
  return err instanceof WecomError && (errcode === undefined || err.errcode === errcode);
}

export type CallbackErrorCode = 'bad_signature' | 'bad_xml' | 'bad_key' | 'wrong_receiver';

/** A callback that failed verification or decryption; `code` says why. */
export class WecomCallbackError extends Error {
  readonly code: CallbackErrorCode;

  constructor(code: CallbackErrorCode, message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'WecomCallbackError';
    this.code = code;
  }
}
