// WeCom-style errors: HTTP 200 with {errcode, errmsg}; sandbox errors: HTTP 4xx with {code, message}.

export const ERRMSG: Record<number, string> = {
  [-1]: 'system busy',
  40001: 'invalid credential, secret is invalid',
  40003: 'invalid userid',
  40004: 'invalid media type',
  40005: 'invalid file type',
  40006: 'invalid file size',
  40007: 'invalid media_id',
  40009: 'invalid image size',
  40011: 'invalid video size',
  40013: 'invalid corpid',
  40014: 'invalid access_token',
  40029: 'invalid code',
  40050: 'chatid not found',
  40056: 'invalid agentid',
  40058: 'invalid Request Parameter',
  40068: 'invalid tagid',
  40071: 'UserTag Name Already Exist',
  40096: 'invalid external userid',
  41001: 'access_token missing',
  41002: 'corpid missing',
  41004: 'corpsecret missing',
  41005: 'media data missing',
  41051: 'welcome msg too late',
  41063: 'mass message still dispatching',
  42001: 'access_token expired',
  44004: 'empty content',
  45002: 'content size out of limit',
  45009: 'api freq out of limit',
  45033: 'api concurrent out of limit',
  47001: 'data format error',
  48002: 'api forbidden',
  48009: 'api forbidden for this app',
  60011: 'no privilege to access/modify contact/party/agent',
  60020: 'not allow to access from your ip',
  60111: 'userid not found',
  60123: 'invalid party id',
  81017: 'request too large, use owner_filter',
  84061: 'not exist external contact relation',
};

export function errmsgFor(errcode: number, detail?: string): string {
  const base = ERRMSG[errcode] ?? 'error';
  const msg = detail ? `${base}: ${detail}` : base;
  return `${msg}, more info at https://open.work.weixin.qq.com/devtool/query?e=${errcode}`;
}

/** Thrown inside /cgi-bin handlers; rendered as `{errcode, errmsg}` with HTTP 200. */
export class WxError extends Error {
  constructor(
    readonly errcode: number,
    detail?: string,
  ) {
    super(errmsgFor(errcode, detail));
  }
}

/** Thrown inside /sandbox handlers; rendered as HTTP `status` with `{code, message}`. */
export class SandboxError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
