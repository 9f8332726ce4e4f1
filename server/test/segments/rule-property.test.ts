// Property: for random rule trees over random small data, the SQL compilation (both shapes) selects exactly the
// customers the in-memory evaluator selects.
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCorp } from '../../src/db/tenancy';
import { createCorpWithAdmin } from '../../src/modules/auth/auth.repo';
import { compileRule, compileRuleIds } from '../../src/modules/segments/compile-rule';
import { evaluateRule, eventSlices, ruleSources, type MemData, type Rule } from '@siyu/contracts';
import { loadCustomerSnapshot, loadCustomerSnapshots } from '../../src/modules/segments/customer-snapshot.repo';
import { matchOneCustomer } from '../../src/modules/segments/segments.repo';
import { validateRuleShape } from '../../src/modules/segments/validate-rule';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { NOW, REFERENCED, dataArb, denseEventsArb, eventLeafArb, loadData, loadFixtures, ruleArb } from './rule-data';

const CORP = 'corp_rules';
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
  await createCorpWithAdmin(app.ctx.db, {
    corpId: CORP,
    corpName: 'rules',
    email: 'a@rules.test',
    name: 'a',
    passwordHash: 'x',
  });
  await withCorp(app.ctx.db, CORP, (tx) => loadFixtures(tx, CORP));
}, 60_000);
afterAll(async () => app?.cleanup());

async function sqlMembers(data: MemData, rule: Rule, mode: 'set' | 'row'): Promise<string[]> {
  return withCorp(app.ctx.db, CORP, async (tx) => {
    const match = compileRule(rule, { corpId: CORP, now: NOW, mode, segments: REFERENCED });
    const res = await sql<{
      id: string;
    }>`SELECT c.id FROM customers c WHERE c.corp_id = ${CORP} AND ${match} ORDER BY c.id`.execute(tx);
    return res.rows.map((r) => r.id);
  });
}

/** Both SQL shapes of the rule select what the in-memory evaluator selects. */
async function expectAgreement(data: MemData, rule: Rule): Promise<void> {
  const expected = data.customers
    .filter((c) => evaluateRule(rule, c, data, NOW))
    .map((c) => c.id)
    .sort();
  expect(await sqlMembers(data, rule, 'set'), JSON.stringify(rule)).toEqual(expected);
  expect(await sqlMembers(data, rule, 'row'), JSON.stringify(rule)).toEqual(expected);
}

describe('segment rules: SQL agrees with the in-memory evaluator', () => {
  it('every generated rule is valid for the validator', () => {
    fc.assert(
      fc.property(ruleArb, (rule) => void validateRuleShape(rule)),
      { seed: 42, numRuns: 300 },
    );
  });

  it('random rule trees over random data select the same customers', async () => {
    await fc.assert(
      fc.asyncProperty(dataArb, fc.array(ruleArb, { minLength: 1, maxLength: 4 }), async (data, rules) => {
        await withCorp(app.ctx.db, CORP, (tx) => loadData(tx, CORP, data));
        for (const rule of rules) await expectAgreement(data, rule);
        // The incremental shape: all rules for one customer in one statement.
        const one = data.customers[0];
        const flags = await withCorp(app.ctx.db, CORP, (tx) =>
          matchOneCustomer(
            tx,
            CORP,
            one.id,
            rules.map((r) => compileRule(r, { corpId: CORP, now: NOW, mode: 'row', segments: REFERENCED })),
          ),
        );
        expect(flags.now).toEqual(rules.map((r) => evaluateRule(r, one, data, NOW)));
        // The incremental path: the customer's snapshot (one statement) evaluated in memory.
        for (const c of data.customers.slice(0, 3)) {
          const snap = await withCorp(app.ctx.db, CORP, (tx) => loadCustomerSnapshot(tx, CORP, c.id, ['view', 'buy']));
          snap.data.segments = REFERENCED;
          expect(rules.map((r) => evaluateRule(r, snap.customer!, snap.data, NOW))).toEqual(
            rules.map((r) => evaluateRule(r, c, data, NOW)),
          );
        }
        // As the derive step loads them: only the sources these rules (and the segments they refer to) read, and of
        // each timeline type only the rows they can need at NOW.
        const reads = ruleSources([...rules, ...REFERENCED.values()]);
        const slices = eventSlices([...rules, ...REFERENCED.values()], NOW);
        const some = data.customers.slice(0, 3);
        const narrow = await withCorp(app.ctx.db, CORP, (tx) => loadCustomerSnapshots(tx, CORP, some.map((c) => c.id), reads, slices));
        for (const c of some) {
          const snap = narrow.snapshots.get(c.id)!;
          snap.data.segments = REFERENCED;
          expect(rules.map((r) => evaluateRule(r, snap.customer!, snap.data, NOW)), JSON.stringify({ reads, slices })).toEqual(
            rules.map((r) => evaluateRule(r, c, data, NOW)),
          );
        }
      }),
      { seed: 20260301, numRuns: 100, endOnFailure: true },
    );
  }, 240_000);

  it('a snapshot with only the timeline rows the rules need answers as the whole timeline does', async () => {
    // Two customers with 10–60 rows of two types, 2–6 timeline leaves (windows, property filters, counts and sums,
    // first and last times): each leaf evaluated on the sliced snapshot and on all the data.
    await fc.assert(
      fc.asyncProperty(denseEventsArb, fc.array(eventLeafArb, { minLength: 2, maxLength: 6 }), async (data, leaves) => {
        await withCorp(app.ctx.db, CORP, (tx) => loadData(tx, CORP, data));
        const slices = eventSlices(leaves, NOW);
        const some = data.customers.slice(0, 2);
        const sliced = await withCorp(app.ctx.db, CORP, (tx) =>
          loadCustomerSnapshots(tx, CORP, some.map((c) => c.id), ruleSources(leaves), slices),
        );
        for (const c of some) {
          const snap = sliced.snapshots.get(c.id)!;
          expect(leaves.map((l) => evaluateRule(l, snap.customer!, snap.data, NOW)), JSON.stringify(slices)).toEqual(
            leaves.map((l) => evaluateRule(l, c, data, NOW)),
          );
        }
      }),
      { seed: 20261203, numRuns: 200, endOnFailure: true },
    );
  }, 240_000);
});

