// Property: between two moments, every customer whose answer to a rule the clock alone changed has a row at one of the
// rule's clock edges, as clockEdgeCustomers finds them in SQL. A scheduled recompute looks only at those customers.
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clockDirection, clockEdges, evaluateRule, type Rule } from '@siyu/contracts';
import { withCorp } from '../../src/db/tenancy';
import { createCorpWithAdmin } from '../../src/modules/auth/auth.repo';
import { clockEdgeCustomers } from '../../src/modules/segments/clock-edge-customers';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { NOW, REFERENCED, dataArb, denseEventsArb, leafArb, loadData, loadFixtures, ruleArb } from './rule-data';

/** Leaves that read the clock, alone or negated, besides whole random trees. */
const timedLeafArb = leafArb.filter((l) => clockDirection(l, REFERENCED) !== 'none');

const CORP = 'corp_clock_edges';
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
  await createCorpWithAdmin(app.ctx.db, { corpId: CORP, corpName: 'edges', email: 'a@edges.test', name: 'a', passwordHash: 'x' });
  await withCorp(app.ctx.db, CORP, (tx) => loadFixtures(tx, CORP));
}, 60_000);
afterAll(async () => app?.cleanup());

describe('clock edges', () => {
  it('a customer the clock moved between two moments has a row at one of the edges', async () => {
    let moved = 0;
    let known = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(dataArb, denseEventsArb), fc.array(fc.oneof(timedLeafArb, timedLeafArb.map((l): Rule => ({ not: l })), ruleArb), { minLength: 1, maxLength: 6 }), fc.oneof(fc.integer({ min: 1, max: 3 * 1440 }), fc.integer({ min: 1, max: 60 * 1440 })), async (data, rules, minutes) => {
        const later = new Date(NOW.getTime() + minutes * 60_000);
        await withCorp(app.ctx.db, CORP, (tx) => loadData(tx, CORP, data));
        for (const rule of rules) {
          const edges = clockEdges(rule, REFERENCED);
          if (edges === null) continue;
          known++;
          const changed = data.customers.filter((c) => evaluateRule(rule, c, data, NOW) !== evaluateRule(rule, c, data, later)).map((c) => c.id);
          moved += changed.length;
          const found = await withCorp(app.ctx.db, CORP, (tx) => sql<{ id: string }>`SELECT DISTINCT id FROM (${clockEdgeCustomers(CORP, edges, NOW, later)}) x`.execute(tx));
          const ids = new Set(found.rows.map((r) => r.id));
          expect(changed.filter((id) => !ids.has(id)), JSON.stringify({ rule, minutes, edges })).toEqual([]);
        }
      }),
      { seed: 20261203, numRuns: 500, endOnFailure: true },
    );
    // Not vacuous: most rules had known edges, and the clock did move customers.
    console.log(`clock edges: ${known} rules with known edges, ${moved} customers moved by the clock`);
    expect(known).toBeGreaterThan(1000);
    expect(moved).toBeGreaterThan(100);
  }, 240_000);

  it('has no edge exactly when the rule reads no clock, and none known for bulk-rewritten or custom dates', () => {
    fc.assert(
      fc.property(ruleArb, (rule: Rule) => {
        const edges = clockEdges(rule, REFERENCED);
        if (edges !== null && edges.length === 0) expect(clockDirection(rule, REFERENCED)).toBe('none');
      }),
      { seed: 7, numRuns: 500 },
    );
    expect(clockEdges({ kind: 'rfm', classes: ['champions'] }, new Map())).toBeNull();
    expect(clockEdges({ kind: 'custom_field', key: 'birthday', type: 'date', op: 'gt', value: { daysAgo: 3 } }, new Map())).toBeNull();
    expect(clockEdges({ kind: 'segment', segmentId: 'unknown' }, new Map())).toBeNull();
    expect(clockEdges({ kind: 'tags', match: 'any', tagIds: ['t'] }, new Map())).toEqual([]);
    expect(clockEdges({ all: [{ kind: 'orders', measure: 'days_since_last', op: 'between', value: [30, 60] }, { kind: 'orders', measure: 'count', within: { lastDays: 90 }, op: 'gte', value: 1 }] }, new Map())).toEqual([
      { source: 'orders', days: [30, 31, 60, 61, 90] },
    ]);
  });
});
