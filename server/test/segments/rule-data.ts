// Random small data and random rule trees for the property tests (fast-check), and a loader into the database.
import fc from 'fast-check';
import { sql } from 'kysely';
import type { Tx } from '../../src/db/tenancy';
import type { Leaf, MemData, Rule } from '@siyu/contracts';

export const NOW = new Date('2026-03-01T12:00:00.000Z');
const DAY = 86_400_000;
export const PIPELINE = '11111111-1111-4111-8111-111111111111';
export const STAGES = ['22222222-2222-4222-8222-222222222221', '22222222-2222-4222-8222-222222222222'];
export const SEG_A = '33333333-3333-4333-8333-333333333331';
export const SEG_B = '33333333-3333-4333-8333-333333333332';
export const REFERENCED = new Map<string, Rule>([
  [SEG_A, { kind: 'orders', measure: 'count', op: 'gte', value: 2 }],
  [
    SEG_B,
    {
      any: [
        { kind: 'tags', match: 'any', tagIds: ['t1'] },
        { kind: 'segment', segmentId: SEG_A },
      ],
    },
  ],
]);
const uid = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

const at = fc
  .record({ d: fc.integer({ min: 0, max: 130 }), m: fc.integer({ min: 0, max: 1439 }) })
  .map(({ d, m }) => new Date(NOW.getTime() - d * DAY - m * 60_000));
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });

const eventArb = (cust: fc.Arbitrary<string>) =>
  fc.record({
    customer_id: cust,
    type: fc.constantFrom('view', 'buy'),
    occurred_at: at,
    properties: fc.record(
      {
        amount: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constant('12')),
        sku: fc.constantFrom('a', 'b', ''),
      },
      { requiredKeys: [] },
    ),
  });

export const dataArb: fc.Arbitrary<MemData> = fc.integer({ min: 1, max: 10 }).chain((n) => {
  const ids = Array.from({ length: n }, (_, i) => uid(i + 1));
  const cust = fc.constantFrom(...ids);
  return fc
    .record({
      customers: fc.tuple(
        ...ids.map((id, i) =>
          fc.record({
            id: fc.constant(id),
            external_userid: fc.constantFrom(`wm${i}`, null),
            // Mixed case and non-ASCII letters: `contains` folds A–Z only, so 'É' and 'é' stay apart.
            name: fc.constantFrom('张伟', '李娜', 'Anna', 'anna', 'ANNA Li', 'Émile', 'émile', ''),
            gender: maybe(fc.integer({ min: 0, max: 2 })),
            phone: fc.constantFrom(null, '', '13900001111', '13800002222'),
            created_at: at,
          }),
        ),
      ),
      follows: fc.uniqueArray(
        fc.record({
          customer_id: cust,
          staff_userid: fc.constantFrom('s1', 's2', 's3'),
          state: fc.constantFrom(null, 'ch_a', 'ch_b'),
          tag_ids: fc.subarray(['t1', 't2', 't3']),
          deleted_at: maybe(at),
        }),
        { maxLength: 14, selector: (f) => `${f.customer_id}/${f.staff_userid}` },
      ),
      events: fc.array(eventArb(cust), { maxLength: 20 }),
      orders: fc.array(
        fc.record({
          customer_id: cust,
          amount: fc.integer({ min: 0, max: 400 }),
          paid_at: at,
          items: fc.array(
            fc.record(
              {
                name: fc.constantFrom('红富士苹果', '水果礼盒', '牛奶', 'Fuji Apple', 'APPLE Juice'),
                category: fc.constantFrom('水果', '乳品', undefined),
              },
              { requiredKeys: ['name'] },
            ),
            {
              maxLength: 2,
            },
          ),
        }),
        { maxLength: 16 },
      ),
      groupMembers: fc.uniqueArray(
        fc.record({ chat_id: fc.constantFrom('g1', 'g2'), userid: fc.constantFrom(...ids.map((_, i) => `wm${i}`)) }),
        {
          maxLength: 6,
          selector: (g) => `${g.chat_id}/${g.userid}`,
        },
      ),
      stages: fc.uniqueArray(
        fc.record({
          customer_id: cust,
          pipeline_id: fc.constant(PIPELINE),
          stage_id: fc.constantFrom(...STAGES),
          entered_at: at,
        }),
        {
          maxLength: n,
          selector: (s) => s.customer_id,
        },
      ),
      rfm: fc.uniqueArray(fc.record({ customer_id: cust, class: fc.constantFrom('champion', 'at_risk', 'new') }), {
        maxLength: n,
        selector: (r) => r.customer_id,
      }),
      points: fc.uniqueArray(
        fc.record({
          customer_id: cust,
          points: fc.integer({ min: 0, max: 300 }),
          growth: fc.integer({ min: 0, max: 300 }),
          level: fc.integer({ min: 0, max: 3 }),
        }),
        { maxLength: n, selector: (p) => p.customer_id },
      ),
      customFields: fc.uniqueArray(
        fc.record({
          customer_id: cust,
          key: fc.constantFrom('city', 'score', 'birthday'),
          text_value: fc.constantFrom(null, '上海', '北京', 'Shanghai'),
          number_value: maybe(fc.integer({ min: 0, max: 10 })),
          date_value: maybe(fc.integer({ min: 0, max: 60 }).map((d) => new Date(Date.UTC(2026, 1, 28) - d * DAY))),
        }),
        { maxLength: 12, selector: (v) => `${v.customer_id}/${v.key}` },
      ),
    })
    .map((d) => ({ ...d, customers: [...d.customers], segments: REFERENCED }));
});

