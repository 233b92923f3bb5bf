import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { datledger } from '../helpers/cli.js';

const work = mkdtempSync(join(tmpdir(), 'datledger-holdings-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// Four short reports of our own: a purchase in January is missing between the first two stated figures.
const PAGES: [string, string][] = [
  [
    'h1.txt',
    'Orrin adds coins\nPublished January 6, 2026\nOrrin Hash Corp. bought 500 BTC on January 5, 2026, bringing its holdings to 2,500 BTC.\n',
  ],
  [
    'h2.txt',
    'Orrin buys more\nPublished February 3, 2026\nOrrin Hash Corp. bought 300 BTC on February 2, 2026, bringing its holdings to 3,300 BTC.\n',
  ],
  [
    'h3.txt',
    'Orrin turns to ether\nPublished February 4, 2026\nOrrin Hash Corp. bought 1,000 ETH on February 3, 2026.\n',
  ],
  [
    'h4.txt',
    'Orrin buys again\nPublished February 10, 2026\nOrrin Hash Corp. bought 200 BTC on February 9, 2026, bringing its holdings to 3,500 BTC.\n',
  ],
];

describe('holdings per asset, every row checked (issue 12)', () => {
  const db = join(work, 'ledger.db');
  const folder = join(work, 'pages');
  it('one table per asset; ok only where a stated figure was compared; a gap offered as a missing transaction', async () => {
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder);
    for (const [name, text] of PAGES) writeFileSync(join(folder, name), text);
    expect((await datledger(['ingest', folder, '--db', db])).code).toBe(0);
    const run = await datledger(['holdings', 'Orrin Hash Corp.', '--db', db]);
    expect(run.code).toBe(0);
    const [btc, eth] = run.stdout.split('\n\n');
    expect(btc.split('\n')[0]).toBe('Orrin Hash Corp. BTC');
    // date, action, quantity, balance, stated after, and the kind of check (the wording is export/holdings.ts's, tested there).
    const rows = btc
      .trim()
      .split('\n')
      .slice(2)
      .map((line) => line.trim().split(/\s+/).slice(0, 6).join(' '));
    expect(rows).toEqual([
      '2026-01-05 buy 500 2500 2500 start:',
      '2026-02-02 buy 300 3300 3300 !',
      '2026-02-09 buy 200 3500 3500 ok:',
    ]);
    // The gap names its size, its likely kind and the dates between which it happened.
    expect(btc.split('\n')[3]).toMatch(/ 500\b.*\bpurchase\b.*2026-01-05.*2026-02-02/);
    // Ether never enters the bitcoin balance, and a row with nothing to compare is not passed as ok.
    expect(eth.split('\n')[0]).toBe('Orrin Hash Corp. ETH');
    expect(eth).toMatch(/2026-02-03\s+buy\s+1000\s+\?\s+unchecked\b/);
    expect(run.stdout).not.toMatch(/\bok\s*$/m);
  });

  it('--asset keeps one table', async () => {
    const run = await datledger(['holdings', 'Orrin Hash Corp.', '--asset', 'eth', '--db', db]);
    expect(run.stdout.split('\n')[0]).toBe('Orrin Hash Corp. ETH');
    expect(run.stdout).not.toContain('BTC');
  });
});
