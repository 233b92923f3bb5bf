/**
 * A block of many reports of one figure is clustered without comparing each report with every
 * member: counted in comparisons (weigh: one report against one cluster; valuesClose: a value-only
 * report against a stated value), not in seconds, so a loaded machine cannot fail it and a
 * quadratic regression cannot pass it. A plain counter, not a spy: a regression makes tens of
 * millions of calls, and the count stops the run as soon as it is over budget.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { reconcile } from '../../src/reconcile/index.js';
import { mentionsOf } from '../helpers/article.js';
import { report } from './reports.js';

const { calls, counted } = vi.hoisted(() => {
  const calls = { weigh: 0, valuesClose: 0, budget: Infinity };
  const counted = <F extends (...args: never[]) => unknown>(name: 'weigh' | 'valuesClose', original: F) =>
    ((...args: Parameters<F>) => {
      if (++calls[name] > calls.budget)
        throw new Error(`${name} called more than ${calls.budget} times: comparisons grow faster than the reports`);
      return original(...args);
    }) as F;
  return { calls, counted };
});

vi.mock('../../src/reconcile/sameTransaction.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/reconcile/sameTransaction.js')>();
  return { ...original, weigh: counted('weigh', original.weigh) };
});
vi.mock('../../src/reconcile/compatible.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/reconcile/compatible.js')>();
  return { ...original, valuesClose: counted('valuesClose', original.valuesClose) };
});

/** Each report compared with a bounded number of clusters; every pair would be n(n-1)/2 (72 million for 12,000). */
const linear = (reports: number) => 4 * reports;

beforeEach(() => Object.assign(calls, { weigh: 0, valuesClose: 0, budget: Infinity }));

describe('a block of many reports of one figure', () => {
  it('clusters them in linear comparisons (one page repeating a purchase 12,000 times)', () => {
    const text = 'Strategy bought 1 BTC on Monday. It confirmed the purchase, leaving it with 5 BTC. '.repeat(12_000);
    const repeated = mentionsOf(text, '2026-03-04', 'repeated.txt');
    expect(repeated.length).toBeGreaterThan(11_000);
    Object.assign(calls, { weigh: 0, budget: linear(repeated.length) });
    const events = reconcile(repeated);
    expect(events).toHaveLength(1);
    expect(events[0].mentionKeys).toHaveLength(repeated.length);
    // Counted at all (a counter that stays at 0 proves nothing): about once per report.
    expect(calls.weigh).toBeGreaterThanOrEqual(repeated.length - 1);
  });

  it('a block of many value-only reports of one figure is one event, in linear comparisons', () => {
    const mentions = Array.from({ length: 12_000 }, (_, index) =>
      report({ source: 'repeated.txt', ordinal: index, totalUsd: 250e6 }),
    );
    calls.budget = linear(mentions.length);
    const events = reconcile(mentions);
    expect(events).toHaveLength(1);
    expect(events[0].mentionKeys).toHaveLength(12_000);
    expect(calls.weigh).toBe(0);
    expect(calls.valuesClose).toBeGreaterThanOrEqual(mentions.length - 1);
  });
});
