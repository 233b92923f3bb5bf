import { createHash } from 'node:crypto';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Pipeline } from '../../src/pipeline.js';
import { bandKeys, signature } from '../../src/origins/minhash.js';
import { eventLine, formatMoney } from '../../src/review/render.js';
import { defaultRulebook } from '../../src/rulebook/compile.js';
import type { TransactionMention } from '../../src/schema/mention.js';
import { eventOrder, openDatabase, Repository } from '../../src/store/index.js';
import { report, type Report } from '../reconcile/reports.js';
import { cli, Workspace } from '../helpers/review.js';

// A ledger holding a value-only sale ("Cango sold $250 million of bitcoin"), written by hand
// because extraction does not produce such reports yet; every command reads it through the CLI.

/** Each report is stored as its own page (its text is its evidence), then the blocks are reconciled. */
function ledger(path: string, reports: Report[]) {
  const repository = new Repository(openDatabase(path));
  try {
    const blocks = new Set<string>();
    repository.transaction(() => {
      for (const r of reports) {
        const mention = report(r);
        const text = `${mention.evidence}.`;
        const contentHash = createHash('sha256').update(r.source).digest('hex');
        const raw = {
          source: r.source,
          kind: 'file' as const,
          format: 'text' as const,
          text,
          contentHash,
          publishedHint: null,
          observedAt: null,
        };
        const article = {
          source: r.source,
          contentHash,
          title: null,
          siteName: null,
          canonicalUrl: null,
          published: mention.published,
          publishedSource: 'option' as const,
          observedAt: null,
          text,
          lines: [],
        };
        repository.insertDocument(raw, article, mention.origin, signature(text), bandKeys(signature(text)), [mention]);
        blocks.add(`${mention.company}|${mention.asset}|${mention.action}`);
      }
      new Pipeline(repository, defaultRulebook()).reconcileBlocks(blocks);
    });
  } finally {
    repository.db.close();
  }
}

const REPORTS: Report[] = [
  {
    source: 'buy.txt',
    action: 'buy',
    quantity: 1000,
    date: '2026-01-10',
    holdingsAfter: 5000,
    evidence: 'Cango bought 1,000 BTC, leaving it with 5,000 BTC',
  },
  // Two outlets of equal standing give the sale two days: the date stays open for review.
  { source: 'sale-a.txt', totalUsd: 250e6, date: '2026-02-08', evidence: 'Cango sold $250 million worth of bitcoin' },
  { source: 'sale-b.txt', totalUsd: 250e6, date: '2026-02-09', evidence: 'Cango sold bitcoin worth $250 million' },
  { source: 'later.txt', action: 'buy', quantity: 200, date: '2026-03-02', evidence: 'Cango bought 200 BTC' },
];

let workspace: Workspace;
let template: string;
let cases = 0;
beforeAll(async () => {
  workspace = new Workspace();
  template = join(workspace.dir, 'value-only.db');
  ledger(template, REPORTS);
});
afterAll(() => workspace.remove());
const fresh = () => {
  const copy = join(workspace.dir, `value-only-${++cases}.db`);
  copyFileSync(template, copy);
  return copy;
};

const exported = async (db: string) =>
  parse((await cli(['export', '--db', db])).stdout, { columns: true }) as Record<string, string>[];
const saleOf = async (db: string) => (await exported(db)).find((row) => row.action === 'sell')!;

describe('a value-only event in the store', () => {
  it('round-trips null quantities through the database', async () => {
    const repository = new Repository(openDatabase(fresh()));
    try {
      const sale = repository.allEvents().find((event) => event.action === 'sell')!;
      expect([sale.quantity, sale.quantityLow, sale.quantityHigh, sale.totalUsd]).toEqual([null, null, null, 250e6]);
      expect(repository.event(sale.id)).toEqual(sale);
      const mentions: TransactionMention[] = repository.mentionsOfBlocks([sale.blockKey]);
      expect(mentions.map((mention) => mention.quantity)).toEqual([null, null]);
      expect(repository.allEvents().map((event) => `${event.action} ${event.quantity ?? '-'}`)).toEqual([
        'buy 1000',
        'sell -',
        'buy 200',
      ]);
      // On one day, counted events come before value-only ones, whatever the order they are given in.
      const sameDay = repository
        .allEvents()
        .map((event) => ({ ...event, date: '2026-02-08', action: 'sell' as const }));
      expect(
        [...sameDay]
          .reverse()
          .sort(eventOrder)
          .map((event) => event.quantity),
      ).toEqual([200, 1000, null]);
    } finally {
      repository.db.close();
    }
  });
});