describe('contains: A–Z in any case, every other letter as written', () => {
  // Letters whose case PostgreSQL's lower() or JS toLowerCase() would fold (É, İ, the Kelvin sign K) next to ASCII.
  const text = fc.array(fc.constantFrom('a', 'A', 'n', 'N', 'é', 'É', 'i', 'I', 'İ', 'k', 'K', '\u212A', '李'), {
    maxLength: 4,
  });
  it('SQL (both shapes) selects what the evaluator selects', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(text, { minLength: 1, maxLength: 8 }),
        text.filter((v) => v.length > 0),
        async (names, value) => {
          const data: MemData = {
            customers: names.map((name, i) => ({
              id: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
              external_userid: null,
              name: name.join(''),
              gender: null,
              phone: null,
              created_at: NOW,
            })),
            follows: [],
            events: [],
            orders: [],
            groupMembers: [],
          };
          await withCorp(app.ctx.db, CORP, (tx) => loadData(tx, CORP, data));
          await expectAgreement(data, { kind: 'attribute', field: 'name', op: 'contains', value: value.join('') });
        },
      ),
      { seed: 20260302, numRuns: 150, endOnFailure: true },
    );
  }, 120_000);
});

describe('days since the last order: whole days, at the edges of a day', () => {
  // Orders a whole number of days ago give or take one millisecond, some in the future; operands with fractions.
  const DAY = 86_400_000;
  const paidAt = fc
    .tuple(fc.integer({ min: -3, max: 40 }), fc.constantFrom(-1, 0, 1, 3_600_000))
    .map(([d, ms]) => new Date(NOW.getTime() - d * DAY + ms));
  const operand = fc.oneof(
    fc.integer({ min: -3, max: 41 }),
    fc.integer({ min: -30, max: 410 }).map((n) => n / 10),
  );
  const op = fc.oneof(
    fc.record({
      op: fc.constantFrom('eq' as const, 'neq' as const, 'gt' as const, 'gte' as const, 'lt' as const, 'lte' as const),
      value: operand,
    }),
    fc.record({
      op: fc.constant('between' as const),
      value: fc.tuple(operand, operand).map(([a, b]) => [Math.min(a, b), Math.max(a, b)]),
    }),
  );
  it('SQL (both shapes) selects what the evaluator selects', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.option(paidAt, { nil: null }), { minLength: 1, maxLength: 8 }),
        op,
        async (paid, o) => {
          const data: MemData = {
            customers: paid.map((_, i) => ({
              id: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
              external_userid: null,
              name: `c${i}`,
              gender: null,
              phone: null,
              created_at: NOW,
            })),
            follows: [],
            events: [],
            orders: paid.flatMap((at, i) =>
              at === null
                ? []
                : [
                    {
                      customer_id: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
                      amount: 1,
                      paid_at: at,
                      items: [],
                    },
                  ],
            ),
            groupMembers: [],
          };
          await withCorp(app.ctx.db, CORP, (tx) => loadData(tx, CORP, data));
          await expectAgreement(data, { kind: 'orders', measure: 'days_since_last', ...o } as Rule);
        },
      ),
      { seed: 20260303, numRuns: 150, endOnFailure: true },
    );
  }, 120_000);
});

