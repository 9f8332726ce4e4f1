// Which stage rules the scheduled run re-applies: decided from the rule tree alone (no database). The direction in
// which the clock can change a rule's answer is held, on random rules and data, to the in-memory evaluator.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clockDirection, evaluateRule, needsScheduledRun, ruleForm, sameJson, type Rule } from '@siyu/contracts';
import type { Tx } from '../../src/db/tenancy';
import { rulesForScheduledRun } from '../../src/modules/stages/rule-reads-clock';
import { NOW, REFERENCED, dataArb, leafArb, ruleArb } from '../segments/rule-data';

const P = '00000000-0000-4000-8000-000000000001';
const S = '00000000-0000-4000-8000-000000000002';
const segments = new Map<string, Rule>([
  ['timed', { kind: 'event', eventType: 'view', did: true, within: { lastDays: 7 } }],
  ['plain', { kind: 'tags', match: 'any', tagIds: ['t1'] }],
  ['via', { kind: 'segment', segmentId: 'timed' }],
]);
const needs = (rule: Rule) => needsScheduledRun(rule, segments);

describe('a stage rule needs the scheduled run only when its answer can change with nothing else changing', () => {
  it('re-runs rules that read the clock, at any depth', () => {
    const timed: Rule[] = [
      { kind: 'orders', measure: 'days_since_last', op: 'gte', value: 30 },
      { kind: 'orders', measure: 'amount', within: { lastDays: 90 }, op: 'gte', value: 100 },
      { kind: 'orders', measure: 'count', within: { from: { daysAgo: 10 } }, op: 'gte', value: 1 },
      { kind: 'event', eventType: 'buy', did: false, within: { lastDays: 30 } },
      {
        kind: 'event_measure',
        eventType: 'buy',
        measure: 'count',
        within: { to: { daysAgo: 1 } },
        op: 'gte',
        value: 2,
      },
      { kind: 'event_time', eventType: 'view', which: 'last', op: 'lt', value: { daysAgo: 14 } },
      { kind: 'attribute', field: 'created_at', op: 'between', value: [{ daysAgo: 30 }, { daysAgo: 0 }] },
      { kind: 'custom_field', key: 'birthday', type: 'date', op: 'gte', value: { daysAgo: 365 } },
      { kind: 'stage', pipelineId: P, stageIds: [S], minDays: 7 },
      { kind: 'stage', pipelineId: P, stageIds: [S], maxDays: 3 },
      { kind: 'rfm', classes: ['champion'] },
      { kind: 'points', field: 'points', op: 'gte', value: 100 },
      { kind: 'segment', segmentId: 'timed' },
      { kind: 'segment', segmentId: 'via' },
      { kind: 'segment', segmentId: 'unknown' },
      {
        all: [
          { kind: 'tags', match: 'any', tagIds: ['t1'] },
          { not: { any: [{ kind: 'orders', measure: 'days_since_last', op: 'lt', value: 7 }] } },
        ],
      },
    ] as Rule[];
    for (const rule of timed) expect(needs(rule), JSON.stringify(rule)).toBe(true);
  });

  it('skips rules that change only when the customer does', () => {
    const steady: Rule[] = [
      { kind: 'orders', measure: 'count', op: 'gte', value: 2 },
      {
        kind: 'orders',
        measure: 'amount',
        within: { from: '2026-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z' },
        op: 'gte',
        value: 1,
      },
      { kind: 'event', eventType: 'buy', did: true, where: [{ property: 'amount', op: 'gt', value: 50 }] },
      { kind: 'event_time', eventType: 'view', which: 'first', op: 'gte', value: '2026-01-01T00:00:00.000Z' },
      { kind: 'attribute', field: 'gender', op: 'eq', value: 2 },
      { kind: 'tags', match: 'all', tagIds: ['t1', 't2'] },
      { kind: 'channel', states: ['ch1'] },
      { kind: 'owner', staffUserids: ['u1'] },
      { kind: 'stage', pipelineId: P, stageIds: [S] },
      { kind: 'segment', segmentId: 'plain' },
      {
        all: [
          { kind: 'orders', measure: 'count', op: 'gte', value: 3 },
          { any: [{ kind: 'channel', states: ['ch1'] }, { not: { kind: 'owner', staffUserids: ['u2'] } }] },
        ],
      },
    ] as Rule[];
    for (const rule of steady) expect(needs(rule), JSON.stringify(rule)).toBe(false);
  });
});

