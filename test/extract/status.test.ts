/** Status cues (rules/cues.yaml confirmed/unconfirmed): who is the source of a transaction. Texts written for the test. */
import { describe, expect, it } from 'vitest';
import { mentionsOf } from '../helpers/article.js';

const statusOf = (text: string) => mentionsOf(`${text}\n`).find((mention) => mention.zone === 'body')!.status;

describe('status', () => {
  it.each([
    ['BTCS added 3,120 ETH in January, according to its monthly shareholder update.'],
    ['Coinbase bought 839 BTC in the fourth quarter, per its shareholder letter.'],
    [
      "DeFi Development Corp. bought roughly 45,000 SOL on Friday, according to a post on the company's official X account.",
    ],
    ['Solana Company, the former Helius Medical Technologies, said on Tuesday it bought 22,500 SOL for $1.95 million.'],
    [
      'Bitdeer Technologies released February figures. The Singapore-based miner and rig maker said it mined 598 BTC in February and sold 612 BTC.',
    ],
    [
      'IREN Limited had a busy month. The Australian operator, which has long sold its output as it goes, said in its monthly update that it sold all 520 BTC it mined in January.',
    ],
    [
      'American Bitcoin accumulated roughly 4,100 bitcoins between September and December 2025, according to a shareholder letter released this week.',
    ],
    [
      "The move follows Bitdeer's own weekly update on Tuesday, which showed it sold 120 BTC between February 7 and February 13.",
    ],
    [
      'Riot Platforms was busy in March. It sold about 1,400 BTC during the month for roughly $96 million, and said the money would go toward its data center.',
    ],
  ])('confirmed when the company is the source: %s', (text) => {
    expect(statusOf(text)).toBe('confirmed');
  });

  it.each([
    ['Coinbase bought 839 BTC in the fourth quarter, according to a report by a research firm.'],
    ['BTCS added 3,120 ETH in January, according to analysts who track its wallets.'],
  ])('reported when someone else is: %s', (text) => {
    expect(statusOf(text)).toBe('reported');
  });
});

describe('the company as the speaker, however the page spells it', () => {
  it.each([
    [
      'Trump Media and Technology Group Corp, the parent of Truth Social, Truth+ and Truth.Fi, says it has put about $2 billion into Bitcoin.',
      'confirmed',
    ],
    ['Trump Media & Technology Group bought 100 BTC, a news site reported.', 'reported'],
  ])('%s', (text, status) =>
    expect(mentionsOf(text)[0]).toMatchObject({ company: 'Trump Media & Technology Group Corp.', status }),
  );
});
