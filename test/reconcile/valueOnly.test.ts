import { describe, expect, it } from 'vitest';
import { readFigures, UNREAD_FIGURES } from '../../src/extract/figures.js';
import { normalizeMention, type DocumentFacts } from '../../src/normalize/index.js';
import { reconcile } from '../../src/reconcile/index.js';
import { defaultRulebook } from '../../src/rulebook/compile.js';
import type { Article } from '../../src/schema/document.js';
import type { Mention, TransactionMention } from '../../src/schema/mention.js';
import { about, report } from './reports.js';

// Value-only reports state what was paid or received, not how many coins (issue 16).

const article: Article = {
  source: 'value-only.txt',
  contentHash: 'ab'.repeat(32),
  title: null,
  siteName: null,
  canonicalUrl: null,
  published: '2026-02-09',
  publishedSource: 'option',
  observedAt: null,
  text: '',
  lines: [],
};
const facts: DocumentFacts = {
  origin: 'ab'.repeat(8),
  sourceRank: 1,
  reference: { date: '2026-02-09', basis: 'published' },
  numericOrder: null,
};

function extracted(
  quantityText: string | null,
  totalText: string | null,
  unitPriceText: string | null = null,
): Mention {
  const sentence = `Cango sold ${quantityText ?? ''} ${totalText ?? ''} of bitcoin.`;
  const mention: Mention = {
    ordinal: 0,
    zone: 'body',
    sentence,
    sentenceStart: 0,
    action: 'sell',
    company: 'Cango',
    ticker: null,
    asset: 'BTC',
    quantityText,
    unitPriceText,
    totalText,
    holdingsBeforeText: null,
    holdingsAfterText: null,
    figures: UNREAD_FIGURES,
    purposes: [],
    dateTexts: [],
    contextYear: null,
    status: 'reported',
    provenance: {},
    rules: ['test.hand-made'],
  };
  // As extraction hands it over: its figures read from its texts.
  return { ...mention, figures: readFigures(mention, defaultRulebook(), false) };
}

describe('normalizing a value-only report', () => {
  const rulebook = defaultRulebook();
  const normalize = (mention: Mention) => normalizeMention(mention, article, facts, rulebook);

  it.each([
    // quantity text, total text, quantity, total in USD, other currency
    ['4,451 BTC', '$305 million', 4451, 305e6, null],
    [null, 'about US$40 million', null, 40e6, null],
    [null, '$250 million', null, 250e6, null],
    [null, '¥10.5 billion', null, null, { currency: 'JPY', amount: 10.5e9 }],
  ] as const)('%j for %j -> quantity %j, total %j', (quantityText, totalText, quantity, totalUsd, other) => {
    const mention = normalize(extracted(quantityText, totalText))!;
    expect(mention).not.toBeNull();
    expect(mention.quantity?.value ?? null).toBe(quantity);
    expect(mention.totalUsd?.value ?? null).toBe(totalUsd);
    expect(mention.otherCurrencyTotal).toEqual(other);
    expect(mention.company).toBe('Cango Inc.');
  });

  it.each([
    ['no count and no total', null, null],
    ['no count and a total that does not parse', null, 'an undisclosed sum'],
    ['a count that does not parse', 'some', '$250 million'],
  ])('drops a report with %s', (_, quantityText, totalText) =>
    expect(normalize(extracted(quantityText, totalText))).toBeNull(),
  );

  it("keeps the value's hedge and is a little less sure than a counted report", () => {
    const valueOnly = normalize(extracted(null, 'about US$40 million'))!;
    expect(valueOnly.totalUsd).toEqual({ value: 40e6, low: 36e6, high: 44e6, approx: true });
    expect(valueOnly.confidence).toBeLessThan(normalize(extracted('600 BTC', 'about US$40 million'))!.confidence);
  });

  it('checks quantity x price ~ total only when there is a quantity', () => {
    const valueOnly = normalize(extracted(null, '$250 million', '$100'))!;
    expect(valueOnly.rules).not.toContain('check.quantity-times-price-mismatch');
    expect(valueOnly.totalUsd?.value).toBe(250e6);
    expect(normalize(extracted('10 BTC', '$250 million', '$100'))!.rules).toContain(
      'check.quantity-times-price-mismatch',
    );
  });
});

const summary = (mentions: TransactionMention[]) =>
  reconcile(mentions)
    .map((event) => `${event.quantity ?? '-'} ${event.totalUsd ?? '-'} ${event.mentionKeys.length}`)
    .sort();

