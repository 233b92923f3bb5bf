/**
 * The CSV export: formula injection neutralised, quoting right, and a real CSV parser (csv-parse)
 * reads back exactly what went in, under exactly the header of src/export/columns.ts.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { EVENT_COLUMNS, MENTION_COLUMNS } from '../../src/export/columns.js';
import { eventsCsv, mentionsCsv, neutralize } from '../../src/export/csv.js';
import type { LedgerEvent } from '../../src/schema/event.js';
import type { TransactionMention } from '../../src/schema/mention.js';
import { cli, cleanupTempDirs, newsItem, requireBuild, tempDir, withDb } from './helpers.js';

const parseCsv = (csv: string) =>
  parse(csv, { bom: true, relax_column_count: false, skip_empty_lines: false }) as string[][];

/** A text cell as it must come back: what a spreadsheet would run as a formula gets a leading '. */
const expectedCell = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

function eventWith(text: string, index = 0): LedgerEvent {
  return {
    id: `ev${index}`,
    blockKey: 'x',
    company: text,
    ticker: text,
    asset: 'BTC',
    action: 'buy',
    quantity: 1234.5,
    quantityLow: 1200,
    quantityHigh: 1300,
    unitPriceUsd: null,
    totalUsd: 25_000_000,
    purpose: ['treasury'],
    date: '2026-02-09',
    dateEnd: null,
    holdingsBefore: null,
    holdingsAfter: -3,
    status: 'confirmed',
    confidence: 0.9,
    mentionKeys: [`m${index}`],
    sources: [text, 'b.txt'],
    sourceCount: 2,
    fields: {},
    reviewState: 'auto',
  };
}

function mentionWith(text: string, index = 0): TransactionMention {
  return {
    key: `m${index}`,
    source: text,
    published: '2026-02-09',
    origin: 'o',
    sourceRank: 1,
    zone: 'body',
    company: text,
    ticker: null,
    asset: 'BTC',
    action: 'sell',
    quantity: { value: 4451, low: 4451, high: 4451, approx: false },
    unitPriceUsd: null,
    totalUsd: null,
    otherCurrencyTotal: null,
    purpose: [],
    date: null,
    dateEnd: null,
    dateKind: null,
    holdingsBefore: null,
    holdingsAfter: null,
    status: 'reported',
    confidence: 0.5,
    evidence: text,
    sentenceStart: 0,
    provenance: {},
    rules: ['event.test'],
  } as TransactionMention;
}

const NASTY = [
  '=1+2',
  '+SUM(A1:A9)',
  '-2+3',
  '@cmd',
  '\tleading tab',
  '\rleading return',
  '=HYPERLINK("http://x","y")',
  'a,b',
  'say "hi"',
  'line\nbreak',
  'cr\rinside',
  'crlf\r\nin',
  ' padded ',
  '',
  ';',
  "'quoted already",
  'ünï 比特币 😀',
  '"',
  ',',
  '\n',
];

describe('neutralize', () => {
  it('prefixes exactly the cells that begin with = + - @, tab or carriage return', async () => {
    for (const text of ['=1', '+1', '-1', '@a', '\tx', '\rx']) expect(neutralize(text)).toBe(`'${text}`);
    for (const text of ['a=1', ' =1', '1-2', 'x@y', '', "'=1", 'Strategy']) expect(neutralize(text)).toBe(text);
  });
});

