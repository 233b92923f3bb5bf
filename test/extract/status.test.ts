/** Status cues (rules/cues.yaml confirmed/unconfirmed): who is the source of a transaction. Texts written for the test. */
import { describe, expect, it } from 'vitest';
import { mentionsOf } from '../helpers/article.js';

const statusOf = (text: string) => mentionsOf(`${text}\n`).find((mention) => mention.zone === 'body')!.status;

describe('status', () => {
  it.each([
    ['BTCS added 3,120 ETH in January, according to its monthly shareholder update.'],
    ['Coinbase bought 839 BTC in the fourth quarter, per its shareholder letter.'],
    ["DeFi Development Corp. bought roughly 45,000 SOL on Friday, according to a post on the company's official X account."],
    ['Solana Company, the former Helius Medical Technologies, said on Tuesday it bought 22,500 SOL for $1.95 million.'],
    ['Riot Platforms was busy in March. It sold about 1,400 BTC during the month for roughly $96 million, and said the money would go toward its data center.'],
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
