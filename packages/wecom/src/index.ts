export { createWecomClient, type WecomClient, type WecomClientOptions, type JsapiTicketKind } from './client';
export { userIdOf } from './api/org';
export type { Caller } from './api/caller';
export {
  WecomError,
  WecomCallbackError,
  WecomErrcode,
  isWecomError,
  type WecomErrcodeName,
  type CallbackErrorCode,
} from './errors';
export { TokenStore, sharedTokenStore, type FetchedToken } from './token-cache';
export {
  RateLimiter,
  TokenBucket,
  Semaphore,
  realSleep,
  DEFAULT_API_LIMIT,
  DEFAULT_PER_API_LIMITS,
  type ApiLimit,
  type WecomLimits,
  type Sleep,
} from './rate-limiter';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy';
export type { FetchLike } from './fetch-like';
export type { Query } from './transport';
export { paginate, chunk } from './paginate';
export {
  createCallbackCrypto,
  type CallbackCrypto,
  type CallbackCryptoOptions,
  type SignatureParams,
  type UrlVerifyParams,
  type EncryptedMessage,
} from './callback-crypto';
export {
  parseEvent,
  eventIdentity,
  buildEventXml,
  type WecomEvent,
  type WecomEventKind,
  type EventCommon,
  type ExternalContactEvent,
  type ExternalChatEvent,
  type ExternalTagEvent,
  type UnknownEvent,
  type ChatUpdateDetail,
  type TagType,
  type EventXmlValue,
} from './events';
export * from './types/index';
