import { describe, expect, it } from 'vitest';
import { mentionsOf } from '../helpers/article.js';

// Page-level reading: what one sentence says about a transaction another sentence told.
// Texts are written for these tests.
describe('a value-only report on a page that tells the coins', () => {
  it('is the same purchase told by its value, not a second one', () => {
    const mentions = mentionsOf(
      'Kestrel Labs Inc. bought 107.9 BTC this week. In its filing, Kestrel Labs said it bought 1 billion yen of bitcoin at an average of $64,100 per coin. The purchase brings its total holdings to 506.7 BTC.',
    );
    expect(mentions).toHaveLength(1);
    expect(mentions[0]).toMatchObject({
      action: 'buy',
      quantity: { value: 107.9 },
      unitPriceUsd: { value: 64100 },
      holdingsAfter: { value: 506.7 },
    });
    expect(mentions[0].otherCurrencyTotal).toEqual({ currency: 'JPY', amount: 1_000_000_000 });
    expect(mentions[0].rules).toContain('fold.value-only-into-coins');
  });

  it('stays its own transaction when the page tells two coin reports, or a different date', () => {
    const two = mentionsOf(
      'Kestrel Labs Inc. bought 100 BTC on March 2. It bought 50 BTC on March 9. Kestrel Labs also bought $20 million worth of bitcoin on March 16.',
    );
    expect(two.map((mention) => mention.quantity?.value ?? `$${mention.totalUsd?.value}`)).toEqual([
      100,
      50,
      '$20000000',
    ]);
    const dated = mentionsOf(
      'Kestrel Labs Inc. sold 300 BTC on March 2. On April 9, Kestrel Labs sold $20 million worth of bitcoin.',
    );
    expect(dated).toHaveLength(2);
    // Another sum in the same currency is another sale, even with no date to tell them apart.
    const sums = mentionsOf(
      'Kestrel Labs Inc. sold 12,100 ETH for $38.2 million. Kestrel Labs had offloaded $15 million worth of ETH earlier in the quarter.',
    );
    expect(sums.map((mention) => mention.totalUsd?.value)).toEqual([38_200_000, 15_000_000]);
  });
});

describe('holdings in a sentence that names two companies', () => {
  it('belong to the company named last before them', () => {
    const [mention] = mentionsOf(
      'Kestrel Labs Inc. bought 107.9 BTC on Monday. Kestrel Labs now joins large holders like Strategy (holding 252,220 BTC).',
    );
    expect(mention.holdingsAfter).toBeNull();
  });
});

describe('a day after a month name', () => {
  it('is a day, not the first member of a list of figures', () => {
    const mentions = mentionsOf('Kestrel Labs Inc. bought 100 BTC on March 2 and 50 BTC on March 9.');
    // Published 2026-02-16 (the helper's date): March is last year's.
    expect(mentions.map((mention) => [mention.quantity?.value, mention.date])).toEqual([
      [100, '2025-03-02'],
      [50, '2025-03-09'],
    ]);
  });
});

describe('a date in a relative clause before the transaction', () => {
  it('dates that clause, not the purchase', () => {
    const [mention] = mentionsOf(
      'Kestrel Labs Inc., which began buying bitcoin as a reserve in 2021, holds 52,300 BTC after its latest acquisition of 2,150 BTC for $141 million.',
    );
    expect(mention).toMatchObject({ quantity: { value: 2150 }, totalUsd: { value: 141_000_000 } });
    expect(mention.date).not.toBe('2021');
  });
});

describe('coins or tokens a sentence does not name', () => {
  it('are the one asset the sentence names, not the asset the page names most', () => {
    const text =
      'Bitcoin slid 3% on Thursday as bitcoin miners sold. Bitcoin treasuries were quiet. Kestrel Labs Inc., which keeps ether in its treasury, sold roughly $12 million of its tokens last week.';
    const [mention] = mentionsOf(text);
    expect(mention).toMatchObject({ action: 'sell', asset: 'ETH', quantity: null, totalUsd: { value: 12_000_000 } });
  });
});

describe('a person as the subject', () => {
  it('is no company: an individual named by a first name does not become one', () => {
    const mentions = mentionsOf(
      'Kestrel Labs Inc. bought 6,911 BTC last week. Earlier, Jonathan Pryce was criticised for making a small purchase of 130 BTC.',
    );
    expect(mentions.map((mention) => [mention.company, mention.quantity?.value])).toEqual([
      ['Kestrel Labs Inc.', 6911],
    ]);
  });
});

describe('a wallet the page disowns', () => {
  const moved =
    'On-chain analytics site Arkham flagged a wallet tied to Kestrel Labs Inc. that deposited 4,300 ETH to an exchange on Friday.';
  it('takes back the movements observers inferred for that company', () => {
    expect(mentionsOf(moved)).toHaveLength(1);
    expect(
      mentionsOf(
        `${moved} Kestrel's chief executive said the label was an error and the address is not controlled by the company.`,
      ),
    ).toHaveLength(0);
  });
  it('leaves what the company stated itself', () => {
    const stated =
      "Kestrel Labs Inc. said it sold 1,000 ETH on Monday. An address an analyst tied to Kestrel is not the company's, its chief executive added.";
    expect(mentionsOf(stated).map((mention) => mention.quantity?.value)).toEqual([1000]);
  });
});

describe('a sentence with no date of its own', () => {
  it('goes on with the month its paragraph has just named', () => {
    const [mention] = mentionsOf('Sales picked up in October. Kestrel Mining Inc., which sold 318 BTC, led the group.');
    expect(mention).toMatchObject({ quantity: { value: 318 }, date: '2025-10' });
  });
  it('but not a build-up over a span, nor across paragraphs', () => {
    const [built] = mentionsOf(
      'Kestrel raised new money in August 2025. By its high point, Kestrel Labs Inc. had accumulated about 61,000 ETH.',
    );
    expect(built.date).not.toBe('2025-08');
    const [apart] = mentionsOf('Sales picked up in October.\n\nKestrel Mining Inc. sold 318 BTC, the company said.');
    expect(apart.date).toBe('2026-02-16');
  });
});

describe('"the foundation" on a page that names one', () => {
  it('is that organisation, not the company named last', () => {
    const text =
      'The Kestrel Foundation sold 3,500 ETH to Nordwind Mining AG last month. Later the foundation moved 20,000 ETH to a staking contract.';
    const moved = mentionsOf(text).find((mention) => mention.action === 'transfer');
    expect(moved?.company).toBe('The Kestrel Foundation');
  });
});

describe('the two sides of one OTC trade', () => {
  it('share the price and the sum either side states', () => {
    const text =
      'The Kestrel Foundation is disposing of 8,000 ETH off-exchange. It signed an OTC agreement for 8,000 ETH with Nordwind Mining AG. The value of this deal was $24 million, at an average selling price of $3,000.';
    const legs = mentionsOf(text);
    expect(
      legs
        .map((mention) => [mention.company, mention.action, mention.unitPriceUsd?.value, mention.totalUsd?.value])
        .sort(),
    ).toEqual([
      ['Nordwind Mining AG', 'buy', 3000, 24_000_000],
      ['The Kestrel Foundation', 'sell', 3000, 24_000_000],
    ]);
  });
});
