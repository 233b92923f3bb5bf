import { parse } from 'csv-parse/sync';
import { expect } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { datledger } from './cli.js';

/** The built CLI, for the tests that need a terminal (terminal.ts); the others run the CLI in-process. */
export const ROOT = resolve(import.meta.dirname, '../..');
export const BIN = join(ROOT, 'bin/datledger.js');

export interface Article {
  source: string;
  published: string;
  text: string;
}

/**
 * Small articles written for these tests. Two outlets of equal standing disagree on Riot's price
 * per coin and on the day it sold; two disagree on what Hut 8 paid in total. Nothing settles
 * either, so three conflicts stay open, in this order: Hut 8 total_usd, Riot unit_price_usd, Riot date.
 * Figures are written out in digits: "$17.5 million" reads as a rounded (hedged) figure, and two
 * overlapping hedges would settle instead of staying open.
 */
export const ARTICLES: Article[] = [
  {
    source: 'daily-a.txt',
    published: '2026-03-04',
    text: 'Riot Platforms sells bitcoin\n\nRiot Platforms sold 1,100 BTC on March 3, 2026, the miner said.\n',
  },
  {
    source: 'wire-b.txt',
    published: '2026-03-04',
    text: 'Riot trims holdings\n\nRiot Platforms sold 1,100 BTC on March 3, 2026, at an average price of $70,000 per coin, according to people familiar with the trade.\n',
  },
  {
    source: 'paper-c.txt',
    published: '2026-03-04',
    text: 'Miner sells coins\n\nRiot Platforms sold 1,100 BTC on March 4, 2026, at an average price of $72,000 per coin, traders said.\n',
  },
  {
    source: 'letter-d.txt',
    published: '2026-03-04',
    text: 'Hut 8 adds bitcoin\n\nHut 8 bought 250 BTC on March 2, 2026 for $17,512,400 in total, a newsletter reported.\n',
  },
  {
    source: 'blog-e.txt',
    published: '2026-03-04',
    text: 'Hut 8 buys more coins\n\nHut 8 bought 250 BTC on March 2, 2026 for $18,036,250 in total, according to a blog post.\n',
  },
];

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI without a terminal (stdin a pipe), the way a script would: in-process (helpers/cli.ts). */
export async function cli(args: string[], input = '', env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  const { code, stdout, stderr } = await datledger(args, { input, env });
  return { status: code, stdout, stderr };
}

export async function paste(db: string, article: Article): Promise<CliResult> {
  const result = await cli(
    ['paste', '--published', article.published, '--source', article.source, '--db', db],
    article.text,
  );
  if (result.status !== 0) throw new Error(`paste ${article.source} failed: ${result.stderr}`);
  return result;
}

/** A scratch folder; the fixture database is built once and copied, so every test starts from the same three conflicts. */
export class Workspace {
  readonly dir = mkdtempSync(join(tmpdir(), 'datledger-review-'));
  private template: string | null = null;
  private copies = 0;

  async fixture(): Promise<string> {
    if (!this.template) {
      const template = join(this.dir, 'template.db');
      for (const article of ARTICLES) await paste(template, article);
      this.template = template;
    }
    const copy = join(this.dir, `case-${++this.copies}.db`);
    copyFileSync(this.template, copy);
    return copy;
  }

  remove() {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export type EventRow = Record<string, string>;

/** `datledger export`, read back as the contract says other tools read it. */
export async function exportedEvents(db: string): Promise<EventRow[]> {
  const { stdout } = await cli(['export', '--db', db]);
  return parse(stdout, { columns: true }) as EventRow[];
}

export const eventOf = async (db: string, company: string) => {
  const row = (await exportedEvents(db)).find((event) => event.company.startsWith(company));
  if (!row) throw new Error(`no ${company} event in the export`);
  return row;
};

/** A second Riot sale a week later, of another size: the evidence keeps it apart (different count, different day). */
export const LATER: Article = {
  source: 'weekly-k.txt',
  published: '2026-03-11',
  text: 'Riot again\n\nRiot Platforms sold 1,400 BTC on March 10, 2026, a weekly newsletter said.\n',
};

/** The same articles again, `pasted` as a paste and all (with `extra`) as a folder of files: re-ingest must change nothing decided. */
export async function reingest(workspace: Workspace, db: string, pasted: Article, extra: Article[] = []) {
  await paste(db, pasted);
  const folder = join(workspace.dir, `again-${Math.random().toString(36).slice(2)}`);
  mkdirSync(folder, { recursive: true });
  for (const article of [...ARTICLES, ...extra]) writeFileSync(join(folder, article.source), article.text);
  expect((await cli(['ingest', folder, '--db', db])).status).toBe(0);
}

export interface LoggedDecision {
  id: number;
  event_id: string;
  field: string;
  note: string | null;
  state: string;
  [column: string]: unknown;
}

/** `review log --json`: the decisions audit table. */
export const decisionLog = async (db: string) =>
  JSON.parse((await cli(['review', 'log', '--json', '--db', db])).stdout) as LoggedDecision[];
