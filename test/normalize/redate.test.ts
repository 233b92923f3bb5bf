import { describe, expect, it } from 'vitest';
import { analyzeDocument } from '../../src/analyze.js';
import { numericOrderOf } from '../../src/normalize/dates.js';
import { redateMention } from '../../src/normalize/redate.js';
import { defaultRulebook } from '../../src/rulebook/compile.js';
import { rawDocument } from '../helpers/article.js';

/** A stored mention read again against a corrected publication date equals one read against it from the start. */
const rulebook = defaultRulebook();
const analyzed = (text: string, published: string | null) =>
  analyzeDocument(rawDocument(text, { published }), rulebook);

const TEXTS: [string, string][] = [
  [
    'a weekday',
    'Northwind sells\n\nRiot Platforms sold 1,100 BTC on Monday to fund its data center expansion, the company said.',
  ],
  [
    'a weekend',
    'Cango trims\n\nCango Inc. sold 4,451 BTC over the weekend to repay a loan, the company said in a statement.',
  ],
  [
    "no date phrase: the page's own day",
    'Strategy adds\n\nStrategy Inc. bought 1,142 BTC for about $90 million, the company said in a filing.',
  ],
  [
    'a month without its year and a said-on day',
    'Miner update\n\nCleanSpark sold 159 BTC in January to support operations, the company said on Tuesday.',
  ],
];

describe('redateMention', () => {
  for (const [name, text] of TEXTS) {
    it(`${name}: the same mention as an ingest with that date`, () => {
      const before = analyzed(text, null);
      const after = analyzed(text, '2026-03-04');
      expect(before.mentions.length).toBeGreaterThan(0);
      const order = numericOrderOf(before.article.text);
      expect(before.mentions.map((mention) => redateMention(mention, '2026-03-04', order))).toEqual(after.mentions);
      // And back: a date corrected twice is the last one's.
      expect(after.mentions.map((mention) => redateMention(mention, '2026-02-16', order))).toEqual(
        analyzed(text, '2026-02-16').mentions,
      );
    });
  }

  it('re-reads mentions stored before their date phrases were kept, from their date evidence', () => {
    const [, text] = TEXTS[0];
    const old = analyzed(text, '2025-06-01').mentions.map(({ dateTexts: _texts, contextYear: _year, ...rest }) => rest);
    const redated = old.map((mention) => redateMention(mention, '2026-03-04', null));
    expect(redated.map((mention) => [mention.published, mention.date, mention.dateKind])).toEqual([
      ['2026-03-04', '2026-03-02', 'executed'],
    ]);
  });
});
