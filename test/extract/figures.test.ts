import { describe, expect, it } from 'vitest';
import { cleanDocument } from '../../src/clean/index.js';
import { extractMentions } from '../../src/extract/document.js';
import { defaultRulebook } from '../../src/rulebook/compile.js';
import { rawDocument } from '../helpers/article.js';

/** What extraction hands normalize for a text written for the test. */
function mentionsOf(text: string) {
  const rulebook = defaultRulebook();
  const article = cleanDocument(
    rawDocument(text, { published: '2026-03-16' }),
    rulebook.files.assets.map((asset) => asset.symbol),
  );
  return extractMentions(article, rulebook);
}

// Extraction hands normalize values, read once with the one number grammar (src/extract/figures.ts).
describe('figures read by extraction', () => {
  it('reads the count, the price, the total and the holdings of a mention as values', () => {
    const [mention] = mentionsOf(
      'Kestrel Labs Inc. bought about 1,200 BTC for $81.6 million at $68,000 per coin on March 3, taking its holdings to 9,870 BTC.',
    );
    expect(mention.figures).toEqual({
      quantity: { value: 1200, low: 1080, high: 1320, approx: true },
      unitPrice: { currency: 'USD', amount: { value: 68000, low: 68000, high: 68000, approx: false } },
      // a rounded figure stands for its last digit's half step either side
      total: { currency: 'USD', amount: { value: 81_600_000, low: 81_550_000, high: 81_650_000, approx: true } },
      holdingsBefore: null,
      holdingsAfter: { value: 9870, low: 9870, high: 9870, approx: false },
    });
  });

  it('reads a page in the European convention as such ("78.815 BTC" is 78,815)', () => {
    const text =
      'Kestrel Labs AG kaufte 1.234 BTC für 4,5 Millionen EUR. Kestrel Labs AG bought 1.250 BTC for EUR 4,6 million, taking its holdings to 78.815 BTC.';
    const mention = mentionsOf(text).find((candidate) => candidate.figures.holdingsAfter !== null);
    expect(mention?.figures.quantity?.value).toBe(1250);
    expect(mention?.figures.holdingsAfter?.value).toBe(78815);
  });

  it('keeps a value-only report without a count', () => {
    const [mention] = mentionsOf('Kestrel Labs Inc. sold $250 million worth of bitcoin in the quarter.');
    expect(mention.figures.quantity).toBeNull();
    expect(mention.figures.total?.amount.value).toBe(250_000_000);
  });
});