describe('events and mentions CSV', () => {
  it('round-trips nasty cells through csv-parse, header first', async () => {
    const events = NASTY.map((text, index) => eventWith(text, index));
    const rows = parseCsv(eventsCsv(events));
    expect(rows[0]).toEqual([...EVENT_COLUMNS]);
    expect(rows).toHaveLength(events.length + 1);
    rows.slice(1).forEach((row, index) => {
      const text = NASTY[index];
      expect(row).toHaveLength(EVENT_COLUMNS.length);
      expect(row[EVENT_COLUMNS.indexOf('company')]).toBe(expectedCell(text));
      expect(row[EVENT_COLUMNS.indexOf('ticker')]).toBe(expectedCell(text));
      expect(row[EVENT_COLUMNS.indexOf('sources')]).toBe(expectedCell(`${text};b.txt`));
      // Numbers are written plain and are not "neutralised": a negative figure stays a number.
      expect(row[EVENT_COLUMNS.indexOf('quantity')]).toBe('1234.5');
      expect(row[EVENT_COLUMNS.indexOf('total_usd')]).toBe('25000000');
      expect(row[EVENT_COLUMNS.indexOf('holdings_after')]).toBe('-3');
      expect(row[EVENT_COLUMNS.indexOf('unit_price_usd')]).toBe('');
    });
  });

  it('any text survives the round trip (property)', async () => {
    const nasty = fc
      .array(fc.constantFrom(...NASTY, 'x', ' ', '"', '\r', '\n', ',', '='), { maxLength: 12 })
      .map((parts) => parts.join(''));
    const text = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 60 }), nasty);
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 8 }), (texts) => {
        const events = parseCsv(eventsCsv(texts.map((value, index) => eventWith(value, index))));
        const mentions = parseCsv(
          mentionsCsv(
            texts.map((value, index) => mentionWith(value, index)),
            (key) => `event-of-${key}`,
          ),
        );
        expect(events[0]).toEqual([...EVENT_COLUMNS]);
        expect(mentions[0]).toEqual([...MENTION_COLUMNS]);
        texts.forEach((value, index) => {
          expect(events[index + 1][EVENT_COLUMNS.indexOf('company')]).toBe(expectedCell(value));
          const row = mentions[index + 1];
          expect(row).toHaveLength(MENTION_COLUMNS.length);
          for (const column of ['source', 'company', 'evidence'] as const)
            expect(row[MENTION_COLUMNS.indexOf(column)]).toBe(expectedCell(value));
          expect(row[MENTION_COLUMNS.indexOf('event_id')]).toBe(`event-of-m${index}`);
        });
      }),
      { numRuns: 300, seed: 4 },
    );
  });

  it('quotes cells with a bare carriage return, so a reader splitting on CR keeps the row whole', async () => {
    const csv = eventsCsv([eventWith('cr\rinside')]);
    expect(csv).toContain('"cr\rinside"');
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(2);
  });
});

describe('datledger export', () => {
  afterAll(cleanupTempDirs);

  it('writes files csv-parse reads back under the exact headers, with formula-like sources disarmed', async () => {
    requireBuild();
    const dir = tempDir('export');
    const inbox = join(dir, 'inbox');
    mkdirSync(inbox);
    // File names are the sources in the export: some look like formulas.
    const names = ['=SUM(1+1).txt', '+cmd.txt', '@risk.txt', 'plain, with comma.txt', 'quote "x".txt'];
    names.forEach((name, index) => writeFileSync(join(inbox, name), newsItem(100 + index)));
    const db = join(dir, 'ledger.db');
    const ingest = await cli(['ingest', '.', '--db', db], { cwd: inbox });
    expect(ingest.status, ingest.stderr).toBe(0);

    const events = join(dir, 'events.csv');
    const mentions = join(dir, 'mentions.csv');
    expect((await cli(['export', '--level', 'events', '--out', events, '--db', db])).status).toBe(0);
    expect((await cli(['export', '--level', 'mentions', '--out', mentions, '--db', db])).status).toBe(0);

    const eventRows = parseCsv(readFileSync(events, 'utf8'));
    const mentionRows = parseCsv(readFileSync(mentions, 'utf8'));
    expect(eventRows[0]).toEqual([...EVENT_COLUMNS]);
    expect(mentionRows[0]).toEqual([...MENTION_COLUMNS]);
    const counts = withDb(
      db,
      (handle) =>
        handle
          .prepare('SELECT (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM mentions) AS mentions')
          .get() as { events: number; mentions: number },
    );
    expect(eventRows).toHaveLength(counts.events + 1);
    expect(mentionRows).toHaveLength(counts.mentions + 1);
    expect(counts.mentions).toBeGreaterThanOrEqual(names.length);

    const sources = mentionRows.slice(1).map((row) => row[MENTION_COLUMNS.indexOf('source')]);
    for (const name of names) expect(sources).toContain(expectedCell(join('.', name)));
    for (const cell of [...eventRows.slice(1), ...mentionRows.slice(1)].flat()) expect(cell).not.toMatch(/^[=+@\t\r]/);

    // The same bytes on stdout as in the file.
    const stdout = await cli(['export', '--level', 'mentions', '--db', db]);
    expect(stdout.stdout).toBe(readFileSync(mentions, 'utf8'));
  });
});
