import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { tagSentence } from '../../src/extract/chunks.js';
import { Pipeline } from '../../src/pipeline.js';
import { compileRulebook, defaultRulebook } from '../../src/rulebook/compile.js';
import { DEFAULT_RULES_DIR, loadRuleFiles, RuleFileError } from '../../src/rulebook/load.js';
import { openDatabase, Repository } from '../../src/store/index.js';

const work = mkdtempSync(join(tmpdir(), 'datledger-user-rules-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const PROJECT_COMPANIES = join(DEFAULT_RULES_DIR, 'companies.yaml');

let folders = 0;
/** A user rules folder with these files. */
function folder(files: Record<string, string>): string {
  const dir = join(work, `own-${folders++}`);
  mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
const companiesIn = (sentence: string, userDir: string | null) =>
  tagSentence(sentence, compileRulebook(loadRuleFiles(DEFAULT_RULES_DIR, userDir)))
    .chunks.filter((chunk) => chunk.type === 'C')
    .map((chunk) => chunk.company);

const NORDWIND =
  '- name: Nordwind Mining AG\n  aliases: [Nordwind Mining, Nordwind]\n  tickers: [{symbol: NWM, exchange: XETRA}]\n';

describe("a rules folder of your own, beside the project's", () => {
  it('adds a company the project does not list', () => {
    expect(companiesIn('Nordwind Mining sold 120 BTC.', null)).toEqual([]);
    expect(companiesIn('Nordwind Mining sold 120 BTC.', folder({ 'companies.yaml': NORDWIND }))).toEqual([
      'Nordwind Mining AG',
    ]);
  });

  it('extends a project company given under its canonical name, keeping what the project says', () => {
    const dir = folder({
      'companies.yaml':
        '- name: Cango Inc.\n  aliases: [Cango Group Ltd]\n  former_names: [China Commercial Credit Mobility]\n  tickers: [{symbol: CANG, exchange: NYSE}]\n',
    });
    expect(companiesIn('Cango Group Ltd sold 100 BTC.', dir)).toEqual(['Cango Inc.']);
    expect(companiesIn('China Commercial Credit Mobility sold 100 BTC.', dir)).toEqual(['Cango Inc.']);
    expect(companiesIn('Cango sold 100 BTC.', dir)).toEqual(['Cango Inc.']);
    const files = loadRuleFiles(DEFAULT_RULES_DIR, dir);
    expect(files.companies.filter((company) => company.name === 'Cango Inc.')).toEqual([
      {
        name: 'Cango Inc.',
        aliases: ['Cango', 'Cango Group Ltd'],
        exact_case_aliases: [],
        former_names: ['China Commercial Credit Mobility'],
        tickers: [{ symbol: 'CANG', exchange: 'NYSE' }],
      },
    ]);
    expect(files.companies.length).toBe(loadRuleFiles().companies.length);
  });

  it('may not give another company a name the project already gave: both files named', () => {
    const dir = folder({
      'companies.yaml': `${NORDWIND}- name: Nordwind Energy Ltd.\n  aliases: [Riot Blockchain]\n  tickers: [{symbol: NWE, exchange: LSE}]\n`,
    });
    expect(() => loadRuleFiles(DEFAULT_RULES_DIR, dir)).toThrow(
      new RegExp(
        `^${join(dir, 'companies.yaml')}:5: aliases "Riot Blockchain" of Nordwind Energy Ltd\\. is already a name of Riot Platforms, Inc\\. \\(${PROJECT_COMPANIES}:\\d+\\)$`,
      ),
    );
  });

  it('says how to extend a company named by one of its aliases', () => {
    const dir = folder({
      'companies.yaml':
        '- name: Riot Platforms\n  aliases: [Riot Platforms Inc]\n  tickers: [{symbol: RIOT, exchange: NASDAQ}]\n',
    });
    expect(() => loadRuleFiles(DEFAULT_RULES_DIR, dir)).toThrow(
      /companies\.yaml:1: name "Riot Platforms" of Riot Platforms is already a name of Riot Platforms, Inc\. .*; to add names to Riot Platforms, Inc\., use its canonical name/,
    );
  });

  it('may not give a project ticker to another company', () => {
    const dir = folder({
      'companies.yaml': '- name: Nordwind Mining AG\n  tickers: [{symbol: MSTR, exchange: XETRA}]\n',
    });
    expect(() => loadRuleFiles(DEFAULT_RULES_DIR, dir)).toThrow(
      /companies\.yaml:2: ticker MSTR of Nordwind Mining AG is already the ticker of Strategy Inc\./,
    );
  });

  it('is validated by the same schema, with the line', () => {
    const dir = folder({ 'companies.yaml': '- name: Nordwind Mining AG\n  aliases: [Nordwind]\n' });
    expect(() => loadRuleFiles(DEFAULT_RULES_DIR, dir)).toThrow(/companies\.yaml:1: 0\.tickers: /);
  });

  it('must exist, hold companies.yaml, and no rule file that would be ignored', () => {
    const missing = join(work, 'missing');
    expect(() => loadRuleFiles(DEFAULT_RULES_DIR, missing)).toThrow(RuleFileError);
    expect(() => loadRuleFiles(DEFAULT_RULES_DIR, missing)).toThrow(
      `${missing}: the rules folder (--rules or $DATLEDGER_RULES) does not exist`,
    );
    expect(() => loadRuleFiles(DEFAULT_RULES_DIR, folder({ 'notes.txt': 'x' }))).toThrow(/has no companies\.yaml/);
    expect(() =>
      loadRuleFiles(DEFAULT_RULES_DIR, folder({ 'companies.yaml': NORDWIND, 'patterns.yaml': 'events: []\n' })),
    ).toThrow(/may hold only companies\.yaml; patterns\.yaml would be ignored/);
  });
});

describe('DATLEDGER_RULES', () => {
  const saved = process.env.DATLEDGER_RULES;
  afterEach(() => {
    if (saved === undefined) delete process.env.DATLEDGER_RULES;
    else process.env.DATLEDGER_RULES = saved;
  });

  it('is read by defaultRulebook', () => {
    delete process.env.DATLEDGER_RULES;
    expect(defaultRulebook().companyByAlias.has('nordwind mining')).toBe(false);
    process.env.DATLEDGER_RULES = folder({ 'companies.yaml': NORDWIND });
    expect(defaultRulebook().companyByAlias.get('nordwind mining')?.name).toBe('Nordwind Mining AG');
  });

  it('reaches worker threads (the pool runs dist/: build first)', async () => {
    process.env.DATLEDGER_RULES = folder({ 'companies.yaml': NORDWIND });
    const articles = join(work, 'articles');
    mkdirSync(articles);
    writeFileSync(
      join(articles, 'a.txt'),
      'Nordwind Mining sold 120 BTC on March 3, 2026 to pay for new machines, the company said.',
    );
    writeFileSync(
      join(articles, 'b.txt'),
      'Nordwind bought 35 BTC on March 12, 2026, the company said in a statement.',
    );
    const repository = new Repository(openDatabase(join(work, 'pool.db')));
    try {
      const pipeline = new Pipeline(repository, defaultRulebook());
      const summary = await pipeline.ingestPathsAsync([articles], { workers: 1, threshold: 1 });
      expect(pipeline.lastRun).toMatchObject({ mode: 'pool', fallbacks: 0 });
      expect(summary.mentions).toBeGreaterThanOrEqual(1);
      expect(new Set(repository.allMentions().map((mention) => mention.company))).toEqual(
        new Set(['Nordwind Mining AG']),
      );
    } finally {
      repository.db.close();
    }
  });
});