const daysAgo = fc.integer({ min: 0, max: 120 }).map((d) => ({ daysAgo: d }));
const num = fc.integer({ min: 0, max: 400 });
const numOp = fc.oneof(
  fc.record({
    op: fc.constantFrom('eq' as const, 'neq' as const, 'gt' as const, 'gte' as const, 'lt' as const, 'lte' as const),
    value: num,
  }),
  fc.record({
    op: fc.constant('between' as const),
    value: fc.tuple(num, num).map(([a, b]) => [Math.min(a, b), Math.max(a, b)]),
  }),
);
const smallNumOp = fc.oneof(
  fc.record({
    op: fc.constantFrom('eq' as const, 'gt' as const, 'gte' as const, 'lt' as const, 'lte' as const, 'neq' as const),
    value: fc.integer({ min: 0, max: 5 }),
  }),
  fc.record({ op: fc.constant('between' as const), value: fc.constant([1, 3]) }),
);
const dateOp = fc.oneof(
  fc.record({ op: fc.constantFrom('gt' as const, 'gte' as const, 'lt' as const, 'lte' as const), value: daysAgo }),
  fc.record({
    op: fc.constant('between' as const),
    value: fc.tuple(daysAgo, daysAgo).map(([a, b]) => (a.daysAgo > b.daysAgo ? [a, b] : [b, a])),
  }),
  fc.record({ op: fc.constantFrom('is_set' as const, 'not_set' as const) }),
);
const textOp = (values: string[]) =>
  fc.oneof(
    fc.record({
      op: fc.constantFrom('eq' as const, 'neq' as const, 'contains' as const, 'gt' as const, 'lt' as const),
      value: fc.constantFrom(...values),
    }),
    fc.record({ op: fc.constant('in' as const), value: fc.subarray(values, { minLength: 1 }) }),
    fc.record({ op: fc.constantFrom('is_set' as const, 'not_set' as const) }),
  );
