/** Which date a transaction gets, read in its sentence and the sentences before. Texts written for the test. */
import { describe, expect, it } from 'vitest';
import { resolveDatePhrase } from '../../src/normalize/dates.js';
import { mentionsOf } from '../helpers/article.js';

const bodyMention = (text: string, published: string) =>
  mentionsOf(text, published).find((mention) => mention.zone === 'body')!;

describe('dates of transactions', () => {
  it('a quarter without a year is the latest such quarter begun by the publication date', () => {
    expect(resolveDatePhrase('fourth quarter', { date: '2026-02-13', basis: 'published' })).toMatchObject({
      date: '2025-10',
      dateEnd: '2025-12',
    });
    expect(resolveDatePhrase('Q1', { date: '2026-05-02', basis: 'published' })).toMatchObject({
      date: '2026-01',
      dateEnd: '2026-03',
    });
    expect(resolveDatePhrase('Q3 2025', { date: '2026-05-02', basis: 'published' })).toMatchObject({
      date: '2025-07',
      dateEnd: '2025-09',
    });
  });

  it('a day a disclosure verb gives after the transaction is when it was told, not done', () => {
    const mention = bodyMention(
      'Coinbase added 839 BTC in the fourth quarter, the exchange operator said in its shareholder letter on Thursday.\n',
      '2026-02-13',
    );
    expect(mention).toMatchObject({ date: '2025-10', dateEnd: '2025-12' });
  });

  it('"during the month" is the month being reported, not the one it is compared with', () => {
    const release = [
      'February 2026 Highlights',
      '',
      'Riot Platforms mined 412 bitcoin in February 2026, compared with 460 bitcoin in January 2026. Output per day was 14.7, versus 14.8 in January.',
      '',
      'The Company sold 380 bitcoin during the month at an average net price of $68,250 per bitcoin.',
    ].join('\n');
    const sale = mentionsOf(release, '2026-03-04').find((mention) => mention.action === 'sell')!;
    expect(sale.date).toBe('2026-02');
  });
});

describe('vague and spanning pasts', () => {
  // text, published, dates of the transactions in the order told
  const rows: [string, string | null, (string | null)[]][] = [
    // "recently" says the page does not know when; it goes on through its paragraph
    [
      'Kestrel Labs Inc. recently sold about $41.5 million of its tokens to pay for a buyback. Nordwind Mining AG offloaded around $40 million of ether for a buyback of its own.',
      '2026-02-16',
      [null, null],
    ],
    // a span of weeks before the page's date is told by its month
    [
      'Nordwind Mining AG turned its ether into SOL over a two-week stretch. The firm picked up 75,224 SOL tokens.',
      '2026-02-20',
      ['2026-02'],
    ],
    ['Nordwind Mining AG picked up 75,224 SOL in the past three weeks.', '2026-02-05', ['2026']],
    // a figure compared with another is no later than it: the December before that January
    [
      'Nordwind Mining AG had a hard start to 2026. In January, Nordwind mined about 496 bitcoin, down from 569 bitcoin in December.',
      '2026-02-16',
      ['2026-01', '2025-12'],
    ],
    [
      'Nordwind Mining AG had a hard start to 2026. In January, Nordwind mined about 496 bitcoin, down from 569 bitcoin in December.',
      null,
      ['2026-01', '2025-12'],
    ],
    // a heading's month is the period its section reports; "up 4% from May" is the period compared with
    [
      'Nordwind Mining AG Announces June 2025 Production Update\nNordwind Mining AG released its unaudited figures on Thursday.\nJune highlights:\n• Mined 212 BTC, up 4% from May\n• Sold 150 BTC at an average price of $64,000',
      '2025-07-03',
      ['2025-06', '2025-06'],
    ],
  ];
  it.each(rows)('%s', (text, published, dates) =>
    expect(mentionsOf(text, published).map((mention) => mention.date)).toEqual(dates),
  );
});
