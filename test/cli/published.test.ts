import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { datledger } from '../helpers/cli.js';

/**
 * Ways to supply a publication date, through the real command line. The articles are short ones
 * written for these tests.
 */
const work = mkdtempSync(join(tmpdir(), 'datledger-published-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

type Row = Record<string, string>;
const mentions = (db: string) => parse(datledger(['export', '--level', 'mentions', '--db', db]).stdout, { columns: true }) as Row[];
const events = (db: string) => parse(datledger(['export', '--db', db]).stdout, { columns: true }) as Row[];

describe('paste --published is checked strictly', () => {
  const text = 'CleanSpark sold 159 BTC on Monday to cover operating costs, the company said in a statement.';
  const cases: [string, RegExp][] = [
    ['2026-13-45', /--published 2026-13-45: there is no month 13/],
    ['2026-02-30', /--published 2026-02-30: February 2026 has no day 30 \(it has 28 days\)/],
    ['2025-02-29', /February 2025 has no day 29/],
    ['04/03/2026', /--published 04\/03\/2026: expected a date as YYYY-MM-DD/],
    ['March 4, 2026', /expected a date as YYYY-MM-DD/],
    ['2026-3-4', /expected a date as YYYY-MM-DD/],
  ];
  for (const [value, message] of cases) {
    it(`refuses ${value} as a usage error (exit 2), storing nothing`, () => {
      const db = join(work, `paste-bad-${value.replace(/\W/g, '')}.db`);
      const run = datledger(['paste', '--published', value, '--db', db], { input: text });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stdout).toBe('');
      // Refused before the database is opened: not even an empty ledger is left behind.
      expect(existsSync(db)).toBe(false);
    });
  }

  it('takes a real day, a leap day included', () => {
    const db = join(work, 'paste-good.db');
    const run = datledger(['paste', '--published', '2028-02-29', '--source', 'desk note', '--db', db], { input: text });
    expect(run.code).toBe(0);
    // Tuesday 29 February 2028: the Monday before is the 28th.
    expect(mentions(db)[0]).toMatchObject({ published: '2028-02-29', date: '2028-02-28' });
  });
});
