/**
 * Sentences without a transaction of their own that still say something about one (asides), and
 * the treasury framing of purchases. Texts written for the test.
 */
import { describe, expect, it } from 'vitest';
import { mentionsOf } from '../helpers/article.js';

/** The mention of a body sentence (a headline's mention carries no purpose of its own). */
const find = (text: string, action: string) =>
  mentionsOf(text).find((mention) => mention.action === action && mention.zone === 'body')!;

describe('asides', () => {
  it('a bare action noun in a company description gives no purpose; a verb or "the sale" does', () => {
    const release = [
      'Northwind Mining Update',
      '',
      'Riot Platforms, an operator focused on bitcoin mining and the development of large-scale data center infrastructure, today released its production and operations update.',
      '',
      'Riot produced 431 bitcoin in March. Riot sold 1,350 bitcoin in March for $95.9 million.',
      '',
      'The sale will fund the data center build-out at its Texas campus.',
    ].join('\n');
    expect(find(release, 'mine').purpose).toEqual([]);
    expect(find(release, 'sell').purpose).toEqual(['expansion']);
  });

  it('takes the subject of a holdings sentence, not a company named after it', () => {
    const text =
      'SharpLink Gaming acquired 19,271 ETH on Tuesday. With this purchase the company now holds 859,412 ETH, second only to Bitmine.\n';
    expect(find(text, 'buy')).toMatchObject({ company: 'SharpLink Gaming, Inc.', holdingsAfter: { value: 859412 } });
  });
});

describe('treasury framing', () => {
  it('applies to the company whose paragraph or section frames it, not to the next one in a roundup', () => {
    const roundup = [
      'Ether buyers this week',
      '',
      'BITMINE',
      'The biggest ETH treasury keeps going. Bitmine added 41,000 ETH last week.',
      '',
      'SHARPLINK',
      'SharpLink bought 19,271 ETH on Tuesday for about $46.4 million.',
    ].join('\n');
    const mentions = mentionsOf(roundup);
    expect(mentions.find((m) => m.company.startsWith('Bitmine'))!.purpose).toEqual(['treasury']);
    expect(mentions.find((m) => m.company.startsWith('SharpLink'))!.purpose).toEqual([]);
  });

  it('applies throughout a page about one company', () => {
    const story =
      'Metaplanet adds 1,004 BTC\n\nMetaplanet bought 1,004 BTC on Monday.\n\nThe Tokyo company has run a bitcoin treasury since 2024.\n';
    expect(find(story, 'buy').purpose).toEqual(['treasury']);
  });
});