describe('which way the clock can change a rule', () => {
  it('agrees with the evaluator: a later moment never turns a falling rule true nor a rising one false', () => {
    fc.assert(
      fc.property(dataArb, fc.oneof(leafArb, ruleArb), fc.integer({ min: 1, max: 60 * 24 * 130 }), (data, rule, minutes) => {
        const later = new Date(NOW.getTime() + minutes * 60_000);
        const d = clockDirection(rule, REFERENCED);
        for (const c of data.customers) {
          const before = evaluateRule(rule, c, data, NOW);
          const after = evaluateRule(rule, c, data, later);
          if (d === 'none' && before !== after) return false;
          if (d === 'falls' && after && !before) return false;
          if (d === 'rises' && before && !after) return false;
        }
        return true;
      }),
      { numRuns: 4000 },
    );
  });

  it('reads the bench and demo shapes as intended', () => {
    const within = (lastDays: number) => ({ lastDays });
    const cases: Array<[Rule, string]> = [
      [{ kind: 'event', eventType: 'buy', did: true, within: within(30) }, 'falls'],
      [{ kind: 'event', eventType: 'buy', did: false, within: within(30) }, 'rises'],
      [{ kind: 'orders', measure: 'amount', within: within(90), op: 'gte', value: 100 }, 'falls'],
      [{ kind: 'orders', measure: 'count', within: within(90), op: 'lt', value: 2 }, 'rises'],
      [{ kind: 'orders', measure: 'days_since_last', op: 'gte', value: 30 }, 'rises'],
      [{ kind: 'orders', measure: 'days_since_last', op: 'between', value: [30, 60] }, 'both'],
      [{ kind: 'event_measure', eventType: 'buy', measure: 'sum', property: 'amount', within: within(30), op: 'gte', value: 1 }, 'both'],
      [{ kind: 'event', eventType: 'buy', did: true, within: { from: { daysAgo: 30 }, to: { daysAgo: 1 } } }, 'both'],
      [{ kind: 'segment', segmentId: 'unknown' }, 'both'],
      [
        {
          all: [
            { any: [{ kind: 'tags', match: 'any', tagIds: ['t1'] }, { kind: 'event', eventType: 'buy', did: true, within: within(30) }] },
            { kind: 'orders', measure: 'amount', within: within(90), op: 'gte', value: 100 },
            { not: { kind: 'channel', states: ['ch3'] } },
          ],
        },
        'falls',
      ],
    ];
    for (const [rule, d] of cases) expect(clockDirection(rule, new Map()), JSON.stringify(rule)).toBe(d);
  });

  it('compares rules in the form they are evaluated in, segments written out', () => {
    const rule: Rule = { all: [{ kind: 'segment', segmentId: 'timed' }, { kind: 'attribute', field: 'gender', op: 'eq', value: 2 }] };
    const form = ruleForm(rule, segments);
    expect(form).toEqual({ all: [{ kind: 'event', eventType: 'view', did: true, within: { lastDays: 7 } }, { kind: 'attribute', field: 'gender', op: 'eq', value: 2 }] });
    expect(sameJson(JSON.parse(JSON.stringify(form)), form)).toBe(true);
    const changed = new Map(segments).set('timed', { kind: 'event', eventType: 'view', did: true, within: { lastDays: 8 } });
    expect(sameJson(ruleForm(rule, changed), form)).toBe(false);
  });
});

describe('the rules a scheduled run applies', () => {
  it('leaves out rules the clock cannot change, and falling rules already applied in their present form', async () => {
    const falls: Rule = { kind: 'event', eventType: 'buy', did: true, within: { lastDays: 30 } };
    const stage = (id: string, rule: Rule) => ({ id, pipelineId: P, sortOrder: 1, rule });
    const rules = [
      stage('static', { kind: 'tags', match: 'any', tagIds: ['t1'] }),
      stage('falls-applied', falls),
      stage('falls-changed', falls),
      stage('falls-new', falls),
      stage('rises', { kind: 'orders', measure: 'days_since_last', op: 'gte', value: 30 }),
      stage('both', { kind: 'orders', measure: 'days_since_last', op: 'between', value: [30, 60] }),
    ];
    const applied = new Map<string, unknown>([
      ['static', rules[0].rule],
      ['falls-applied', JSON.parse(JSON.stringify(falls))],
      ['falls-changed', { ...falls, within: { lastDays: 31 } }],
      ['rises', rules[4].rule],
    ]);
    // No rule refers to a segment, so no query is made.
    const noDatabase = null as unknown as Tx;
    const picked = await rulesForScheduledRun(noDatabase, 'corp', rules, applied);
    expect(picked.map((r) => r.id)).toEqual(['falls-changed', 'falls-new', 'rises', 'both']);
  });
});