const window = fc.option(
  fc.oneof(
    fc.record({ lastDays: fc.integer({ min: 1, max: 120 }) }),
    fc.record({ from: daysAgo, to: daysAgo }, { requiredKeys: [] }),
  ),
  { nil: undefined },
);
const propFilters = fc.option(
  fc.array(
    fc.oneof(
      fc.record({
        property: fc.constant('amount'),
        op: fc.constantFrom('gt' as const, 'lte' as const, 'eq' as const),
        value: fc.integer({ min: 0, max: 100 }),
      }),
      fc.record({
        property: fc.constant('sku'),
        op: fc.constantFrom('eq' as const, 'neq' as const, 'contains' as const),
        value: fc.constantFrom('a', 'b', 'A'),
      }),
      fc.record({
        property: fc.constantFrom('sku', 'amount', 'nope'),
        op: fc.constantFrom('is_set' as const, 'not_set' as const),
      }),
    ),
    { maxLength: 2 },
  ),
  { nil: undefined },
);
const strip = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

export const leafArb: fc.Arbitrary<Leaf> = fc.oneof(
  textOp(['张伟', 'anna', 'Anna', 'nN', 'LI', 'É', 'é', '李']).map((o) => ({
    kind: 'attribute' as const,
    field: 'name' as const,
    ...o,
  })),
  fc
    .oneof(
      fc.record({
        op: fc.constantFrom('eq' as const, 'neq' as const, 'gt' as const, 'lte' as const),
        // whole values compare as bigint in SQL, fractional ones as numeric: both against the evaluator
        value: fc.oneof(fc.integer({ min: 0, max: 2 }), fc.constantFrom(0.5, 1.5)),
      }),
      fc.record({ op: fc.constant('in' as const), value: fc.subarray([0, 1, 1.5, 2], { minLength: 1 }) }),
      fc.record({ op: fc.constantFrom('is_set' as const, 'not_set' as const) }),
    )
    .map((o) => ({ kind: 'attribute' as const, field: 'gender' as const, ...o })),
  textOp(['13900001111', '139']).map((o) => ({ kind: 'attribute' as const, field: 'phone' as const, ...o })),
  dateOp.map((o) => ({ kind: 'attribute' as const, field: 'created_at' as const, ...o })),
  fc.record({
    kind: fc.constant('tags' as const),
    match: fc.constantFrom('any' as const, 'all' as const, 'none' as const),
    tagIds: fc.subarray(['t1', 't2', 't3', 't4'], { minLength: 1 }),
  }),
  fc.record({ kind: fc.constant('channel' as const), states: fc.subarray(['ch_a', 'ch_b', 'ch_c'], { minLength: 1 }) }),
  fc.record({ kind: fc.constant('owner' as const), staffUserids: fc.subarray(['s1', 's2', 's3'], { minLength: 1 }) }),
  fc
    .record({ kind: fc.constant('group' as const), chatIds: fc.option(fc.subarray(['g1', 'g2']), { nil: undefined }) })
    .map(strip),
  fc
    .record({
      kind: fc.constant('event' as const),
      eventType: fc.constantFrom('view', 'buy'),
      did: fc.boolean(),
      where: propFilters,
      within: window,
    })
    .map(strip),
  fc
    .tuple(
      fc.record({
        kind: fc.constant('event_measure' as const),
        eventType: fc.constantFrom('view', 'buy'),
        where: propFilters,
        within: window,
      }),
      fc.oneof(
        fc.constant({ measure: 'count' as const }).chain((m) => smallNumOp.map((o) => ({ ...m, ...o }))),
        fc.constant({ measure: 'sum' as const, property: 'amount' }).chain((m) => numOp.map((o) => ({ ...m, ...o }))),
        fc.record({
          measure: fc.constant('avg' as const),
          property: fc.constant('amount'),
          op: fc.constantFrom('gt' as const, 'lt' as const),
          value: fc.integer({ min: 0, max: 100 }),
        }),
      ),
    )
    .map(([a, b]) => strip({ ...a, ...b })),
  fc
    .tuple(
      fc.record({
        kind: fc.constant('event_time' as const),
        eventType: fc.constantFrom('view', 'buy'),
        which: fc.constantFrom('first' as const, 'last' as const),
      }),
      dateOp,
    )
    .map(([a, b]) => ({ ...a, ...b })),
  fc
    .tuple(
      fc.record({
        kind: fc.constant('orders' as const),
        within: window,
        item: fc.option(
          fc.record(
            { category: fc.constantFrom('水果', '乳品'), nameContains: fc.constantFrom('水果', '苹果', 'apple', 'Apple') },
            { requiredKeys: [] },
          ),
          { nil: undefined },
        ),
      }),
      fc.oneof(
        fc.constant({ measure: 'count' as const }).chain((m) => smallNumOp.map((o) => ({ ...m, ...o }))),
        fc.constant({ measure: 'amount' as const }).chain((m) => numOp.map((o) => ({ ...m, ...o }))),
        fc.constant({ measure: 'days_since_last' as const }).chain((m) => numOp.map((o) => ({ ...m, ...o }))),
      ),
    )
    .map(([a, b]) => strip({ ...a, ...b })),
  fc.record({
    kind: fc.constant('rfm' as const),
    classes: fc.subarray(['champion', 'at_risk', 'lost'], { minLength: 1 }),
  }),
  fc
    .tuple(
      fc.record({
        kind: fc.constant('points' as const),
        field: fc.constantFrom('points' as const, 'growth' as const, 'level' as const),
      }),
      numOp,
    )
    .map(([a, b]) => ({ ...a, ...b })),
  fc
    .record({
      kind: fc.constant('stage' as const),
      pipelineId: fc.constant(PIPELINE),
      stageIds: fc.subarray(STAGES, { minLength: 1 }),
      minDays: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
      maxDays: fc.option(fc.integer({ min: 60, max: 130 }), { nil: undefined }),
    })
    .map(strip),
  fc.oneof(
    textOp(['上海', '北', '京', 'SHANG']).map((o) => ({
      kind: 'custom_field' as const,
      key: 'city',
      type: 'text' as const,
      ...o,
    })),
    numOp.map((o) => ({
      kind: 'custom_field' as const,
      key: 'score',
      type: 'number' as const,
      ...o,
      value: Array.isArray(o.value) ? o.value.map((v) => v % 11) : o.value % 11,
    })),
    dateOp.map((o) => ({ kind: 'custom_field' as const, key: 'birthday', type: 'date' as const, ...o })),
  ),
  fc.record({ kind: fc.constant('segment' as const), segmentId: fc.constantFrom(SEG_A, SEG_B) }),
) as fc.Arbitrary<Leaf>;

