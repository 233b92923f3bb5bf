import { describe, expect, it } from 'vitest';
import { lastDigitUnit } from '../../src/reconcile/compatible.js';
import { reconcile } from '../../src/reconcile/index.js';
import { report } from './reports.js';

describe('figures that are one figure, and figures that are two', () => {
  it.each([
    [3645, 1],
    [108.7, 0.1],
    [108.786, 0.001],
    [0.5, 0.1],
  ])('the last digit of %s is worth %s', (value, unit) => expect(lastDigitUnit(value)).toBeCloseTo(unit, 10));

  it('settles a figure and its rounding on the one written in full', () => {
    const events = reconcile([
      report({
        source: 'a.txt',
        company: 'Metaplanet Inc.',
        action: 'buy',
        asset: 'BTC',
        quantity: 108.7,
        date: '2024-10-07',
      }),
      report({
        source: 'b.txt',
        company: 'Metaplanet Inc.',
        action: 'buy',
        asset: 'BTC',
        quantity: 108.786,
        date: '2024-10-07',
      }),
    ]);
    expect(events).toHaveLength(1);
    expect(events[0].quantity).toBe(108.786);
    expect(events[0].fields.quantity.reason).toMatch(/stated to more digits/);
  });

  it('keeps two purchases whose figures differ by more than the last digit apart', () => {
    const events = reconcile([
      report({
        source: 'a.txt',
        company: 'Metaplanet Inc.',
        action: 'buy',
        asset: 'BTC',
        quantity: 107.913,
        date: '2024-10-01',
      }),
      report({
        source: 'a.txt',
        company: 'Metaplanet Inc.',
        action: 'buy',
        asset: 'BTC',
        quantity: 108.786,
        date: '2024-10-07',
        ordinal: 1,
      }),
    ]);
    expect(events.map((event) => event.quantity).sort()).toEqual([107.913, 108.786]);
  });

  it('still reads 3,645 and 3,644 as one figure nearly agreed on', () => {
    const events = reconcile([
      report({ source: 'a.txt', action: 'sell', quantity: 4451, holdingsAfter: 3645, date: '2026-02-08' }),
      report({ source: 'b.txt', action: 'sell', quantity: 4451, holdingsAfter: 3644, date: '2026-02-08' }),
    ]);
    expect(events).toHaveLength(1);
  });
});
