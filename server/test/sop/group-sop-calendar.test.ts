// The group SOP calendar (contracts' nextGroupSopOccurrence, used by the engine and the editor's preview), checked on
// arbitrary instants and schedules: the next time is strictly later, at the chosen HH:MM in Asia/Shanghai, on a chosen
// weekday, and no chosen time is skipped in between; a one-off is due once, only while in the future.
import { nextGroupSopOccurrence, upcomingGroupSopOccurrences, type GroupSopSchedule } from '@siyu/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const SH = 8 * 3_600_000;
const shanghai = (d: Date) => {
  const l = new Date(d.getTime() + SH);
  return { hhmm: l.toISOString().slice(11, 16), weekday: ((l.getUTCDay() + 6) % 7) + 1, seconds: l.getUTCSeconds() + l.getUTCMilliseconds() };
};
const time = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const instant = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) }).map((t) => new Date(t));
const schedule: fc.Arbitrary<GroupSopSchedule> = fc.oneof(
  time.map((t) => ({ kind: 'daily' as const, time: t })),
  fc.tuple(time, fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 })).map(([t, days]) => ({ kind: 'weekly' as const, time: t, weekdays: days })),
);

describe('group SOP calendar', () => {
  it('gives the next chosen time in Shanghai, strictly later, skipping none', () => {
    fc.assert(
      fc.property(schedule, instant, (s, after) => {
        const next = nextGroupSopOccurrence(s, after);
        expect(next).not.toBeNull();
        const n = next as Date;
        expect(n.getTime()).toBeGreaterThan(after.getTime());
        expect(n.getTime() - after.getTime()).toBeLessThanOrEqual(7 * 86_400_000);
        const l = shanghai(n);
        if (s.kind !== 'once') expect(l.hhmm).toBe(s.time);
        expect(l.seconds).toBe(0);
        if (s.kind === 'weekly') expect(s.weekdays).toContain(l.weekday);
        // No chosen minute between `after` and `next`.
        for (let t = Math.ceil((after.getTime() + 1) / 60_000) * 60_000; t < n.getTime(); t += 60_000) {
          const x = shanghai(new Date(t));
          const chosen = s.kind !== 'once' && x.hhmm === s.time && (s.kind === 'daily' || s.weekdays.includes(x.weekday));
          if (chosen) return false;
        }
        return true;
      }),
      { numRuns: 60 },
    );
  });

  it('reads the fixed cases as an operator does', () => {
    const mon0759 = new Date('2026-12-07T07:59:00+08:00');
    expect(nextGroupSopOccurrence({ kind: 'daily', time: '08:00' }, mon0759)?.toISOString()).toBe('2026-12-07T00:00:00.000Z');
    expect(nextGroupSopOccurrence({ kind: 'daily', time: '08:00' }, new Date('2026-12-07T08:00:00+08:00'))?.toISOString()).toBe('2026-12-08T00:00:00.000Z');
    // Sunday 23:30 in Shanghai is still Sunday 15:30 UTC: a Monday 00:10 push is 40 minutes later.
    expect(nextGroupSopOccurrence({ kind: 'weekly', weekdays: [1], time: '00:10' }, new Date('2026-12-06T23:30:00+08:00'))?.toISOString()).toBe('2026-12-06T16:10:00.000Z');
    expect(upcomingGroupSopOccurrences({ kind: 'weekly', weekdays: [3, 1], time: '09:00' }, mon0759, 3).map((d) => d.toISOString())).toEqual([
      '2026-12-07T01:00:00.000Z',
      '2026-12-09T01:00:00.000Z',
      '2026-12-14T01:00:00.000Z',
    ]);
    const once = { kind: 'once', at: '2026-12-09T10:00:00+08:00' } as const;
    expect(upcomingGroupSopOccurrences(once, mon0759, 5)).toHaveLength(1);
    expect(nextGroupSopOccurrence(once, new Date('2026-12-09T10:00:00+08:00'))).toBeNull();
  });
});
