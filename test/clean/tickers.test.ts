import { describe, expect, it } from 'vitest';
import { dropGluedFootnotes, normalizeLine } from '../../src/clean/normalizeText.js';

const SYMBOLS = ['BTC', 'ETH', 'SOL'];
const clean = (line: string) => normalizeLine(line, SYMBOLS);

describe('ticker furniture inside sentences', () => {
  const rows: [string, string, string][] = [
    [
      'a cashtag chip becomes its cashtag, here the unit of a figure',
      'Vexa Holdings added 310 $BTC / 97,120.5 / -0.84% to its reserve',
      'Vexa Holdings added 310 BTC to its reserve',
    ],
    [
      'a symbol with its own cashtag glued on',
      'Orbitra now holds 8,450 ETH$ETH after the trade',
      'Orbitra now holds 8,450 ETH after the trade',
    ],
    ['a cashtag after a figure is its unit', 'Kestrel sold 75 $BTC on Friday', 'Kestrel sold 75 BTC on Friday'],
    ['a cashtag glued to a figure', 'Kestrel sold 75$BTC on Friday', 'Kestrel sold 75 BTC on Friday'],
    [
      'a cashtag glued to a full stop',
      'prices hit a new high.$SOL led the gains',
      'prices hit a new high. $SOL led the gains',
    ],
    [
      'a symbol glued to a lowercase word',
      'raising 12,000 ETHthrough a loan for its ETHreserve',
      'raising 12,000 ETH through a loan for its ETH reserve',
    ],
    [
      'after a figure, a symbol glued to a capitalised word',
      'Halvard mined 64 BTCShares in Halvard rose',
      'Halvard mined 64 BTC Shares in Halvard rose',
    ],
    [
      'a company ticker with no price, glued to its name',
      'For Norvale GroupNRVG--, the pivot into a BitcoinBTC-- reserve',
      'For Norvale Group, the pivot into a Bitcoin reserve',
    ],
    [
      'hashtags keep their word',
      '#Bitcoin miners sold #BTC after the #halving',
      'Bitcoin miners sold BTC after the halving',
    ],
  ];
  it.each(rows)('%s', (_why, input, output) => expect(clean(input)).toBe(output));

  const untouched: [string, string][] = [
    ['a cashtag before a figure is not a unit', 'traders bought $ETH 500 times a day'],
    ['a real price stays', 'Lumen bought 300 ETH at $2,870 per ETH'],
    ['a chip needs a price and a change', 'the $BTC / USD pair'],
    ['a name spelled with a symbol in it', 'ETHZilla sold part of its stack'],
    ['a plural and a trading pair', 'the miners sold their BTCs as the ETHBTC ratio fell'],
    ['a wire dateline and dashes between words', 'NEW YORK--(BUSINESS WIRE)--the deal -- announced Monday -- closed'],
    ['ranks, languages and anchors', 'ranked #1 among holders, written in C#, see page#notes'],
  ];
  it.each(untouched)('leaves %s', (_why, text) => expect(clean(text)).toBe(text));
});

describe('footnote markers glued to words (plain-text pages)', () => {
  const rows: [string, string][] = [
    ['a further 6 EH/s of machines delivered3', 'a further 6 EH/s of machines delivered'],
    ['a payback of about 18 months (est.)4', 'a payback of about 18 months (est.)'],
    ['Bitcoin Mined2 | 412', 'Bitcoin Mined | 412'],
  ];
  it.each(rows)('%s', (input, output) => expect(dropGluedFootnotes(input)).toBe(output));

  const untouched = [
    'treasuries on web3 rails',
    'a batch of H100 chips and 400 S21 miners',
    'the total (est.)1,200 BTC',
    'a Layer 2 network',
    'up 12% in Q3',
  ];
  it.each(untouched)('leaves "%s"', (text) => expect(dropGluedFootnotes(text)).toBe(text));
});
