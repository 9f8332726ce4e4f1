// The one rule language for segments, dynamic tags, SOP conditions and broadcasts: a JSON tree of all / any / not
// groups over typed leaves. Times are instants; `{ daysAgo: n }` means now − n × 24 h at evaluation time.
// Shared by the server (validation, SQL compiler, in-memory evaluator) and the console's rule editor.
import { Type, type Static, type TSchema } from '@sinclair/typebox';

export const ATTRIBUTE_FIELDS = [
  'name',
  'gender',
  'phone',
  'type',
  'corp_name',
  'external_userid',
  'unionid',
  'created_at',
] as const;
export type AttributeField = (typeof ATTRIBUTE_FIELDS)[number];
export const ATTRIBUTE_TYPES: Record<AttributeField, 'text' | 'number' | 'date'> = {
  name: 'text',
  gender: 'number',
  phone: 'text',
  type: 'number',
  corp_name: 'text',
  external_userid: 'text',
  unionid: 'text',
  created_at: 'date',
};

// `contains` (and an order item's `nameContains`) is a substring test that ignores the case of the Latin letters A–Z only ("amy" finds "Amy"; "é" does not
// find "É"); eq, neq, in and the comparisons are case-sensitive.
export const VALUE_OPS = [
  'eq',
  'neq',
  'in',
  'contains',
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
  'is_set',
  'not_set',
] as const;
export type ValueOp = (typeof VALUE_OPS)[number];
export const CMP_OPS = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between'] as const;
export type CmpOp = (typeof CMP_OPS)[number];

const Str = Type.String({ minLength: 1, maxLength: 200 });
const Id = Type.String({ minLength: 1, maxLength: 100 });
const Ids = Type.Array(Id, { minItems: 1, maxItems: 200 });
const Days = Type.Integer({ minimum: 0, maximum: 36_500 });

export const RelDateSchema = Type.Object({ daysAgo: Days }, { additionalProperties: false });
export type RelDate = Static<typeof RelDateSchema>;
// A date is an ISO instant or a relative date.
export const DateValueSchema = Type.Union([Type.String({ format: 'date-time' }), RelDateSchema]);
export type DateValue = Static<typeof DateValueSchema>;
export const ScalarSchema = Type.Union([Type.String({ maxLength: 200 }), Type.Number(), Type.Boolean(), RelDateSchema]);
export type Scalar = Static<typeof ScalarSchema>;

const Opt = Type.Optional;
const leaf = <K extends string, T extends Record<string, TSchema>>(kind: K, props: T) =>
  Type.Object({ kind: Type.Literal(kind), ...props }, { additionalProperties: false });

// "value" holds the operand: a scalar, a list for `in`, a [low, high] pair for `between`, nothing for is_set/not_set.
const Operand = Opt(Type.Union([ScalarSchema, Type.Array(ScalarSchema, { maxItems: 200 })]));

export const WindowSchema = Type.Object(
  {
    lastDays: Opt(Type.Integer({ minimum: 1, maximum: 36_500 })),
    from: Opt(DateValueSchema),
    to: Opt(DateValueSchema),
  },
  { additionalProperties: false },
);
export type Window = Static<typeof WindowSchema>;

export const PropFilterSchema = Type.Object(
  { property: Str, op: Type.Union(VALUE_OPS.map((o) => Type.Literal(o))), value: Operand },
  { additionalProperties: false },
);
export type PropFilter = Static<typeof PropFilterSchema>;

const ValueOpSchema = Type.Union(VALUE_OPS.map((o) => Type.Literal(o)));
const CmpOpSchema = Type.Union(CMP_OPS.map((o) => Type.Literal(o)));
const NumOperand = Type.Union([Type.Number(), Type.Array(Type.Number(), { minItems: 2, maxItems: 2 })]);

