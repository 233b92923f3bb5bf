import { describe, expect, it } from 'vitest';
import { bandKeys, NEAR_DUPLICATE, signature, similarity } from '../../src/origins/minhash.js';

/** Exact Jaccard similarity of word 5-shingles: what the signature estimates. */
function jaccard(a: string, b: string): number {
  const shingles = (text: string) => {
    const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
    const set = new Set<string>();
    for (let i = 0; i + 5 <= Math.max(words.length, 5); i++) set.add(words.slice(i, i + 5).join(' '));
    return set;
  };
  const [x, y] = [shingles(a), shingles(b)];
  let shared = 0;
  for (const shingle of x) if (y.has(shingle)) shared++;
  return shared / (x.size + y.size - shared);
}

const STORY =
  'Riot Platforms sold 1,100 BTC on March 3, 2026, at an average price of $70,000 per coin, according to a filing with regulators. The miner said the proceeds would fund expansion of its Texas facilities and repay part of a credit line. Shares rose 4% in early trading as analysts welcomed the move, which follows a quarter of weak hashprice. The company still holds about 18,000 bitcoin after the sale, making it one of the largest corporate holders among miners.';
const OTHER =
  'Strategy bought 1,142 bitcoin last week for about $93 million, its chairman said on Monday, lifting its holdings past 640,000 coins. The purchase was funded by an at-the-market sale of preferred shares. The company has bought bitcoin in most weeks this year and now holds the largest corporate treasury of the coin by a wide margin.';

describe('MinHash signatures (one-permutation, densified)', () => {
  it('gives the same text the same signature, and 64 values whatever the length', () => {
    expect(signature(STORY)).toEqual(signature(STORY));
    for (const text of ['', 'Riot sold', STORY, STORY.repeat(40)]) expect(signature(text)).toHaveLength(64);
    expect(similarity(signature(''), signature(''))).toBe(1);
  });

  it('estimates the Jaccard similarity of reprints without bias, within the error 64 bins allow', () => {
    // Reprints of a longer story with 1-5% of words changed: Jaccard from about 0.6 to 0.95.
    const long = Array.from({ length: 12 }, (_, i) =>
      STORY.replaceAll('1,100', String(1100 + i)).replaceAll('Texas', `Texas site ${i}`),
    ).join(' ');
    const words = long.split(' ');
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const errors: number[] = [];
    for (let trial = 0; trial < 60; trial++) {
      const rate = 0.01 + random() * 0.04;
      const reprint = words.map((word) => (random() < rate ? `edited${Math.floor(random() * 1e6)}` : word)).join(' ');
      errors.push(similarity(signature(long), signature(reprint)) - jaccard(long, reprint));
    }
    const mean = errors.reduce((sum, error) => sum + error, 0) / errors.length;
    const rmse = Math.sqrt(errors.reduce((sum, error) => sum + error * error, 0) / errors.length);
    // One bin agrees with probability J: the standard error at J = 0.75 is sqrt(0.75 * 0.25 / 64) = 0.054.
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(rmse).toBeLessThan(0.08);
  });

  it('calls a light reprint a near duplicate', () => {
    const syndicated = `${STORY} ${OTHER}`;
    const reprint = `${syndicated.replace('rose 4%', 'climbed 4 percent')} Reporting by a staff writer; editing by the desk.`;
    expect(jaccard(syndicated, reprint)).toBeGreaterThan(0.85);
    expect(similarity(signature(syndicated), signature(reprint))).toBeGreaterThanOrEqual(NEAR_DUPLICATE);
  });

  it('keeps different articles apart, short ones too', () => {
    expect(similarity(signature(STORY), signature(OTHER))).toBeLessThan(0.1);
    expect(
      similarity(signature('Riot Platforms sold 1,100 BTC.'), signature('Strategy bought 1,142 BTC.')),
    ).toBeLessThan(NEAR_DUPLICATE);
  });

  it('gives reprints a shared LSH band, so the store finds them as candidates', () => {
    const bands = new Set(bandKeys(signature(STORY)));
    expect(bandKeys(signature(`${STORY} Reporting by a staff writer.`)).some((band) => bands.has(band))).toBe(true);
    expect(bandKeys(signature(STORY))).toHaveLength(16);
    // Integers the store indexes exactly: below 2^52, one band's keys apart from another's.
    for (const [band, key] of bandKeys(signature(OTHER)).entries()) {
      expect(Number.isSafeInteger(key)).toBe(true);
      expect(Math.floor(key / 2 ** 48)).toBe(band);
    }
  });
});
