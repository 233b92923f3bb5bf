import { describe, expect, it } from 'vitest';
import { holdingsRows, holdingsTable, type HoldingsRow } from '../../src/export/holdings.js';
import type { LedgerEvent } from '../../src/schema/event.js';

let serial = 0;
/** An event of the fictional Tarn Mining Ltd.: only what the balance reads is given. */
function event(
  action: LedgerEvent['action'],
  quantity: number | null,
  date: string | null,
  stated: { before?: number; after?: number; asset?: string; totalUsd?: number } = {},
): LedgerEvent {
  return {
    id: `e${++serial}`,
    blockKey: `tarn|${stated.asset ?? 'BTC'}|${action}`,
    company: 'Tarn Mining Ltd.',
    ticker: null,
    asset: stated.asset ?? 'BTC',
    action,
    quantity,
    quantityLow: quantity,
    quantityHigh: quantity,
    unitPriceUsd: null,
    totalUsd: stated.totalUsd ?? null,
    purpose: [],
    date,
    dateEnd: null,
    holdingsBefore: stated.before ?? null,
    holdingsAfter: stated.after ?? null,
    status: 'confirmed',
    confidence: 1,
    mentionKeys: [],
    sources: [],
    sourceCount: 1,
    fields: {},
    reviewState: 'auto',
  };
}

/** What a row's checks say, by kind only ("ok", "!", "start", "restart", "unchecked"): the wording is the table's business. */
const kinds = (row: HoldingsRow) => row.checks.map((check) => check.split(/[: ]/)[0]);
const summary = (rows: HoldingsRow[]) =>
  rows.map((row) => ({ date: row.date, balance: row.balance, counted: row.counted, kinds: kinds(row), gap: row.gap }));

describe('holdingsRows: a running balance beside the stated figures', () => {
  const cases: [string, LedgerEvent[], ReturnType<typeof summary>][] = [
    [
      'nothing stated: the balance is unknown and no row passes for checked',
      [event('buy', 100, '2026-01-02'), event('sell', 40, '2026-01-09')],
      [
        { date: '2026-01-02', balance: null, counted: true, kinds: ['unchecked'], gap: null },
        { date: '2026-01-09', balance: null, counted: true, kinds: ['unchecked'], gap: null },
      ],
    ],
    [
      'a stated figure starts the balance; purchases add, sales subtract, transfers leave it',
      [
        event('buy', 100, '2026-01-02', { after: 1100 }),
        event('sell', 40, '2026-01-09'),
        event('transfer', 500, '2026-01-12'),
        event('buy', 10, '2026-01-20', { after: 1070 }),
      ],
      [
        { date: '2026-01-02', balance: 1100, counted: true, kinds: ['start'], gap: null },
        { date: '2026-01-09', balance: 1060, counted: true, kinds: ['unchecked'], gap: null },
        { date: '2026-01-12', balance: 1060, counted: true, kinds: ['unchecked'], gap: null },
        { date: '2026-01-20', balance: 1070, counted: true, kinds: ['ok'], gap: null },
      ],
    ],
    [
      'a later figure above the balance is a missing purchase since the last dated event',
      [event('buy', 100, '2026-01-02', { after: 1100 }), event('buy', 50, '2026-02-01', { after: 1400 })],
      [
        { date: '2026-01-02', balance: 1100, counted: true, kinds: ['start'], gap: null },
        {
          date: '2026-02-01',
          balance: 1400,
          counted: true,
          kinds: ['!'],
          gap: { which: 'after', missing: 250, likely: 'purchase', since: '2026-01-02' },
        },
      ],
    ],
    [
      'a stated figure before the event below the balance is a missing sale',
      [event('buy', 100, '2026-01-02', { after: 1100 }), event('sell', 50, '2026-02-01', { before: 900, after: 850 })],
      [
        { date: '2026-01-02', balance: 1100, counted: true, kinds: ['start'], gap: null },
        {
          date: '2026-02-01',
          balance: 850,
          counted: true,
          kinds: ['!', 'ok'],
          gap: { which: 'before', missing: -200, likely: 'sale', since: '2026-01-02' },
        },
      ],
    ],
    [
      'within 2% (or one coin) of the stated figure agrees: hedges and rounding',
      [event('buy', 100, '2026-01-02', { after: 1000 }), event('buy', 100, '2026-01-05', { after: 1119 })],
      [
        { date: '2026-01-02', balance: 1000, counted: true, kinds: ['start'], gap: null },
        { date: '2026-01-05', balance: 1119, counted: true, kinds: ['ok'], gap: null },
      ],
    ],
    [
      'a value-only event is listed, not counted: the balance after it is unknown until a figure restarts it',
      [
        event('buy', 100, '2026-01-02', { after: 1000 }),
        event('buy', null, '2026-01-05', { totalUsd: 2_000_000 }),
        event('buy', 10, '2026-01-08'),
        event('buy', null, '2026-01-09', { after: 1300 }),
      ],
      [
        { date: '2026-01-02', balance: 1000, counted: true, kinds: ['start'], gap: null },
        { date: '2026-01-05', balance: null, counted: false, kinds: ['unchecked'], gap: null },
        { date: '2026-01-08', balance: null, counted: true, kinds: ['unchecked'], gap: null },
        { date: '2026-01-09', balance: 1300, counted: false, kinds: ['restart'], gap: null },
      ],
    ],
    [
      'events are read in date order, undated last',
      [event('buy', 10, null), event('buy', 100, '2026-01-05'), event('buy', 50, '2026-01-02', { after: 500 })],
      [
        { date: '2026-01-02', balance: 500, counted: true, kinds: ['start'], gap: null },
        { date: '2026-01-05', balance: 600, counted: true, kinds: ['unchecked'], gap: null },
        { date: null, balance: 610, counted: true, kinds: ['unchecked'], gap: null },
      ],
    ],
  ];
  it.each(cases)('%s', (_name, events, expected) => {
    expect(summary(holdingsRows(events))).toEqual(expected);
  });

  it('keeps one balance per asset: ether never enters the bitcoin balance', () => {
    const rows = holdingsRows([
      event('buy', 100, '2026-01-02', { after: 1000 }),
      event('buy', 5000, '2026-01-03', { asset: 'ETH' }),
      event('buy', 10, '2026-01-04', { after: 1010 }),
    ]);
    expect(rows.map((row) => [row.asset, row.balance, kinds(row)])).toEqual([
      ['BTC', 1000, ['start']],
      ['BTC', 1010, ['ok']],
      ['ETH', null, ['unchecked']],
    ]);
  });
});

describe('holdingsTable', () => {
  it('one section per asset, headed by company and asset; a value-only row says it is not counted', () => {
    const rows = holdingsRows([
      event('buy', 100, '2026-01-02', { after: 1000 }),
      event('buy', null, '2026-01-05', { totalUsd: 2_000_000 }),
      event('buy', 5000, '2026-01-03', { asset: 'ETH' }),
    ]);
    const [btc, eth] = holdingsTable('Tarn Mining Ltd.', rows).split('\n\n');
    expect(btc.split('\n')[0]).toBe('Tarn Mining Ltd. BTC');
    expect(eth.split('\n')[0]).toBe('Tarn Mining Ltd. ETH');
    expect(btc.split('\n')).toHaveLength(4);
    expect(btc.split('\n')[3]).toMatch(/^2026-01-05\s+buy\s+-\s+\?\s+value only, not counted \(\$2(?:\.0)? million\)/);
    expect(eth).not.toMatch(/\bBTC\b/);
  });
});