export const ruleArb: fc.Arbitrary<Rule> = fc.letrec<{ rule: Rule }>((tie) => ({
  rule: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leafArb,
    fc.record({ all: fc.array(tie('rule'), { maxLength: 3 }) }),
    fc.record({ any: fc.array(tie('rule'), { maxLength: 3 }) }),
    fc.record({ not: tie('rule') }),
  ),
})).rule;

/** Replaces the corp's customers (and everything hanging off them) with `data`. */
export async function loadData(tx: Tx, corpId: string, data: MemData): Promise<void> {
  await tx.deleteFrom('customers').where('corp_id', '=', corpId).execute();
  await tx.deleteFrom('group_members').where('corp_id', '=', corpId).execute();
  await tx
    .insertInto('customers')
    .values(
      data.customers.map((c) => ({
        corp_id: corpId,
        id: c.id,
        external_userid: c.external_userid,
        name: c.name as string,
        gender: c.gender as number | null,
        phone: c.phone as string | null,
        created_at: c.created_at as Date,
        avatar: null,
        type: 1,
        unionid: null,
        corp_name: null,
      })),
    )
    .execute();
  if (data.follows.length) {
    await tx
      .insertInto('follows')
      .values(
        data.follows.map((f) => ({
          corp_id: corpId,
          customer_id: f.customer_id,
          staff_userid: f.staff_userid,
          state: f.state,
          tag_ids: f.tag_ids,
          deleted_at: f.deleted_at,
          remark: null,
          description: null,
          add_way: null,
          oper_userid: null,
          remark_corp_name: null,
        })),
      )
      .execute();
  }
  if (data.events.length) {
    await tx
      .insertInto('events')
      .values(
        data.events.map((e) => ({
          corp_id: corpId,
          customer_id: e.customer_id,
          type: e.type,
          occurred_at: e.occurred_at,
          properties: JSON.stringify(e.properties),
          dedupe_key: null,
        })),
      )
      .execute();
  }
  if (data.orders.length) {
    await tx
      .insertInto('orders')
      .values(
        data.orders.map((o, i) => ({
          corp_id: corpId,
          customer_id: o.customer_id,
          order_no: `o${i}`,
          amount: o.amount,
          paid_at: o.paid_at,
          items: JSON.stringify(o.items),
          store_id: null,
          staff_userid: null,
        })),
      )
      .execute();
  }
  for (const g of data.groupMembers)
    await sql`INSERT INTO group_members (corp_id, chat_id, userid, type) VALUES (${corpId}, ${g.chat_id}, ${g.userid}, 2)`.execute(
      tx,
    );
  for (const s of data.stages ?? []) {
    await sql`INSERT INTO customer_stages (corp_id, customer_id, pipeline_id, stage_id, entered_at) VALUES (${corpId}, ${s.customer_id}::uuid, ${s.pipeline_id}::uuid, ${s.stage_id}::uuid, ${s.entered_at.toISOString()}::timestamptz)`.execute(
      tx,
    );
  }
  for (const r of data.rfm ?? [])
    await sql`INSERT INTO customer_rfm (corp_id, customer_id, r, f, m, class) VALUES (${corpId}, ${r.customer_id}::uuid, 1, 1, 1, ${r.class})`.execute(
      tx,
    );
  for (const p of data.points ?? []) {
    await sql`INSERT INTO customer_membership (corp_id, customer_id, points, growth, level) VALUES (${corpId}, ${p.customer_id}::uuid, ${p.points}, ${p.growth}, ${p.level})`.execute(
      tx,
    );
  }
  for (const v of data.customFields ?? []) {
    await sql`INSERT INTO custom_field_values (corp_id, customer_id, field_id, text_value, number_value, date_value)
      SELECT ${corpId}, ${v.customer_id}::uuid, f.id, ${v.text_value}, ${v.number_value}, ${v.date_value ? v.date_value.toISOString().slice(0, 10) : null}::date
        FROM custom_fields f WHERE f.corp_id = ${corpId} AND f.key = ${v.key}`.execute(tx);
  }
}

