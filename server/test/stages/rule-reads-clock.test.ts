// Which stage rules the scheduled run re-applies: decided from the rule tree alone (no database).
import { describe, expect, it } from 'vitest';
import type { Rule } from '@siyu/contracts';
import { needsScheduledRun } from '../../src/modules/stages/rule-reads-clock';

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