describe('lifetime order figures: alone, together under all, negated', () => {
  // Read from customer_order_stats: a positive set of them is a plain semi-join with sargable comparisons (null where
  // a comparison is unknown), a negated one keeps the two-valued form. Customers without orders have no stats row.
  const DAY = 86_400_000;
  const id = (i: number) => `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`;
  const leaf = fc.oneof(
    fc.record({
      measure: fc.constantFrom('count' as const, 'amount' as const, 'days_since_last' as const),
      op: fc.constantFrom('eq' as const, 'neq' as const, 'gt' as const, 'gte' as const, 'lt' as const, 'lte' as const),
      value: fc.oneof(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 600 }).map((n) => n / 10)),
    }),
    fc.record({
      measure: fc.constantFrom('count' as const, 'amount' as const, 'days_since_last' as const),
      op: fc.constant('between' as const),
      value: fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 })).map(([a, b]) => [Math.min(a, b), Math.max(a, b)]),
    }),
  ).map((o) => ({ kind: 'orders' as const, ...o }) as Rule);
  const rule = fc.tuple(fc.array(leaf, { minLength: 1, maxLength: 3 }), fc.constantFrom('all', 'any', 'not all', 'all with not')).map(
    ([leaves, shape]): Rule =>
      shape === 'all'
        ? { all: leaves }
        : shape === 'any'
          ? { any: leaves }
          : shape === 'not all'
            ? { not: { all: leaves } }
            : { all: [...leaves.slice(1), { not: leaves[0] }] },
  );
  const orders = fc.array(fc.array(fc.tuple(fc.integer({ min: -2, max: 70 }), fc.integer({ min: 0, max: 40 })), { maxLength: 4 }), {
    minLength: 1,
    maxLength: 8,
  });
  it('SQL (both shapes) selects what the evaluator selects', async () => {
    await fc.assert(
      fc.asyncProperty(orders, rule, async (perCustomer, r) => {
        const data: MemData = {
          customers: perCustomer.map((_, i) => ({ id: id(i), external_userid: null, name: `c${i}`, gender: null, phone: null, created_at: NOW })),
          follows: [],
          events: [],
          orders: perCustomer.flatMap((list, i) =>
            list.map(([daysAgo, amount]) => ({ customer_id: id(i), amount: amount * 5, paid_at: new Date(NOW.getTime() - daysAgo * DAY), items: [] })),
          ),
          groupMembers: [],
        };
        await withCorp(app.ctx.db, CORP, (tx) => loadData(tx, CORP, data));
        await expectAgreement(data, r);
        // The id query a recompute uses instead of walking the customers, when the rule has one.
        const ids = compileRuleIds(r, { corpId: CORP, now: NOW, mode: 'set' });
        if (ids) {
          const got = await withCorp(app.ctx.db, CORP, (tx) => sql<{ id: string }>`SELECT id FROM (${ids}) m ORDER BY id`.execute(tx));
          const expected = data.customers.filter((c) => evaluateRule(r, c, data, NOW)).map((c) => c.id).sort();
          expect(got.rows.map((x) => x.id), JSON.stringify(r)).toEqual(expected);
        }
      }),
      { seed: 20260304, numRuns: 150, endOnFailure: true },
    );
  }, 120_000);

  it('a positive set of them is an id query with bare comparisons (a range an index serves)', async () => {
    const ctx = { corpId: CORP, now: NOW, mode: 'set' as const };
    const churn: Rule = { all: [{ kind: 'orders', measure: 'count', op: 'gte', value: 3 }, { kind: 'orders', measure: 'days_since_last', op: 'between', value: [30, 60] }] };
    const ids = compileRuleIds(churn, ctx)!;
    // None where a customer without orders matches, where orders are windowed, or under any / not.
    expect(compileRuleIds({ kind: 'orders', measure: 'count', op: 'lt', value: 3 }, ctx)).toBeNull();
    expect(compileRuleIds({ kind: 'orders', measure: 'count', op: 'gte', value: 3, within: { lastDays: 30 } }, ctx)).toBeNull();
    expect(compileRuleIds({ any: churn.all }, ctx)).toBeNull();
    expect(compileRuleIds({ not: churn }, ctx)).toBeNull();
    // The comparisons stand bare (no coalesce around them): a range an index on last_paid_at can serve.
    const text = ids.compile(app.ctx.db).sql;
    expect(text).not.toMatch(/coalesce/i);
    expect(text).toMatch(/s\.last_paid_at <= \$\d+::timestamptz AND s\.last_paid_at > \$\d+::timestamptz/);
  });
});

describe('rule generator sanity', () => {
  it('produces rules that select some but not all customers', () => {
    const samples = fc.sample(fc.tuple(dataArb, ruleArb), { seed: 7, numRuns: 300 });
    const partial = samples.filter(([d, r]) => {
      const n = d.customers.filter((c) => evaluateRule(r, c, d, NOW)).length;
      return n > 0 && n < d.customers.length;
    });
    expect(partial.length).toBeGreaterThan(60);
  });
});