/** Fixed definitions the random data refers to: a pipeline with two stages, three custom fields, groups. */
export async function loadFixtures(tx: Tx, corpId: string): Promise<void> {
  await sql`INSERT INTO pipelines (corp_id, id, name) VALUES (${corpId}, ${PIPELINE}::uuid, 'p')`.execute(tx);
  for (const s of STAGES)
    await sql`INSERT INTO stages (corp_id, id, pipeline_id, name) VALUES (${corpId}, ${s}::uuid, ${PIPELINE}::uuid, 's')`.execute(
      tx,
    );
  for (const [key, type] of [
    ['city', 'text'],
    ['score', 'number'],
    ['birthday', 'date'],
  ]) {
    await sql`INSERT INTO custom_fields (corp_id, key, label, type) VALUES (${corpId}, ${key}, ${key}, ${type})`.execute(
      tx,
    );
  }
  for (const g of ['g1', 'g2']) await sql`INSERT INTO groups (corp_id, chat_id) VALUES (${corpId}, ${g})`.execute(tx);
}

/** The same data with many timeline rows for its first two customers: what slicing a timeline by window can get wrong. */
export const denseEventsArb: fc.Arbitrary<MemData> = dataArb.chain((d) =>
  fc
    .array(eventArb(fc.constantFrom(...d.customers.slice(0, 2).map((c) => c.id))), { minLength: 10, maxLength: 60 })
    .map((events) => ({ ...d, events })),
);

/** Leaves that read the timeline. */
export const eventLeafArb = leafArb.filter((l) => l.kind === 'event' || l.kind === 'event_measure' || l.kind === 'event_time');
