import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { tagSentence } from '../../src/extract/chunks.js';
import { loadCompanies, NameCheck } from '../../src/rulebook/companies.js';
import { compileRulebook, defaultRulebook } from '../../src/rulebook/compile.js';
import { DEFAULT_RULES_DIR, loadRuleFile, loadRuleFiles, RuleFileError } from '../../src/rulebook/load.js';
import { lookupKey } from '../../src/rulebook/regex.js';
import { NotANameFile } from '../../src/schema/rules.js';

const rulebook = defaultRulebook();
const notAName = loadRuleFile(DEFAULT_RULES_DIR, 'not_a_name.yaml', NotANameFile);
const SUFFIXES = ['Inc.', 'Corp.', 'Ltd.', ', Inc.'];
const withSuffix = (name: string, suffix: string) =>
  `${name}${suffix.startsWith(',') ? '' : ' '}${suffix} sold 100 BTC.`;
const companiesIn = (sentence: string) =>
  tagSentence(sentence, rulebook)
    .chunks.filter((chunk) => chunk.type === 'C')
    .map((chunk) => chunk.company);

const work = mkdtempSync(join(tmpdir(), 'datledger-companies-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let folders = 0;
/** A folder holding one companies.yaml with this text. */
function companiesFolder(yaml: string): string {
  const dir = join(work, `rules-${folders++}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'companies.yaml'), yaml);
  return dir;
}

describe('no "<Name> Inc." is taken for another company', () => {
  it('holds for every name, alias and former name in the lexicon', () => {
    const suffixWords = new Set(notAName.legal_suffixes.map(lookupKey));
    const wrong: string[] = [];
    let sentences = 0;
    for (const company of rulebook.files.companies) {
      // The canonical name without its legal suffix ("MARA Holdings, Inc." -> "MARA"), then every other name.
      const words = company.name.split(' ');
      while (words.length > 1 && suffixWords.has(lookupKey(words.at(-1)!).replace(/,$/, ''))) words.pop();
      const base = words.join(' ').replace(/,$/, '');
      for (const name of [base, ...company.aliases, ...company.former_names, ...company.exact_case_aliases]) {
        for (const suffix of SUFFIXES) {
          const sentence = withSuffix(name, suffix);
          sentences++;
          const others = companiesIn(sentence).filter((found) => found !== company.name);
          if (others.length > 0) wrong.push(`${sentence} -> ${others.join(', ')}`);
        }
      }
    }
    expect(sentences).toBeGreaterThan(600);
    expect(wrong).toEqual([]);
  });

  it('holds for names the lexicon does not know: no company at all', () => {
    const word = fc.oneof(
      fc.stringMatching(/^[A-Z][a-z]{2,9}$/),
      fc.constantFrom(
        'Nordwind',
        'Digital',
        'Mining',
        'Capital',
        'Bitcoin',
        'Treasury',
        'Holdings',
        'Group',
        'Global',
        'North',
        'Blue',
        'Harbor',
        'Square',
        'Block',
        'Strategy',
        'Technologies',
        'The',
      ),
    );
    const name = fc.array(word, { minLength: 1, maxLength: 3 }).map((words) => words.join(' '));
    fc.assert(
      fc.property(name, fc.constantFrom(...SUFFIXES), (unknown, suffix) => {
        // Only names the lexicon does not know, alone or with the suffix ("Square Inc." is Block's former name).
        fc.pre(companiesIn(`${unknown} sold 100 BTC.`).length === 0);
        fc.pre(!rulebook.companyByAlias.has(lookupKey(`${unknown}${suffix.startsWith(',') ? '' : ' '}${suffix}`)));
        expect(companiesIn(withSuffix(unknown, suffix))).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps exact-case aliases: "Strategy" and "Block" capitalised, not the ordinary words', () => {
    expect(companiesIn('Strategy bought 100 BTC.')).toEqual(['Strategy Inc.']);
    expect(companiesIn('Block sold 100 BTC.')).toEqual(['Block, Inc.']);
    expect(companiesIn('Square Inc. sold 100 BTC.')).toEqual(['Block, Inc.']);
    expect(companiesIn('Square, Inc. sold 100 BTC.')).toEqual(['Block, Inc.']);
    expect(companiesIn('Its strategy is to buy a block of 100 BTC for a square deal.')).toEqual([]);
    expect(companiesIn('Riot Platforms Inc. sold 100 BTC.')).toEqual(['Riot Platforms, Inc.']);
  });
});

describe('the companies loader refuses names that would match ordinary text', () => {
  it('an alias "Inc." stops the load with its file and line', () => {
    const dir = companiesFolder(
      [
        '- name: Nordwind Mining AG',
        '  aliases: [Nordwind Mining, Inc.]',
        '  tickers: [{symbol: NWM, exchange: XETRA}]',
        '',
      ].join('\n'),
    );
    let error: unknown;
    try {
      loadCompanies(dir, null, notAName);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(RuleFileError);
    expect((error as RuleFileError).line).toBe(2);
    expect((error as RuleFileError).message).toBe(
      `${join(dir, 'companies.yaml')}:2: aliases "Inc." is only a legal suffix (rules/not_a_name.yaml: legal_suffixes); in a YAML list, quote a name that holds a comma: ["Square, Inc."]`,
    );
  });

  it('the same name quoted is one name, and loads', () => {
    const dir = companiesFolder(
      [
        '- name: Nordwind Mining AG',
        '  former_names: ["Nordwind Mining, Inc."]',
        '  tickers: [{symbol: NWM, exchange: XETRA}]',
        '',
      ].join('\n'),
    );
    expect(loadCompanies(dir, null, notAName)[0].former_names).toEqual(['Nordwind Mining, Inc.']);
  });

  it.each([
    ['former_names: [Holdings, Inc.]', /:2: former_names "Holdings" is only a legal suffix/],
    ['aliases: ["Holdings, Inc."]', /:2: aliases "Holdings, Inc." is only a legal suffix/],
    ['aliases: [The Group]', /:2: aliases "The Group" is only a legal suffix/],
    ['aliases: [S.A.]', /:2: aliases "S.A." is only a legal suffix/],
    ['exact_case_aliases: [Ltd.]', /:2: exact_case_aliases "Ltd." is only a legal suffix/],
    ['aliases: [Bitcoin]', /:2: aliases "Bitcoin" is a common word .* exact_case_aliases/],
    ['former_names: [square]', /:2: former_names "square" is a common word/],
    ['exact_case_aliases: [block]', /:2: exact_case_aliases "block" is a common word .* must be capitalised/],
  ])('%s is refused', (line, message) => {
    const dir = companiesFolder(
      ['- name: Nordwind Mining AG', `  ${line}`, '  tickers: [{symbol: NWM, exchange: XETRA}]', ''].join('\n'),
    );
    expect(() => loadCompanies(dir, null, notAName)).toThrow(message);
  });

  it('a name that is a legal suffix is refused too', () => {
    const dir = companiesFolder(
      [
        '- name: Nordwind Mining AG',
        '  tickers: [{symbol: NWM, exchange: XETRA}]',
        '- name: Corporation',
        '  tickers: [{symbol: CRP, exchange: XETRA}]',
        '',
      ].join('\n'),
    );
    expect(() => loadCompanies(dir, null, notAName)).toThrow(
      /companies\.yaml:3: name "Corporation" is only a legal suffix/,
    );
  });

  it('accepts capitalised exact-case aliases and names that only contain a common word or a suffix', () => {
    const check = new NameCheck(notAName);
    expect(check.problem('Strategy', true)).toBeNull();
    expect(check.problem('Block Inc', false)).toBeNull();
    expect(check.problem('Solana Company', false)).toBeNull();
    expect(check.problem('Strategy', false)).toMatch(/common word/);
  });

  it('an alias two companies claim stops the load, naming both places', () => {
    const dir = companiesFolder(
      [
        '- name: Nordwind Mining AG',
        '  aliases: [Nordwind]',
        '  tickers: [{symbol: NWM, exchange: XETRA}]',
        '- name: Nordwind Energy Ltd.',
        '  aliases: [Nordwind]',
        '  tickers: [{symbol: NWE, exchange: LSE}]',
        '',
      ].join('\n'),
    );
    const file = join(dir, 'companies.yaml');
    expect(() => loadCompanies(dir, null, notAName)).toThrow(
      `${file}:5: aliases "Nordwind" of Nordwind Energy Ltd. is already a name of Nordwind Mining AG (${file}:2)`,
    );
  });

  it('the project rules load whole, and compile', () => {
    const files = loadRuleFiles();
    expect(files.companies.length).toBeGreaterThanOrEqual(56);
    expect(compileRulebook(files).companyByAlias.get('square inc.')?.name).toBe('Block, Inc.');
    expect(files.companies.find((company) => company.name === 'Block, Inc.')?.former_names).toEqual([
      'Square, Inc.',
      'Square Inc.',
    ]);
  });
});