export const LeafSchemas = {
  attribute: leaf('attribute', {
    field: Type.Union(ATTRIBUTE_FIELDS.map((f) => Type.Literal(f))),
    op: ValueOpSchema,
    value: Operand,
  }),
  custom_field: leaf('custom_field', {
    key: Type.String({ minLength: 1, maxLength: 64 }),
    type: Type.Union([Type.Literal('text'), Type.Literal('number'), Type.Literal('date')]),
    op: ValueOpSchema,
    value: Operand,
  }),
  tags: leaf('tags', {
    match: Type.Union([Type.Literal('any'), Type.Literal('all'), Type.Literal('none')]),
    tagIds: Ids,
  }),
  channel: leaf('channel', { states: Ids }),
  owner: leaf('owner', { staffUserids: Ids }),
  group: leaf('group', { chatIds: Opt(Type.Array(Id, { maxItems: 200 })) }),
  stage: leaf('stage', {
    pipelineId: Type.String({ format: 'uuid' }),
    stageIds: Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: 200 }),
    minDays: Opt(Days),
    maxDays: Opt(Days),
  }),
  segment: leaf('segment', { segmentId: Type.String({ format: 'uuid' }) }),
  event: leaf('event', {
    eventType: Str,
    did: Type.Boolean(),
    where: Opt(Type.Array(PropFilterSchema, { maxItems: 20 })),
    within: Opt(WindowSchema),
  }),
  event_measure: leaf('event_measure', {
    eventType: Str,
    measure: Type.Union([Type.Literal('count'), Type.Literal('sum'), Type.Literal('avg')]),
    property: Opt(Str),
    where: Opt(Type.Array(PropFilterSchema, { maxItems: 20 })),
    within: Opt(WindowSchema),
    op: CmpOpSchema,
    value: NumOperand,
  }),
  event_time: leaf('event_time', {
    eventType: Str,
    which: Type.Union([Type.Literal('first'), Type.Literal('last')]),
    op: Type.Union((['gt', 'gte', 'lt', 'lte', 'between', 'is_set', 'not_set'] as const).map((o) => Type.Literal(o))),
    value: Opt(Type.Union([DateValueSchema, Type.Array(DateValueSchema, { minItems: 2, maxItems: 2 })])),
  }),
  orders: leaf('orders', {
    measure: Type.Union([Type.Literal('days_since_last'), Type.Literal('count'), Type.Literal('amount')]),
    within: Opt(WindowSchema),
    item: Opt(Type.Object({ category: Opt(Str), nameContains: Opt(Str) }, { additionalProperties: false })),
    op: CmpOpSchema,
    value: NumOperand,
  }),
  rfm: leaf('rfm', { classes: Ids }),
  points: leaf('points', {
    field: Type.Union([Type.Literal('points'), Type.Literal('growth'), Type.Literal('level')]),
    op: CmpOpSchema,
    value: NumOperand,
  }),
};

export type AttributeLeaf = Static<typeof LeafSchemas.attribute>;
export type CustomFieldLeaf = Static<typeof LeafSchemas.custom_field>;
export type TagsLeaf = Static<typeof LeafSchemas.tags>;
export type ChannelLeaf = Static<typeof LeafSchemas.channel>;
export type OwnerLeaf = Static<typeof LeafSchemas.owner>;
export type GroupLeaf = Static<typeof LeafSchemas.group>;
export type StageLeaf = Static<typeof LeafSchemas.stage>;
export type SegmentLeaf = Static<typeof LeafSchemas.segment>;
export type EventLeaf = Static<typeof LeafSchemas.event>;
export type EventMeasureLeaf = Static<typeof LeafSchemas.event_measure>;
export type EventTimeLeaf = Static<typeof LeafSchemas.event_time>;
export type OrdersLeaf = Static<typeof LeafSchemas.orders>;
export type RfmLeaf = Static<typeof LeafSchemas.rfm>;
export type PointsLeaf = Static<typeof LeafSchemas.points>;

export type Leaf =
  | AttributeLeaf
  | CustomFieldLeaf
  | TagsLeaf
  | ChannelLeaf
  | OwnerLeaf
  | GroupLeaf
  | StageLeaf
  | SegmentLeaf
  | EventLeaf
  | EventMeasureLeaf
  | EventTimeLeaf
  | OrdersLeaf
  | RfmLeaf
  | PointsLeaf;
export type LeafKind = Leaf['kind'];
/** Every leaf kind, in the order the editor offers them. */
export const LEAF_KINDS = Object.keys(LeafSchemas) as LeafKind[];

export type Rule = { all: Rule[] } | { any: Rule[] } | { not: Rule } | Leaf;

export const MAX_RULE_DEPTH = 12;
export const MAX_RULE_NODES = 300;

// Recursive schema (for OpenAPI and validation); the semantic validator adds what JSON Schema cannot say.
export const RuleSchema = Type.Recursive(
  (Self) =>
    Type.Union([
      Type.Object({ all: Type.Array(Self, { maxItems: 100 }) }, { additionalProperties: false }),
      Type.Object({ any: Type.Array(Self, { maxItems: 100 }) }, { additionalProperties: false }),
      Type.Object({ not: Self }, { additionalProperties: false }),
      ...Object.values(LeafSchemas),
    ]),
  { $id: 'SegmentRule' },
);

export function isGroup(rule: Rule): rule is { all: Rule[] } | { any: Rule[] } | { not: Rule } {
  return 'all' in rule || 'any' in rule || 'not' in rule;
}

export function walkLeaves(rule: Rule, visit: (leaf: Leaf, path: string) => void, path = ''): void {
  if (!isGroup(rule)) return visit(rule, path);
  if ('all' in rule) rule.all.forEach((r, i) => walkLeaves(r, visit, `${path}/all/${i}`));
  else if ('any' in rule) rule.any.forEach((r, i) => walkLeaves(r, visit, `${path}/any/${i}`));
  else walkLeaves(rule.not, visit, `${path}/not`);
}
