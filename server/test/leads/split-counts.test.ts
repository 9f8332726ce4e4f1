import { describe, expect, it } from 'vitest';
import { normalizePhone } from '../../src/modules/leads/phone';
import { splitCounts } from '../../src/modules/leads/split-counts';
import { validateLeads } from '../../src/modules/leads/validate-leads';

const staff = (n: number, weight = 1) => Array.from({ length: n }, (_, i) => ({ userid: `s${i}`, weight }));

describe('splitCounts', () => {
  it('gives even counts that differ by at most one and add up to the total', () => {
    for (const [total, n] of [
      [0, 3],
      [1, 3],
      [7, 3],
      [100_000, 200],
      [99_999, 7],
      [5, 10],
    ] as const) {
      const c = splitCounts(total, staff(n), 'even');
      expect(c.reduce((a, b) => a + b, 0)).toBe(total);
      expect(Math.max(...c) - Math.min(...c)).toBeLessThanOrEqual(1);
    }
  });

  it('splits by weight proportionally, exactly to the total, and never gives to a zero weight', () => {
    const c = splitCounts(
      100,
      [
        { userid: 'a', weight: 3 },
        { userid: 'b', weight: 1 },
        { userid: 'c', weight: 0 },
      ],
      'weight',
    );
    expect(c).toEqual([75, 25, 0]);
    const odd = splitCounts(
      10,
      [
        { userid: 'a', weight: 1 },
        { userid: 'b', weight: 1 },
        { userid: 'c', weight: 1 },
      ],
      'weight',
    );
    expect(odd.reduce((a, b) => a + b, 0)).toBe(10);
    expect(Math.max(...odd) - Math.min(...odd)).toBeLessThanOrEqual(1);
    expect(
      splitCounts(
        4,
        [
          { userid: 'a', weight: 0 },
          { userid: 'b', weight: 0 },
        ],
        'weight',
      ),
    ).toEqual([2, 2]);
  });

  it('is deterministic', () => {
    expect(splitCounts(1000, staff(7), 'weight')).toEqual(splitCounts(1000, staff(7), 'weight'));
  });
});

describe('lead rows', () => {
  it('accepts mainland mobiles with separators or +86 and rejects the rest', () => {
    expect(normalizePhone('138 0013 8000')).toBe('13800138000');
    expect(normalizePhone('+86 138-0013-8000')).toBe('13800138000');
    expect(normalizePhone('8613800138000')).toBe('13800138000');
    for (const bad of ['12800138000', '1380013800', '138001380001', 'abc', '', '010-12345678'])
      expect(normalizePhone(bad)).toBeNull();
  });

  it('reports bad phones, overlong fields and in-file duplicates by row', () => {
    const r = (rowNo: number, phone: string, name = '') => ({ rowNo, phone, name, source: '', notes: '' });
    const { good, errors } = validateLeads([
      r(2, '13800000001'),
      r(3, 'x'),
      r(4, '138 0000 0001'),
      r(5, '13800000002', 'n'.repeat(65)),
      r(6, '13800000003'),
    ]);
    expect(good.map((g) => g.phone)).toEqual(['13800000001', '13800000003']);
    expect(errors.map((e) => [e.rowNo, e.reason])).toEqual([
      [3, 'bad_phone'],
      [4, 'duplicate_in_file'],
      [5, 'too_long'],
    ]);
  });
});
