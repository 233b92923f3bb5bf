import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { eventsCsv, mentionsCsv, neutralize, plainNumber } from '../../src/export/index.js';
import { reconcile } from '../../src/reconcile/index.js';
import { mentionsOf } from '../helpers/article.js';
import { about, report } from '../reconcile/reports.js';

describe('CSV cells', () => {
  it.each([
    [4451, '4451'],
    [357.7, '357.7'],
    [305000000, '305000000'],
    [0.1 + 0.2, '0.3'],
    [null, ''],
  ])('number %s -> %s', (value, text) => expect(plainNumber(value)).toBe(text));
  it.each([
    ['=HYPERLINK("x")', '\'=HYPERLINK("x")'],
    ['+1', "'+1"],
    ['-2', "'-2"],
    ['@SUM', "'@SUM"],
    ['\tx', "'\tx"],
    ['Cango Inc.', 'Cango Inc.'],
  ])('neutralises %j', (text, safe) => expect(neutralize(text)).toBe(safe));
  it('round-trips commas, quotes and newlines through a CSV parser', () => {
    const events = reconcile(
      mentionsOf(
        'Riot Platforms sold 1,080 BTC in January to fund a data center.',
        '2026-02-09',
        'a "quoted", odd\nname.txt',
      ),
    );
    const [row] = parse(eventsCsv(events), { columns: true }) as Record<string, string>[];
    expect(row.sources).toBe('a "quoted", odd\nname.txt');
    expect(row.company).toBe('Riot Platforms, Inc.');
  });
});

describe('CSV of value-only transactions (no coin count)', () => {
  const counted = report({ source: 'a.txt', quantity: 4451, totalUsd: 305e6 });
  const valueOnly = report({ source: 'b.txt', totalUsd: 250e6, date: '2026-03-20' });
  const hedged = report({ source: 'c.txt', totalUsd: about(40e6), date: '2026-05-10', action: 'buy' });
  const events = reconcile([counted, valueOnly, hedged]);
  const eventOf = (key: string) => events.find((event) => event.mentionKeys.includes(key))?.id ?? null;

  it.each([
    // mention, quantity, quantity_low, quantity_high, total_usd
    [counted, '4451', '4451', '4451', '305000000'],
    [valueOnly, '', '', '', '250000000'],
    [hedged, '', '', '', '40000000'],
  ])('event of %# has quantity %j [%j..%j] and total %j', (mention, quantity, low, high, total) => {
    const rows = parse(eventsCsv(events), { columns: true }) as Record<string, string>[];
    const row = rows.find((candidate) => candidate.event_id === eventOf(mention.key))!;
    expect([row.quantity, row.quantity_low, row.quantity_high, row.total_usd]).toEqual([quantity, low, high, total]);
  });

  it.each([
    // mention, quantity, approx (of the count, else of the value), total_usd
    [counted, '4451', 'false', '305000000'],
    [valueOnly, '', 'false', '250000000'],
    [hedged, '', 'true', '40000000'],
  ])('mention %# has quantity %j, approx %j, total %j', (mention, quantity, approx, total) => {
    const rows = parse(mentionsCsv([counted, valueOnly, hedged], eventOf), { columns: true }) as Record<
      string,
      string
    >[];
    const row = rows.find((candidate) => candidate.mention_id === mention.key)!;
    expect([row.quantity, row.approx, row.total_usd, row.event_id]).toEqual([
      quantity,
      approx,
      total,
      eventOf(mention.key),
    ]);
  });
});
