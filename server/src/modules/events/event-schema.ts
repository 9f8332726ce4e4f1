// One incoming event, checked on its own so a bad event is rejected with a reason and the rest of the batch is kept.
import type { EventRejectionCode } from '@siyu/contracts';
import { Type, type Static } from '@sinclair/typebox';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

const Id = Type.String({ minLength: 1, maxLength: 128 });

export const CustomerRefSchema = Type.Object(
  {
    externalUserid: Type.Optional(Id),
    unionid: Type.Optional(Id),
    openid: Type.Optional(Id),
    phone: Type.Optional(Type.String({ minLength: 5, maxLength: 32, pattern: '^\\+?[0-9 ()-]+$' })),
    memberId: Type.Optional(Id),
    name: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);

export const IncomingEventSchema = Type.Object(
  {
    id: Id,
    type: Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-zA-Z][a-zA-Z0-9_.:-]*$' }),
    occurredAt: Type.Optional(Type.String({ format: 'date-time' })),
    customer: CustomerRefSchema,
    properties: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { additionalProperties: false },
);
export type IncomingEvent = Static<typeof IncomingEventSchema>;

export const OrderItemSchema = Type.Object(
  {
    sku: Type.String({ minLength: 1, maxLength: 64 }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    category: Type.Optional(Type.String({ maxLength: 64 })),
    quantity: Type.Number({ exclusiveMinimum: 0, maximum: 1_000_000 }),
    price: Type.Optional(Type.Number({ minimum: 0, maximum: 1e10 })),
  },
  { additionalProperties: false },
);

export const OrderPropertiesSchema = Type.Object(
  {
    orderNo: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    amount: Type.Number({ minimum: 0, maximum: 1e11 }),
    currency: Type.Optional(Type.String({ minLength: 3, maxLength: 3 })),
    items: Type.Array(OrderItemSchema, { maxItems: 200 }),
    storeId: Type.Optional(Type.String({ maxLength: 64 })),
    staffUserid: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: true },
);
export type OrderProperties = Static<typeof OrderPropertiesSchema>;

const ajv = new Ajv({ allErrors: false, strict: false });
addFormats.default(ajv);
const checkEvent = ajv.compile(IncomingEventSchema);
const checkOrder = ajv.compile(OrderPropertiesSchema);

export type EventCheck =
  | { ok: true; event: IncomingEvent }
  | { ok: false; code: Exclude<EventRejectionCode, 'identity_conflict'>; message: string; path?: string };

function describe(errors: typeof checkEvent.errors, prefix: string): { message: string; path?: string } {
  const e = errors?.[0];
  if (!e) return { message: 'invalid' };
  const path = `${prefix}${e.instancePath || ''}`;
  return { message: `${path} ${e.message ?? 'is invalid'}`.trim(), ...(path ? { path } : {}) };
}

export function checkIncomingEvent(raw: unknown): EventCheck {
  if (!checkEvent(raw)) return { ok: false, code: 'invalid_event', ...describe(checkEvent.errors, '') };
  const event = raw as IncomingEvent;
  const c = event.customer;
  if (!c.externalUserid && !c.unionid && !c.openid && !c.phone && !c.memberId) {
    return { ok: false, code: 'no_identity', message: 'customer needs one of externalUserid, unionid, openid, phone, memberId' };
  }
  if (event.occurredAt && Date.parse(event.occurredAt) > Date.now() + 86_400_000) {
    return { ok: false, code: 'invalid_event', message: '/occurredAt is more than a day in the future', path: '/occurredAt' };
  }
  if (event.type === 'order' && !checkOrder(event.properties ?? {})) {
    return { ok: false, code: 'invalid_order', ...describe(checkOrder.errors, '/properties') };
  }
  return { ok: true, event };
}

/** Digits only, without a leading +86 / 0086: the same person's phone must give the same identity. */
export function normalizePhone(phone: string): string {
  const digits = phone.replace(/[^0-9]/g, '');
  return digits.replace(/^(0086|86)(1\d{10})$/, '$2');
}
