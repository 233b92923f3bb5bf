import { describe, expect, it } from 'vitest';
import { parseAmount, parseMoney, usesEuropeanNumbers } from '../../src/normalize/numbers.js';
import { defaultRulebook } from '../../src/rulebook/compile.js';

const rulebook = defaultRulebook();

describe('amounts', () => {
  const rows: [string, number, number, number, boolean][] = [
    // text, value, low, high, approx
    ['4,451 BTC', 4451, 4451, 4451, false],
    ['357.7 BTC', 357.7, 357.7, 357.7, false],
    ['1.2K BTC', 1200, 1150, 1250, true], // a rounded figure stands for 1,150-1,250
    ['7000 bitcoins', 7000, 7000, 7000, false],
    ['just over 3,000 BTC', 3000, 3000, 3750, true],
    ['roughly 550 BTC', 550, 495, 605, true],
    ['nearly 13,600 BTC', 13600, 12240, 13600, true],
    ['more than 1,300 BTC', 1300, 1300, 1950, true],
    ['~2.5K BTC', 2500, 2250, 2750, true],
    ['50,000,000 sats', 0.5, 0.5, 0.5, false],
  ];
  it.each(rows)('%s', (text, value, low, high, approx) => {
    expect(parseAmount(text, rulebook)).toEqual({ value, low, high, approx });
  });
});

describe('money', () => {
  const rows: [string, string, number][] = [
    ['$305 million', 'USD', 305_000_000],
    ['$1.2bn', 'USD', 1_200_000_000],
    ['US$4.7 billion', 'USD', 4_700_000_000],
    ['USD34.6 million', 'USD', 34_600_000],
    ['305M USD', 'USD', 305_000_000],
    ['approximately $68,000', 'USD', 68_000],
    ['¥10.5 billion', 'JPY', 10_500_000_000],
    ['€4 million', 'EUR', 4_000_000],
    ['£12.3 million', 'GBP', 12_300_000],
    // binary floating point: 2.03 x 1e9 is 2,029,999,999.9999998 unless rounded
    ['$2.03 billion', 'USD', 2_030_000_000],
    ['$4.35 billion', 'USD', 4_350_000_000],
  ];
  it.each(rows)('%s', (text, currency, amount) => {
    const money = parseMoney(text, rulebook)!;
    expect([money.currency, money.amount.value]).toEqual([currency, amount]);
  });
});

describe('European number convention, decided per article', () => {
  it('reads 78.815 BTC as 78815 where the page writes decimals with commas', () => {
    const text = 'The group bought 78.815 BTC for EUR 4,5 million.';
    expect(usesEuropeanNumbers(text)).toBe(true);
    expect(parseAmount('78.815 BTC', rulebook, true)!.value).toBe(78815);
    expect(parseAmount('21,6 BTC', rulebook, true)!.value).toBe(21.6);
  });
  it('keeps 78.815 BTC a decimal on an English page', () => {
    expect(usesEuropeanNumbers('Strategy bought 1,142 BTC for $90.1 million.')).toBe(false);
    // One stray "9,8 million yen" on a page of English figures does not make "20.38 BTC" 2,038.
    expect(
      usesEuropeanNumbers(
        'Kestrel bought 20.38 BTC worth $1.2 million, at 9,8 million yen per coin; it holds 45.99 BTC worth $3.5 million.',
      ),
    ).toBe(false);
    expect(parseAmount('78.815 BTC', rulebook, false)!.value).toBe(78.815);
  });
});
