import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datledger } from '../helpers/cli.js';

// A ledger that names a company the project's lexicon does not know, built robustly: the company is
// ingested with a rules folder of our own that knows it (so extraction finds it like any lexicon
// company), and `datledger companies` is then asked with and without that folder.
const work = mkdtempSync(join(tmpdir(), 'datledger-companies-cli-'));
const db = join(work, 'ledger.db');
const ownRules = join(work, 'own-rules');
const articles = join(work, 'articles');
afterAll(() => rmSync(work, { recursive: true, force: true }));

const SOLD = 'Nordwind Mining sold 120 BTC on March 3, 2026 to pay for new machines, the company said.';
const BOUGHT = 'The Frankfurt-listed miner bought 40 BTC on March 10, 2026, the company said in a filing.';

interface Listed {
  company: string;
  known: boolean;
  mentions: number;
  example: { sentence: string; evidence: string; source: string };
}
const listed = async (args: string[], env: Record<string, string> = {}) => {
  const run = await datledger(['companies', '--json', '--db', db, ...args], { env });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as Listed[];
};

beforeAll(async () => {
  mkdirSync(ownRules);
  writeFileSync(
    join(ownRules, 'companies.yaml'),
    [
      '# A company of our own, unknown to the project',
      '- name: Nordwind Mining AG',
      '  aliases: [Nordwind Mining, Nordwind]',
      '  tickers: [{symbol: NWM, exchange: XETRA}]',
      '',
    ].join('\n'),
  );
  mkdirSync(articles);
  writeFileSync(
    join(articles, 'nordwind-march.txt'),
    ['Nordwind Mining sells part of its bitcoin', '', SOLD, '', BOUGHT].join('\n'),
  );
  writeFileSync(
    join(articles, 'cleanspark-jan.txt'),
    'CleanSpark sold 159 BTC in January to support operations, the company said.',
  );
  const run = await datledger(['--rules', ownRules, 'ingest', articles, '--db', db]);
  expect(run.code, run.stderr).toBe(0);
});

describe('datledger companies', () => {
  it('lists a company the lexicon does not know, with its mentions and an example sentence', async () => {
    const unknown = await listed([]);
    expect(unknown.map((company) => company.company)).toEqual(['Nordwind Mining AG']);
    expect(unknown[0].known).toBe(false);
    expect(unknown[0].mentions).toBeGreaterThanOrEqual(1);
    expect([SOLD, BOUGHT]).toContain(unknown[0].example.sentence);
    expect(unknown[0].example.sentence).toContain(unknown[0].example.evidence);
    expect(unknown[0].example.source).toBe(join(articles, 'nordwind-march.txt'));
  });

  it('prints it as text too, count first', async () => {
    const run = await datledger(['companies', '--db', db]);
    expect(run.code).toBe(0);
    const sentence = [SOLD, BOUGHT].map((text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
    expect(run.stdout).toMatch(
      new RegExp(
        `^mentions {2}company\\n\\s+\\d+ {2}Nordwind Mining AG\\n\\s+e\\.g\\. "(?:${sentence})" \\(.*nordwind-march\\.txt\\)\\n$`,
      ),
    );
  });

  it('lists nothing once the company is in a rules folder of your own (--rules or DATLEDGER_RULES)', async () => {
    expect(await listed(['--rules', ownRules])).toEqual([]);
    expect(await listed([], { DATLEDGER_RULES: ownRules })).toEqual([]);
    const run = await datledger(['--rules', ownRules, 'companies', '--db', db]);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('every company in the ledger is in the lexicon\n');
  });

  it('with --all lists known companies too, most mentioned first', async () => {
    const all = await listed(['--all', '--rules', ownRules]);
    expect(all.map((company) => [company.company, company.known])).toEqual(
      expect.arrayContaining([
        ['Nordwind Mining AG', true],
        ['CleanSpark, Inc.', true],
      ]),
    );
    expect(all).toHaveLength(2);
    expect(all[0].mentions).toBeGreaterThanOrEqual(all[1].mentions);
    const withoutRules = await listed(['--all']);
    expect(withoutRules.find((company) => company.company === 'Nordwind Mining AG')?.known).toBe(false);
    expect(withoutRules.find((company) => company.company === 'CleanSpark, Inc.')).toMatchObject({
      known: true,
      mentions: 1,
    });
  });
});

describe('a rules folder of your own', () => {
  it('that does not exist is a usage error naming it', async () => {
    const missing = join(work, 'no-such-rules');
    for (const run of [
      await datledger(['--rules', missing, 'companies', '--db', db]),
      await datledger(['companies', '--db', db], { env: { DATLEDGER_RULES: missing } }),
    ]) {
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(`datledger: ${missing}: the rules folder (--rules or $DATLEDGER_RULES) does not exist\n`);
    }
  });

  it('may not claim a name of a project company: both files are named', async () => {
    const dir = join(work, 'clash');
    mkdirSync(dir);
    writeFileSync(
      join(dir, 'companies.yaml'),
      '- name: Nordwind Mining AG\n  aliases: [Nordwind, CleanSpark]\n  tickers: [{symbol: NWM, exchange: XETRA}]\n',
    );
    const run = await datledger(['--rules', dir, 'companies', '--db', db]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      new RegExp(
        `^datledger: ${join(dir, 'companies.yaml')}:2: aliases "CleanSpark" of Nordwind Mining AG is already a name of CleanSpark, Inc\\. \\(.*rules/companies\\.yaml:\\d+\\)\\n$`,
      ),
    );
  });

  it('is checked like the project\'s: an alias "Inc." is refused with file and line', async () => {
    const dir = join(work, 'suffix');
    mkdirSync(dir);
    writeFileSync(
      join(dir, 'companies.yaml'),
      '- name: Nordwind Mining AG\n  former_names: [Nordwind Mining, Inc.]\n  tickers: [{symbol: NWM, exchange: XETRA}]\n',
    );
    const run = await datledger(['--rules', dir, 'companies', '--db', db]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      new RegExp(`^datledger: ${join(dir, 'companies.yaml')}:2: former_names "Inc\\." is only a legal suffix`),
    );
  });
});
