import { describe, expect, it } from 'vitest';
import { findPageOrganizations } from '../../src/extract/organizations.js';
import { defaultRulebook } from '../../src/rulebook/compile.js';
import { mentionsOf } from '../helpers/article.js';

// The world is open: a company no lexicon lists is found by its shape and kept under its own name.
// rules/organizations.yaml carries examples and counterexamples; they run here.
const file = defaultRulebook().files.organizations;
const found = (text: string) => [
  ...findPageOrganizations([{ zone: 'body', text }], defaultRulebook()).bySpelling.values(),
];

describe('organisations found by their shape (rules/organizations.yaml)', () => {
  it.each(file.examples.map((example) => [example.text, example]))('%s', (_text, example) => {
    const names = found(example.text);
    expect(names.map((organization) => organization.name)).toContain(example.company);
    if (example.ticker)
      expect(names.find((organization) => organization.name === example.company)?.ticker).toBe(example.ticker);
  });

  it.each(file.counterexamples)('finds no organisation in: %s', (text) => {
    expect(found(text)).toEqual([]);
  });
});

describe('transactions of companies no lexicon lists', () => {
  // text, company, ticker, action, quantity
  const rows: [string, string, string | null, string, number][] = [
    [
      'Nordwind Mining AG, a Frankfurt-listed bitcoin miner, sold 120 BTC on March 3, 2026.',
      'Nordwind Mining AG',
      null,
      'sell',
      120,
    ],
    [
      'Orbital Hash Corp. (NYSE American: ORBB) said it mined 41 BTC in February.',
      'Orbital Hash Corp.',
      'ORBB',
      'mine',
      41,
    ],
    ['Japanese investment firm Tanuki said on Monday it bought 300 BTC for 4 billion yen.', 'Tanuki', null, 'buy', 300],
    [
      'Lumen Apps, a Hong Kong app maker, has purchased another 90 bitcoin for $5.2 million.',
      'Lumen Apps',
      null,
      'buy',
      90,
    ],
  ];
  it.each(rows)('%s', (text, company, ticker, action, quantity) => {
    const mention = mentionsOf(text).find((candidate) => candidate.quantity.value === quantity);
    expect(mention).toMatchObject({ company, ticker, action });
  });

  it('reads "the Tokyo Stock Exchange-listed company" as the company being read, not as a name', () => {
    const text =
      'Kestrel Labs Inc. runs hotels in Japan.\nThe Tokyo Stock Exchange-listed company grabbed an additional 42.47 bitcoins on Monday.';
    expect(mentionsOf(text)).toMatchObject([
      { company: 'Kestrel Labs Inc.', action: 'buy', quantity: { value: 42.47 } },
    ]);
  });

  it('hears no one else in "its Bitcoin holdings" or "The US-based company"', () => {
    const text =
      'Kestrel Labs Inc. runs hotels.\nThe US-based company has steadily grown its Bitcoin holdings, recently acquiring 5,550 BTC worth about $540 million.';
    expect(mentionsOf(text)).toMatchObject([
      { company: 'Kestrel Labs Inc.', action: 'buy', quantity: { value: 5550 }, date: null },
    ]);
  });

  it('keeps reading a company found by its shape when the page names it again without its legal form', () => {
    const text =
      'Nordwind Mining AG, a Frankfurt-listed miner, reported its February figures.\nNordwind Mining sold 75 BTC during the month and now holds 410 BTC.';
    expect(mentionsOf(text)).toMatchObject([
      { company: 'Nordwind Mining AG', action: 'sell', quantity: { value: 75 } },
    ]);
  });

  it('never gives a company no lexicon lists to a company it lists', () => {
    for (const text of [
      'Riot Blockchain Partners AG sold 100 BTC.',
      'Cango Ventures Ltd. sold 100 BTC.',
      'Strategy Dynamics plc bought 100 BTC.',
    ]) {
      const [mention] = mentionsOf(text);
      expect(mention?.company, text).toBe(
        text.slice(0, text.indexOf(' sold') >= 0 ? text.indexOf(' sold') : text.indexOf(' bought')),
      );
    }
  });

  it('does not take a sector or a data firm for a company', () => {
    expect(mentionsOf('Listed companies added 48,000 BTC in the quarter, a research firm said.')).toEqual([]);
    expect(mentionsOf('Bitcoin Miners Sold More Than 14,000 BTC In June')).toEqual([]);
  });

  it('keeps a transaction whose subject is a name no shape recognised under that name, never under the company read last', () => {
    const text = 'Riot Platforms sold 400 BTC in March.\nLater that week the Blue Heron Capital fund bought 12 BTC.';
    const mentions = mentionsOf(text);
    expect(mentions.map((mention) => [mention.company, mention.quantity?.value])).toEqual([
      ['Riot Platforms, Inc.', 400],
      ['Blue Heron Capital', 12],
    ]);
    expect(mentions[1].rules).toContain('company.unrecognised-subject');
  });

  it('gives nobody a transaction whose actor is a person the page names', () => {
    const text =
      'Riot Platforms sold 400 BTC in March.\nA news site reported that Hayes shifted about 900 ETH to an exchange.';
    expect(mentionsOf(text).map((mention) => mention.company)).toEqual(['Riot Platforms, Inc.']);
  });

  it('reads a short name under the heading of its company as that company', () => {
    const text =
      'Cipherline Mining (NASDAQ: CPHL): Cashing Out\n\nCipherline sold 255 BTC in February, the company disclosed.';
    expect(mentionsOf(text)).toMatchObject([
      { company: 'Cipherline Mining', ticker: 'CPHL', quantity: { value: 255 } },
    ]);
  });
});

describe('a known company with words before it is the known company', () => {
  it.each([
    ['In November 2025 Sequans sold 970 BTC to redeem its bonds.', 'Sequans Communications S.A.'],
    [
      'Riot Platforms sold 400 BTC in March.\nThe French IoT chipmaker Sequans accumulated 3,233 BTC between July and October 2025.',
      'Sequans Communications S.A.',
    ],
  ])('%s', (text, company) => expect(mentionsOf(text).at(-1)?.company).toBe(company));

  it('reads "The French IoT chipmaker" as the company being read, not as a company called "French IoT"', () => {
    const text =
      'Sequans Communications S.A. (NYSE: SQNS)\n\nThe French IoT chipmaker accumulated 3,233 BTC between July and October 2025.';
    expect(mentionsOf(text)).toMatchObject([{ company: 'Sequans Communications S.A.', quantity: { value: 3233 } }]);
  });
});
