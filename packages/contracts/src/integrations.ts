// Route schemas of the integrations a shop or an ERP uses (the events module): API keys (/api/api-keys), the public
// events API (POST /api/events), the signed events webhook's settings (/api/events/webhook) and the order import
// (POST /api/orders/import). A refused event or row carries a code the console words in the user's language.
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Items, Nullable } from './common';

export const API_KEY_SCOPES = ['events:write'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];
const Scope = Type.Union(API_KEY_SCOPES.map((s) => Type.Literal(s)));

export const ApiKeyCreateBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 60 }), scopes: Type.Array(Scope, { minItems: 1, maxItems: 10 }) },
  { additionalProperties: false },
);
export type ApiKeyCreate = Static<typeof ApiKeyCreateBody>;

export const ApiKeyIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const ApiKeySchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  /** the key's first characters, to tell keys apart; the key itself is shown once, at creation */
  prefix: Type.String(),
  scopes: Type.Array(Type.String()),
  createdAt: DateTime,
  lastUsedAt: Nullable(DateTime),
  revokedAt: Nullable(DateTime),
});
export type ApiKey = Static<typeof ApiKeySchema>;
export const ApiKeyListSchema = Items(ApiKeySchema);
export type ApiKeyList = Static<typeof ApiKeyListSchema>;

export const CreatedApiKeySchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  prefix: Type.String(),
  scopes: Type.Array(Type.String()),
  createdAt: DateTime,
  /** the whole key (sk_…): this answer is the only place it is ever shown */
  key: Type.String(),
});
export type CreatedApiKey = Static<typeof CreatedApiKeySchema>;

export const WebhookInfoSchema = Type.Object({
  /** where the shop posts, relative to the server's address: /hooks/events/<corpId> */
  path: Type.String(),
  /** signs each body: X-Siyu-Signature: sha256=<hex HMAC-SHA256(secret, raw body)> */
  secret: Type.String(),
});
export type WebhookInfo = Static<typeof WebhookInfoSchema>;

/** A batch for POST /api/events and POST /hooks/events/:corpId; each event is checked on its own. */
export const EventsBatchBody = Type.Object({ events: Type.Array(Type.Unknown(), { minItems: 1, maxItems: 1000 }) }, { additionalProperties: false });
export type EventsBatch = Static<typeof EventsBatchBody>;

/** Why one event was refused. */
export const EVENT_REJECTION_CODES = ['invalid_event', 'invalid_order', 'no_identity', 'identity_conflict'] as const;
export type EventRejectionCode = (typeof EVENT_REJECTION_CODES)[number];
const RejectionCode = Type.Union(EVENT_REJECTION_CODES.map((c) => Type.Literal(c)));

export const EventsIngestResultSchema = Type.Object({
  accepted: Type.Integer(),
  /** events whose id was already recorded (or repeated in the batch): skipped */
  duplicates: Type.Integer(),
  rejected: Type.Array(
    Type.Object({
      /** the event's place in the batch */
      index: Type.Integer(),
      id: Nullable(Type.String()),
      code: RejectionCode,
      /** where in the event, as a JSON pointer (/properties/amount), when one field is at fault */
      path: Type.Optional(Type.String()),
      /** the reason in English, for a developer reading the answer */
      message: Type.String(),
    }),
  ),
});
export type EventsIngestResult = Static<typeof EventsIngestResultSchema>;

export const OrderImportBody = Type.Object(
  { format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]), content: Type.String({ minLength: 1, maxLength: 1_000_000 }) },
  { additionalProperties: false },
);
export type OrderImportRequest = Static<typeof OrderImportBody>;

/** Why a row of an order file was not imported: a row that cannot be read, or its order refused on ingestion. */
export const ORDER_ROW_CODES = [
  'order_no_missing',
  'paid_at_invalid',
  'quantity_invalid',
  'price_invalid',
  'amount_invalid',
  'no_identity',
  'invalid_event',
  'invalid_order',
  'identity_conflict',
] as const;
export type OrderRowCode = (typeof ORDER_ROW_CODES)[number];

export const OrderRowErrorSchema = Type.Object({
  /** the row's number in the file (the header is row 1) */
  row: Type.Integer(),
  code: Type.Union(ORDER_ROW_CODES.map((c) => Type.Literal(c))),
  /** the field at fault, as a JSON pointer into the order (/properties/items/0/name), when the server knows it */
  path: Type.Optional(Type.String()),
  /** the reason in English, for an API caller; the console words `code` in the user's language */
  message: Type.String(),
});
export type OrderRowError = Static<typeof OrderRowErrorSchema>;

export const OrderImportResultSchema = Type.Object({
  orders: Type.Integer(),
  imported: Type.Integer(),
  duplicates: Type.Integer(),
  errors: Type.Array(OrderRowErrorSchema),
});
export type OrderImportResult = Static<typeof OrderImportResultSchema>;