describe('the commands on a value-only event', { timeout: 120_000 }, () => {
  it('export: empty quantity cells and the total', async () => {
    const row = await saleOf(fresh());
    expect([row.quantity, row.quantity_low, row.quantity_high, row.total_usd, row.source_count, row.conflicts]).toEqual(
      ['', '', '', '250000000', '2', 'date'],
    );
    const mentions = parse((await cli(['export', '--level', 'mentions', '--db', fresh()])).stdout, {
      columns: true,
    }) as Record<string, string>[];
    expect(
      mentions
        .filter((mention) => mention.action === 'sell')
        .map((mention) => [mention.quantity, mention.approx, mention.total_usd]),
    ).toEqual([
      ['', 'false', '250000000'],
      ['', 'false', '250000000'],
    ]);
  });

  it('explain: the quantity is not stated, the value is', async () => {
    const db = fresh();
    const { status, stdout } = await cli(['explain', (await saleOf(db)).event_id, '--db', db]);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^event [0-9a-f]{12}: Cango Inc\. sell \$250 million of BTC on 2026-02-08\n/);
    expect(stdout).toContain('\nquantity: not stated (value-only: $250 million)\n');
    expect(stdout).toContain('\ntotal_usd = 250000000  [agreed');
    expect(stdout).not.toMatch(/null/);
  });

  it('holdings: the value-only sale is listed, not counted', async () => {
    const { status, stdout } = await cli(['holdings', 'Cango', '--asset', 'BTC', '--db', fresh()]);
    expect(status).toBe(0);
    const rows = stdout
      .trim()
      .split('\n')
      .slice(2)
      .map((line) => line.trim().split(/\s+/).join(' '));
    // A sale of an unknown number of coins leaves the balance unknown: nothing after it passes for checked.
    expect(rows).toEqual([
      '2026-01-10 buy 1000 5000 5000 start: stated after, nothing earlier to check it against',
      '2026-02-08 sell - ? value only, not counted ($250 million); unchecked: no balance known yet',
      '2026-03-02 buy 200 ? unchecked: no balance known yet',
    ]);
    expect(stdout).not.toMatch(/null/);
  });

  it('review: the conflict on a value-only event is listed, decided, and its quantity can be set', async () => {
    const db = fresh();
    const list = await cli(['review', '--list', '--db', db]);
    expect(list.stdout).toMatch(/Cango Inc\. · sell · \$250 million of BTC \(value only\) · 2026-02-08\s+date\s/);
    const [conflict] = JSON.parse((await cli(['review', '--list', '--json', '--db', db])).stdout) as Record<
      string,
      unknown
    >[];
    expect(conflict).toMatchObject({ action: 'sell', quantity: null, field: 'date' });
    expect((await cli(['review', '--accept-suggested', '--db', db])).status).toBe(0);
    expect((await saleOf(db)).conflicts).toBe('');
    const id = (await saleOf(db)).event_id;
    expect(
      (await cli(['review', '--set', `${id}.quantity=3,000`, '--note', 'the filing says 3,000', '--db', db])).status,
    ).toBe(0);
    const row = await saleOf(db);
    expect([row.quantity, row.quantity_low, row.quantity_high, row.total_usd]).toEqual([
      '3000',
      '3000',
      '3000',
      '250000000',
    ]);
  });
});

describe('one line for an event', () => {
  it.each([
    [{ quantity: 4451, totalUsd: 305e6 }, 'Cango Inc. · sell · 4,451 BTC · 2026-02-08'],
    [{ quantity: null, totalUsd: 250e6 }, 'Cango Inc. · sell · $250 million of BTC (value only) · 2026-02-08'],
    [{ quantity: null, totalUsd: null }, 'Cango Inc. · sell · BTC (value only) · 2026-02-08'],
  ])('%j -> %s', (amounts, line) => {
    const event = {
      company: 'Cango Inc.',
      ticker: null,
      action: 'sell',
      asset: 'BTC',
      date: '2026-02-08',
      dateEnd: null,
      ...amounts,
    } as Parameters<typeof eventLine>[0];
    expect(eventLine(event)).toBe(line);
  });

  it.each([
    [250e6, 'USD', '$250 million'],
    [40.5e6, 'USD', '$40.5 million'],
    [17_512_400, 'USD', '$17,512,400'],
    [950_000, 'USD', '$950,000'],
    [1.2e9, 'USD', '$1.2 billion'],
    [10.5e9, 'JPY', 'JPY 10.5 billion'],
    [1_234_567_890, 'USD', '$1,234,567,890'],
  ])('money %d %s -> %s', (amount, currency, text) => expect(formatMoney(amount, currency)).toBe(text));
});
