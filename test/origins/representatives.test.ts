import { describe, expect, it } from 'vitest';
import { bandKeys, signature } from '../../src/origins/minhash.js';
import {
  COVERED,
  findOrigin,
  REPRESENTATIVES_PER_BAND,
  REPRESENTATIVES_PER_ORIGIN,
  representativeBands,
  type OriginCandidate,
} from '../../src/origins/representatives.js';

// A press release written for this test, and texts unlike it.
const RELEASE =
  'Halcyon Ledger Inc. today announced that it acquired 1,250 BTC for approximately $101.3 million in cash, at an average price of $81,040 per bitcoin, between May 4 and May 10. As of May 10 the company held 9,870 BTC, acquired for an aggregate purchase price of about $640 million. The purchases were funded with proceeds from its at-the-market equity program. The company measures its progress by the amount of bitcoin held per share and intends to keep acquiring bitcoin when capital can be raised on terms that increase that figure.';
const OTHER =
  'Northwind Hashing Corp. mined 412 BTC in April, compared with 398 BTC in March, and held 2,114 BTC at month end. Operating hashrate averaged 21.4 EH/s and fleet efficiency improved to 17.9 J/TH as older machines were retired during the month.';
const UNRELATED =
  'Fund managers said the premium had peaked through the quarter, citing a drop in inflows since March, while lenders warned that funding costs could widen into the summer for indebted firms.';

const candidate = (text: string, origin: string, id: number, band?: number): OriginCandidate => {
  const sig = signature(text);
  return { band: band ?? bandKeys(sig)[0], origin, id, signature: sig };
};

describe('the origin of a text', () => {
  it('is that of the earliest representative close enough, else none', () => {
    const reprint = `Reporting by a staff writer. ${RELEASE} Nothing here is investment advice.`;
    const candidates = [candidate(OTHER, 'other', 1), candidate(RELEASE, 'release', 2), candidate(RELEASE, 'later', 3)];
    expect(findOrigin(signature(reprint), candidates)).toBe('release');
    expect(findOrigin(signature(UNRELATED), candidates)).toBeNull();
    expect(findOrigin(signature(reprint), [])).toBeNull();
  });
});

describe('which band keys a text represents its origin on', () => {
  const sig = signature(RELEASE);
  const bands = bandKeys(sig);

  it('the first text of an origin: every key of its own', () => {
    expect(representativeBands(sig, 'release', bands, [])).toEqual(bands);
  });

  it('not where a representative of its origin is already close to it, nor where it is another origin that holds the key', () => {
    const copy = { band: bands[3], origin: 'release', id: 1, signature: signature(RELEASE) };
    expect(representativeBands(sig, 'release', bands, [copy])).toEqual(bands.filter((band) => band !== bands[3]));
    // A representative of another origin on the key leaves room for this one.
    expect(representativeBands(sig, 'release', bands, [{ ...copy, origin: 'other' }])).toEqual(bands);
    // A variant of the origin that is not COVERED-close is no reason to stay out.
    const cut = signature(RELEASE.slice(0, RELEASE.indexOf(' The purchases')));
    expect(representativeBands(sig, 'release', bands, [{ ...copy, signature: cut }])).toEqual(bands);
    expect(COVERED).toBeGreaterThan(0.7);
  });

  it(`at most ${REPRESENTATIVES_PER_ORIGIN} of an origin and ${REPRESENTATIVES_PER_BAND} in all on one key, whatever the cluster's size`, () => {
    const variant = (i: number) => ({
      band: bands[0],
      origin: 'release',
      id: i,
      signature: signature(`${OTHER} variant ${i} ${UNRELATED}`),
    });
    const ofOrigin = Array.from({ length: REPRESENTATIVES_PER_ORIGIN }, (_, i) => variant(i));
    expect(representativeBands(sig, 'release', bands, ofOrigin)).not.toContain(bands[0]);
    expect(representativeBands(sig, 'release', bands, ofOrigin.slice(1))).toContain(bands[0]);
    const full = Array.from({ length: REPRESENTATIVES_PER_BAND }, (_, i) => ({ ...variant(i), origin: `origin-${i}` }));
    expect(representativeBands(sig, 'release', bands, full)).not.toContain(bands[0]);
    expect(representativeBands(sig, 'release', bands, full.slice(1))).toContain(bands[0]);
  });
});