describe('reconciling value-only reports', () => {
  it.each([
    [
      'two reports of one sale are one event',
      [
        report({ source: 'a.txt', totalUsd: 250e6, date: '2026-01', dateEnd: '2026-03' }),
        report({ source: 'b.txt', totalUsd: about(250e6), date: '2026-03-28' }),
      ],
      ['- 250000000 2'],
    ],
    [
      'a value-only report joins the counted report of its sale',
      [
        report({ source: 'a.txt', quantity: 4451, totalUsd: 305e6 }),
        report({ source: 'b.txt', totalUsd: 305e6, date: '2026-02-09' }),
      ],
      ['4451 305000000 2'],
    ],
    [
      'rounded values are one value: $305 million and about $300 million',
      [
        report({ source: 'a.txt', quantity: 4451, totalUsd: 305e6 }),
        report({ source: 'b.txt', totalUsd: about(300e6) }),
      ],
      ['4451 305000000 2'],
    ],
    [
      'very different totals on different dates are two sales',
      [
        report({ source: 'a.txt', totalUsd: 250e6, date: '2026-02-01' }),
        report({ source: 'b.txt', totalUsd: 40e6, date: '2026-05-10' }),
      ],
      ['- 250000000 1', '- 40000000 1'],
    ],
    [
      'very different totals on one day are two sales',
      [report({ source: 'a.txt', totalUsd: 250e6 }), report({ source: 'b.txt', totalUsd: 40e6 })],
      ['- 250000000 1', '- 40000000 1'],
    ],
    [
      'one total a month apart is two sales',
      [
        report({ source: 'a.txt', totalUsd: 250e6, date: '2026-02-01' }),
        report({ source: 'b.txt', totalUsd: 250e6, date: '2026-03-15' }),
      ],
      ['- 250000000 1', '- 250000000 1'],
    ],
    [
      'a value-only report whose total is not the counted one stays apart',
      [report({ source: 'a.txt', quantity: 4451, totalUsd: 305e6 }), report({ source: 'b.txt', totalUsd: 250e6 })],
      ['- 250000000 1', '4451 305000000 1'],
    ],
    [
      'a counted report without a total gives a value-only one nothing to match',
      [report({ source: 'a.txt', quantity: 4451 }), report({ source: 'b.txt', totalUsd: 305e6 })],
      ['- 305000000 1', '4451 - 1'],
    ],
    [
      'another company, asset or action is another block',
      [
        report({ source: 'a.txt', totalUsd: 250e6 }),
        report({ source: 'b.txt', totalUsd: 250e6, action: 'buy' }),
        report({ source: 'c.txt', totalUsd: 250e6, asset: 'ETH' }),
      ],
      ['- 250000000 1', '- 250000000 1', '- 250000000 1'],
    ],
    [
      'values in another currency compare with their own currency',
      [
        report({ source: 'a.txt', otherCurrencyTotal: { currency: 'JPY', amount: 10.5e9 } }),
        report({ source: 'b.txt', otherCurrencyTotal: { currency: 'JPY', amount: 10.5e9 } }),
        report({ source: 'c.txt', otherCurrencyTotal: { currency: 'HKD', amount: 10.5e9 } }),
      ],
      ['- - 1', '- - 2'],
    ],
  ])('%s', (_, mentions, expected) => expect(summary(mentions)).toEqual(expected));

  it('keeps the count from the reports that state one; the value-only report backs the total', () => {
    const counted = report({
      source: 'a.txt',
      quantity: 4451,
      totalUsd: about(305e6),
      holdingsBefore: 8095,
      holdingsAfter: 3644,
    });
    const valueOnly = report({ source: 'b.txt', totalUsd: 305e6 });
    const [event] = reconcile([valueOnly, counted]);
    expect([event.quantity, event.quantityLow, event.quantityHigh]).toEqual([4451, 4451, 4451]);
    expect(event.fields.quantity.state).toBe('agreed');
    expect(event.fields.quantity.candidates.flatMap((candidate) => candidate.mentionKeys)).toEqual([counted.key]);
    expect(event.totalUsd).toBe(305e6);
    expect(event.fields.total_usd.state).toBe('settled');
    expect(event.fields.total_usd.candidates.flatMap((candidate) => candidate.mentionKeys).sort()).toEqual(
      [counted.key, valueOnly.key].sort(),
    );
    expect(event.holdingsAfter).toBe(3644);
    expect(event.fields.holdings_after.reason).toContain('8,095 - 4,451 = 3,644');
    expect(event.reviewState).toBe('auto');
  });

  it('an event of value-only reports has no quantity and skips the identities that need one', () => {
    const [event] = reconcile([
      report({ source: 'a.txt', totalUsd: 250e6, holdingsBefore: 8095 }),
      report({ source: 'b.txt', totalUsd: 250e6, holdingsAfter: 3644 }),
    ]);
    expect([event.quantity, event.quantityLow, event.quantityHigh]).toEqual([null, null, null]);
    expect(event.fields.quantity).toMatchObject({ value: null, state: 'agreed', candidates: [] });
    expect(event.fields.quantity.reason).toMatch(/^not stated/);
    expect([event.holdingsBefore, event.holdingsAfter, event.fields.holdings_after.reason]).toEqual([
      8095,
      3644,
      'stated exactly by 1 source',
    ]);
    expect(event.sourceCount).toBe(2);
  });

  it('does not depend on the order reports arrive in', () => {
    const mentions = [
      report({ source: 'a.txt', quantity: 4451, totalUsd: 305e6 }),
      report({ source: 'b.txt', totalUsd: 305e6, date: '2026-02-09' }),
      report({ source: 'c.txt', totalUsd: about(303e6), date: null }),
      report({ source: 'd.txt', quantity: 4451, date: '2026-02-08' }),
      report({ source: 'e.txt', totalUsd: 40e6, date: '2026-05-10' }),
      report({ source: 'f.txt', totalUsd: about(41e6), date: '2026-05-12' }),
      report({ source: 'g.txt', otherCurrencyTotal: { currency: 'JPY', amount: 10.5e9 } }),
      report({ source: 'h.txt', totalUsd: 250e6, date: '2026-08-01', action: 'buy' }),
    ];
    const canonical = (list: TransactionMention[]) =>
      JSON.stringify(reconcile(list).sort((a, b) => (a.id < b.id ? -1 : 1)));
    const expected = canonical(mentions);
    let seed = 11;
    for (let round = 0; round < 12; round++) {
      const shuffled = [...mentions].sort(() => ((seed = (seed * 16807) % 2147483647) % 3) - 1);
      expect(canonical(shuffled)).toBe(expected);
    }
  });
});
