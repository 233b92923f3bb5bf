import { describe, expect, it } from 'vitest';
import { mentionsOf } from '../helpers/article.js';

// Field resolution (src/extract/fields, src/normalize): table rows of [text, published, expected].
describe('money', () => {
  const rows: [string, Record<string, unknown>][] = [
    [
      'Kestrel Labs Inc. bought 108 BTC for 1 billion yen ($6.7 million) on March 3.',
      { totalUsd: { value: 6_700_000 } },
    ],
    [
      'Kestrel Labs Inc. bought 624 BTC for roughly €60.2 million ($69 million) on March 3.',
      { totalUsd: { value: 69_000_000 } },
    ],
    [
      'Kestrel Labs Inc. bought 624 BTC for roughly €60.2 million on March 3.',
      { totalUsd: null, otherCurrencyTotal: { currency: 'EUR', amount: 60_200_000 } },
    ],
  ];
  it.each(rows)('%s', (text, expected) => expect(mentionsOf(text)[0]).toMatchObject(expected));

  it('takes the price a later sentence gives, but not a holdings-wide average', () => {
    const [mention] = mentionsOf(
      'Kestrel Labs Inc. bought 9,000 SOL on March 3.\nThe company paid an average of $151.20 for each SOL token.',
    );
    expect(mention.unitPriceUsd?.value).toBe(151.2);
    const [other] = mentionsOf(
      'Kestrel Labs Inc. bought 9,000 SOL on March 3.\nIts average cost across everything it holds is $131.50 per token.',
    );
    expect(other.unitPriceUsd).toBeNull();
  });
});

describe('value-only transactions', () => {
  it('keeps a sale stated only by its value, with the quantity empty and the total set', () => {
    const [mention] = mentionsOf(
      'Kestrel Labs Inc. sold $250 million worth of bitcoin in the fourth quarter.',
      '2026-02-16',
    );
    expect(mention).toMatchObject({ action: 'sell', asset: 'BTC', quantity: null, totalUsd: { value: 250_000_000 } });
  });

  it('does not take money raised to buy coins for a purchase', () => {
    expect(mentionsOf('Kestrel Labs Inc. raised $250 million to buy bitcoin.')).toEqual([]);
  });
});

describe('dates', () => {
  // text, published, date
  const rows: [string, string | null, string | null][] = [
    // Undated on a dated page: the page's day (news of it is published the day it is announced).
    ['Kestrel Labs Inc. has bought 624 BTC, it said.', '2025-06-03', '2025-06-03'],
    // A date in a relative clause on another noun is that clause's, not the sale's.
    [
      'Kestrel Labs Inc. sold 970 BTC to redeem half of the convertible debt it took on in July.',
      '2025-11-04',
      '2025-11-04',
    ],
    // ... but a relative clause on the figure itself dates the figure.
    ['Kestrel Labs Inc. sold all 520 BTC it mined in January.', '2026-02-16', '2026-01'],
    // Of two dates of one kind, the one nearer the verb.
    [
      'Kestrel Labs Inc. began selling in May and accelerated in June, when it sold 7,000 bitcoin.',
      '2022-07-13',
      '2022-06',
    ],
    // No publication date and no year anywhere: no date at all.
    ['Kestrel Labs Inc. bought 379 BTC on April 8.', null, null],
  ];
  it.each(rows)('%s (published %s)', (text, published, date) => {
    const mentions = mentionsOf(text, published);
    const mention = mentions.find((candidate) => candidate.action !== 'mine') ?? mentions[0];
    expect(mention.date).toBe(date);
  });
});

describe('holdings', () => {
  // text, then the holdings after of each transaction in the order told
  const rows: [string, (number | null)[]][] = [
    // coordinated, same way: the total after both
    [
      'Over 2025, Kestrel Labs Inc. acquired 2,065 BTC at an average price of $87,205 and mined a further 457 BTC, taking its total bitcoin holdings to 4,893 BTC.',
      [4893, 4893],
    ],
    // a mining then a sale: the total is after the sale only
    [
      'Kestrel Labs Inc. said it mined 140.2 BTC and sold 120 BTC in the week, leaving net holdings at 1,904 BTC.',
      [null, 1904],
    ],
    // a clause of its own: the first sale is not told with the total
    [
      'Kestrel Labs Inc. sold 900 ETH on May 4 out of its 9,100 ETH stash, and in a June filing it said it had sold a further 700 ETH, leaving it with 7,500 ETH.',
      [null, 7500],
    ],
    // lent coins are part of the holdings, not all of them
    ['Kestrel Labs Inc. mined 212 BTC in May and says it has 1,900 BTC out on loan.', [null]],
    ['Kestrel Labs Inc. bought 40.5 BTC for $4 million.\nCoins held after the purchase | 1,204.5 BTC', [1204.5]],
    ['Kestrel Labs Inc. mined 212 BTC in May. Its balance sheet shows 3,410 unrestricted BTC.', [3410]],
    // "these acquisitions": the whole just told, its largest figure, not the last tranche
    // a subjectless bullet of the company's own update
    [
      'Halvard Labs Inc. released its unaudited June update.\n• Sold 150 BTC at an average price of $64,000\n• Held 1,204 BTC as of June 30, 2025',
      [1204],
    ],
    [
      'Halvard Labs Inc. bought 620 BTC for $69 million on June 2. It paid for 80 BTC acquired with new equity and 540 BTC acquired with convertible bonds. Following these acquisitions the company holds 1,470 BTC in total.',
      [1470, null, null],
    ],
  ];
  it.each(rows)('%s', (text, after) =>
    expect(mentionsOf(text).map((mention) => mention.holdingsAfter?.value ?? null)).toEqual(after),
  );
});
