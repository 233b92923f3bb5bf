import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { eventsCsv, neutralize, plainNumber } from '../../src/export/index.js';
import { reconcile } from '../../src/reconcile/index.js';
import { mentionsOf } from '../helpers/article.js';

describe('CSV cells', () => {
  it.each([[4451, '4451'], [357.7, '357.7'], [305000000, '305000000'], [0.1 + 0.2, '0.3'], [null, '']])('number %s -> %s', (value, text) => expect(plainNumber(value)).toBe(text));
  it.each([['=HYPERLINK("x")', '\'=HYPERLINK("x")'], ['+1', "'+1"], ['-2', "'-2"], ['@SUM', "'@SUM"], ['\tx', "'\tx"], ['Cango Inc.', 'Cango Inc.']])('neutralises %j', (text, safe) => expect(neutralize(text)).toBe(safe));
  it('round-trips commas, quotes and newlines through a CSV parser', () => {
    const events = reconcile(mentionsOf('Riot Platforms sold 1,080 BTC in January to fund a data center.', '2026-02-09', 'a "quoted", odd\nname.txt'));
    const [row] = parse(eventsCsv(events), { columns: true }) as Record<string, string>[];
    expect(row.sources).toBe('a "quoted", odd\nname.txt');
    expect(row.company).toBe('Riot Platforms, Inc.');
  });
});
