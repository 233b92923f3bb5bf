import { describe, expect, it } from 'vitest';
import { defaultRulebook } from '../../src/rulebook/compile.js';
import { formatLedgerCompanies, ledgerCompanies } from '../../src/rulebook/ledgerCompanies.js';
import type { CompanyMentions } from '../../src/store/index.js';

const row = (company: string, mentions: number, sentence: string): CompanyMentions => ({
  company,
  mentions,
  exampleKey: `k-${company}`,
  evidence: sentence.split(' ').slice(1, 4).join(' '),
  source: `${company}.txt`,
  textFromSentence: `${sentence} The next sentence.\nAnother line.`,
});

describe('ledgerCompanies', () => {
  const rows = [
    row('Cango Inc.', 5, 'Cango sold 4,451 BTC in February.'),
    row('Nordwind Mining AG', 2, 'Nordwind Mining AG sold 120 BTC on March 3.'),
    row('NORDWIND MINING AG', 1, 'NORDWIND MINING AG BOUGHT 40 BTC.'),
    row('Kestrel Labs', 3, 'Kestrel Labs bought 12 BTC last week.'),
    // A mention stored under an alias (before the lexicon knew it) counts for the canonical company.
    row('Cango', 1, 'Cango mined 50 BTC.'),
  ];

  it('lists the unknown ones, spellings grouped case-insensitively, most mentioned first (then by name), each with its sentence', () => {
    expect(ledgerCompanies(rows, defaultRulebook())).toEqual([
      {
        company: 'Kestrel Labs',
        known: false,
        mentions: 3,
        example: {
          sentence: 'Kestrel Labs bought 12 BTC last week.',
          evidence: 'Labs bought 12',
          source: 'Kestrel Labs.txt',
        },
      },
      {
        company: 'Nordwind Mining AG',
        known: false,
        mentions: 3,
        example: {
          sentence: 'Nordwind Mining AG sold 120 BTC on March 3.',
          evidence: 'Mining AG sold',
          source: 'Nordwind Mining AG.txt',
        },
      },
    ]);
  });

  it('with all, the known ones too, under their canonical name', () => {
    const all = ledgerCompanies(rows, defaultRulebook(), { all: true });
    expect(all.map((company) => [company.company, company.known, company.mentions])).toEqual([
      ['Cango Inc.', true, 6],
      ['Kestrel Labs', false, 3],
      ['Nordwind Mining AG', false, 3],
    ]);
    expect(formatLedgerCompanies(all.slice(0, 1), true)).toBe(
      'mentions  company\n       6  Cango Inc.  (known)\n          e.g. "Cango sold 4,451 BTC in February." (Cango Inc..txt)\n',
    );
  });
});
