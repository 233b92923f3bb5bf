import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { EVENT_COLUMNS, MENTION_COLUMNS } from '../../src/export/columns.js';
import { datledger, datledgerProcess, ROOT } from '../helpers/cli.js';

const work = mkdtempSync(join(tmpdir(), 'datledger-cli-'));
const db = join(work, 'ledger.db');
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('datledger on the sample articles, as a user runs it', () => {
  it('ingests data/samples and prints a summary', async () => {
    const run = await datledger(['ingest', 'data/samples', '--db', db]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/articles ingested: 16\n/);
    expect(run.stdout).toMatch(/failed inputs: 0\n/);
  });

  it('reports time per stage with --timings, on standard error', async () => {
    const run = await datledger(['ingest', 'data/samples', '--timings', '--db', join(work, 'timed.db')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/articles ingested: 16\n/);
    expect(run.stderr).toMatch(/^timings \(in-thread\): 16 articles in [\d.]+ s/m);
    expect(run.stderr).toMatch(/^\s+clean\s+[\d.]+ s$/m);
  });

  it('adds nothing when the same folder is ingested again', async () => {
    const run = await datledger(['ingest', 'data/samples', '--db', db]);
    expect(run.stdout).toMatch(/articles ingested: 0 \(16 already known, skipped\)/);
  });

  it('exports events as CSV with the contract header, and the Cango sale reconciled', async () => {
    const out = join(work, 'events.csv');
    expect((await datledger(['export', '--level', 'events', '--out', out, '--db', db])).code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text.split('\r\n')[0]).toBe(EVENT_COLUMNS.join(','));
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    const cango = rows.filter(
      (row) => row.company === 'Cango Inc.' && row.action === 'sell' && row.quantity === '4451',
    );
    expect(cango).toHaveLength(1);
    expect(cango[0]).toMatchObject({
      ticker: 'CANG',
      asset: 'BTC',
      total_usd: '305000000',
      holdings_before: '8095',
      holdings_after: '3644',
      date: '2026-02-07',
      date_end: '2026-02-08',
      status: 'confirmed',
    });
    expect(Number(cango[0].source_count)).toBeGreaterThanOrEqual(5);
    expect(cango[0].purpose.split(';')).toEqual(expect.arrayContaining(['debt_repayment', 'expansion']));
    const strategy = rows.find((row) => row.company === 'Strategy Inc.' && row.quantity === '1142');
    expect(strategy?.action).toBe('buy');
    // Pages with prices, hypotheticals and plans but no transaction add nothing.
    expect(rows.every((row) => !/12-market|13-explainer|14-preview/.test(row.sources))).toBe(true);
  });

  it('exports mentions with evidence and rule ids', async () => {
    const run = await datledger(['export', '--level', 'mentions', '--db', db]);
    const rows = parse(run.stdout, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0])).toEqual([...MENTION_COLUMNS]);
    expect(rows.every((row) => row.evidence.length > 0 && /\b(?:event|continuation)\./.test(row.rules))).toBe(true);
  });

  it('explains an event: values, reasons, evidence spans and rules', async () => {
    const events = parse((await datledger(['export', '--db', db])).stdout, { columns: true }) as Record<
      string,
      string
    >[];
    const cango = events.find((row) => row.company === 'Cango Inc.' && row.quantity === '4451')!;
    const run = await datledger(['explain', cango.event_id.slice(0, 8), '--db', db]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/holdings_after = 3644 {2}\[settled/);
    expect(run.stdout).toMatch(/8,095 - 4,451 = 3,644/);
    expect(run.stdout).toMatch(/rule event\.verb-quantity/);
    // Where each page's date came from is shown beside it.
    expect(run.stdout).toMatch(
      /\(published 2026-02-\d\d, from (?:label|meta|json-ld|time|dateline|byline|url|canonical|text)\)/,
    );
  });

  it('pastes one article from stdin with a publication date', async () => {
    const run = await datledger(['paste', '--published', '2026-03-04', '--source', 'wire', '--db', db], {
      input: 'Riot Platforms sold 1,100 BTC on Monday to fund its data center expansion, the company said.',
    });
    expect(run.code).toBe(0);
    const rows = parse((await datledger(['export', '--level', 'mentions', '--db', db])).stdout, {
      columns: true,
    }) as Record<string, string>[];
    expect(rows.find((row) => row.source === 'wire')).toMatchObject({
      company: 'Riot Platforms, Inc.',
      quantity: '1100',
      date: '2026-03-02',
      purpose: 'expansion',
      status: 'confirmed',
    });
  });

  it('shows holdings as a running balance beside stated figures', async () => {
    const run = await datledger(['holdings', 'CANG', '--asset', 'BTC', '--db', db]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Cango Inc\. BTC/);
    expect(run.stdout).toMatch(/2026-02-07\s+sell\s+4451\s+\d+\s+8095\s+3644/);
    // The mined coins before it are undated or monthly, so the balance cannot reach the 8,095 stated
    // before the sale: that row is flagged (a gap of 5,001 coins), while the figure after it agrees.
    const sale = run.stdout.split('\n').find((line) => /^2026-02-07\s+sell\s+4451\b/.test(line))!;
    expect(sale).toMatch(/ ! before differs from balance by 5001\b/);
    expect(sale).toMatch(/; ok: after matches the balance$/);
    const json = JSON.parse((await datledger(['holdings', 'CANG', '--asset', 'BTC', '--json', '--db', db])).stdout) as {
      rows: { quantity: number; gap: unknown }[];
    };
    expect(json.rows.find((row) => row.quantity === 4451)?.gap).toEqual({
      which: 'before',
      missing: 5001,
      likely: 'purchase',
      since: '2026-01',
    });
  });

  it('names a bad input, keeps going, and exits 1', async () => {
    const folder = join(work, 'mixed');
    rmSync(folder, { recursive: true, force: true });
    writeFileSync(
      join(work, 'good.txt'),
      'CleanSpark sold 159 BTC in January to support operations, the company said.',
    );
    const run = await datledger(['ingest', join(work, 'good.txt'), join(work, 'missing.txt'), '--db', db]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${join(work, 'missing.txt')}: no such file or folder`);
    expect(run.stdout).toMatch(/articles ingested: 1/);
  });

  it('prints the package version, in-process and through the bin entry (the one spawn here: it checks the launcher and dist/)', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(await datledger(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    expect(datledgerProcess(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('exits 2 on a usage error, with help that has an example', async () => {
    expect((await datledger(['export', '--level', 'weekly', '--db', db])).code).toBe(2);
    expect((await datledger(['frobnicate'])).code).toBe(2);
    const help = await datledger(['ingest', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Example:\n {2}datledger ingest/);
  });

  it('documents every command with an example, and the README lists the same commands and options', async () => {
    // Commands, not options: "  --rules <dir>" also ends in "<".
    const commands = [...(await datledger(['--help'])).stdout.matchAll(/^ {2}([a-z][a-z-]*) (?:\[|<)/gm)]
      .map((match) => match[1])
      .filter((name) => name !== 'help');
    expect(commands).toContain('companies');
    expect(commands.length).toBeGreaterThanOrEqual(8);
    // The README's command list: the code block under "## Commands", one `datledger COMMAND ...` a line.
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const block = /^## Commands\n+```\n([\s\S]*?)```/m.exec(readme)?.[1] ?? '';
    const listed = [...block.matchAll(/^datledger ([a-z][a-z-]*)(.*)$/gm)].map((match) => ({
      command: match[1],
      options: [...match[2].replace(/#.*$/, '').matchAll(/--[a-z][a-z-]*/g)].map((option) => option[0]),
    }));
    expect(listed.map((line) => line.command).sort()).toEqual([...commands].sort());
    for (const command of commands) {
      const help = (await datledger([command, '--help'])).stdout;
      expect(help, command).toMatch(/Example:/);
      // Every option the README shows for a command is one the command has.
      for (const option of listed.find((line) => line.command === command)!.options)
        expect(help, `${command} ${option}`).toContain(option);
    }
    // review's subcommands too: each has help with an example of its own.
    const subcommands = [...(await datledger(['review', '--help'])).stdout.matchAll(/^ {2}([a-z]+) (?:\[|<)/gm)]
      .map((match) => match[1])
      .filter((name) => name !== 'help');
    expect(subcommands.sort()).toEqual(['accept', 'list', 'log', 'merge', 'reject', 'set', 'split', 'undo']);
    for (const subcommand of subcommands)
      expect((await datledger(['review', subcommand, '--help'])).stdout, subcommand).toMatch(
        new RegExp(`Example:\\n {2}datledger review ${subcommand}`),
      );
  });

  it("the README's example event id is the Cango sale of the samples", async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const id = /datledger explain ([0-9a-f]{6,}) --db ledger\.db/.exec(readme)?.[1];
    expect(id).toBeDefined();
    const run = await datledger(['explain', id!, '--json', '--db', db]);
    expect(run.code, run.stderr).toBe(0);
    const { event } = JSON.parse(run.stdout) as { event: { company: string; action: string; quantity: number } };
    expect(event).toMatchObject({ company: 'Cango Inc.', action: 'sell', quantity: 4451 });
  });

  it('prints stats, explain and holdings as JSON with --json', async () => {
    const stats = JSON.parse((await datledger(['stats', '--json', '--db', db])).stdout) as Record<string, unknown>;
    expect(stats).toMatchObject({ documents: 18, documentsWithoutMentions: 3, conflicts: 0, failures: 1 });
    expect(stats.recentFailures).toEqual([
      expect.objectContaining({ input: join(work, 'missing.txt'), reason: 'no such file or folder' }),
    ]);
    const events = parse((await datledger(['export', '--db', db])).stdout, { columns: true }) as Record<
      string,
      string
    >[];
    const cango = events.find((row) => row.company === 'Cango Inc.' && row.quantity === '4451')!;
    const explained = JSON.parse((await datledger(['explain', cango.event_id, '--json', '--db', db])).stdout) as {
      event: { id: string; fields: Record<string, { value: string; state: string }> };
      evidence: { source: string; provenance: Record<string, unknown[]> }[];
    };
    expect(explained.event.id).toBe(cango.event_id);
    expect(explained.event.fields.holdings_after).toMatchObject({ value: '3644', state: 'settled' });
    // One entry per mention; independent sources are at most as many.
    expect(explained.evidence.length).toBeGreaterThanOrEqual(Number(cango.source_count));
    expect(
      explained.evidence.every(
        (item) => item.source.startsWith('data/samples/') && Object.keys(item.provenance).length > 0,
      ),
    ).toBe(true);
    const holdings = JSON.parse(
      (await datledger(['holdings', 'Cango', '--asset', 'BTC', '--json', '--db', db])).stdout,
    ) as {
      company: string;
      rows: {
        eventId: string;
        action: string;
        quantity: number;
        statedBefore: number;
        statedAfter: number;
        balance: number;
      }[];
    };
    expect(holdings.company).toBe('Cango Inc.');
    expect(holdings.rows.find((row) => row.eventId === cango.event_id)).toMatchObject({
      action: 'sell',
      quantity: 4451,
      statedBefore: 8095,
      statedAfter: 3644,
      balance: 3644,
    });
  });

  it('lists the articles that yielded no transaction, with why', async () => {
    const run = await datledger(['documents', '--quiet', '--json', '--db', db]);
    expect(run.code).toBe(0);
    const quiet = JSON.parse(run.stdout) as {
      source: string;
      mentions: number;
      events: number;
      quietReason: string;
      why: string;
    }[];
    expect(quiet.map((row) => row.source)).toEqual([
      'data/samples/12-market-btc-drawdown-no-tx.html',
      'data/samples/13-explainer-hashprice-no-tx.txt',
      'data/samples/14-preview-treasury-plans-no-tx.txt',
    ]);
    expect(
      quiet.every((row) => row.mentions === 0 && row.events === 0 && row.why.startsWith(`${row.quietReason}: `)),
    ).toBe(true);
    // The hypothetical raise is read and not taken for a purchase: the sentence is quoted for the user to judge.
    expect(quiet[2]).toMatchObject({
      quietReason: 'not-a-transaction',
      why: expect.stringContaining('hypothetical $100 million raise'),
    });
    const plain = (await datledger(['documents', '--reason', 'not-a-transaction', '--db', db])).stdout;
    expect(plain).toMatch(/14-preview-treasury-plans-no-tx\.txt\n {7}no transaction: not-a-transaction: /);
    expect(plain).not.toContain('13-explainer');
    const all = JSON.parse((await datledger(['documents', '--source', 'cango', '--json', '--db', db])).stdout) as {
      mentions: number;
      events: number;
    }[];
    expect(all.length).toBeGreaterThanOrEqual(3);
    expect(all.every((row) => row.mentions > 0 && row.events > 0)).toBe(true);
    expect((await datledger(['documents', '--reason', 'boring', '--db', db])).code).toBe(2);
  });

  it('forgets a page ingested by mistake: its mentions go, the events it touched are reconciled again, and it can come back', async () => {
    const source = 'data/samples/04-cryptonews-cango-8095.txt';
    const sourcesOfSale = async () =>
      (parse((await datledger(['export', '--db', db])).stdout, { columns: true }) as Record<string, string>[]).find(
        (row) => row.company === 'Cango Inc.' && row.quantity === '4451',
      )!;
    const before = await sourcesOfSale();
    expect(before.sources.split(';')).toContain(source);
    const typo = await datledger(['forget', source, 'data/samples/no-such-page.txt', '--db', db]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('data/samples/no-such-page.txt: no stored document');
    expect((await sourcesOfSale()).sources).toBe(before.sources);

    const run = await datledger(['forget', source, '--db', db]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      new RegExp(`forgot ${source.replace(/[.]/g, '\\.')}: 1 document\\(s\\), [1-9]\\d* mention\\(s\\)`),
    );
    const after = await sourcesOfSale();
    // The event keeps its id; it has one report fewer.
    expect(after.event_id).toBe(before.event_id);
    expect(after.sources.split(';')).not.toContain(source);
    expect(Number(after.source_count)).toBe(Number(before.source_count) - 1);
    expect(
      JSON.parse((await datledger(['documents', '--source', '04-cryptonews', '--json', '--db', db])).stdout),
    ).toEqual([]);
    expect((await datledger(['ingest', source, '--db', db])).stdout).toMatch(/articles ingested: 1\n/);
    expect(await sourcesOfSale()).toMatchObject({
      event_id: before.event_id,
      sources: expect.stringContaining(source),
      source_count: before.source_count,
    });
    // By its id as documents lists it, and by another spelling of its path: the same document.
    const [stored] = JSON.parse(
      (await datledger(['documents', '--source', '04-cryptonews', '--json', '--db', db])).stdout,
    ) as { id: number }[];
    expect((await datledger(['forget', String(stored.id), '--db', db])).stdout).toMatch(/: 1 document\(s\)/);
    expect((await datledger(['ingest', source, '--db', db])).stdout).toMatch(/articles ingested: 1\n/);
    expect((await datledger(['forget', join(ROOT, source), '--db', db])).stdout).toMatch(/: 1 document\(s\)/);
    expect((await sourcesOfSale()).sources.split(';')).not.toContain(source);
  });
});
