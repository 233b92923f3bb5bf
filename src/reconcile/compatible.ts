import type { Interval, TransactionMention } from '../schema/mention.js';

/** Exact figures this close are one figure misreported (3,645 vs 3,644), not two. */
export const NEAR_AGREEMENT = { relative: 0.003 };

/**
 * One unit of the last digit a figure is written to: 1 for 3,645, 0.1 for 108.7, 0.001 for
 * 108.786. Two reports a unit apart agree nearly ("3,645" vs "3,644"); 107.913 and 108.786 do not.
 */
export function lastDigitUnit(value: number): number {
  if (Number.isInteger(value)) return 1;
  let unit = 1;
  for (let scaled = value; unit > 1e-8 && Math.abs(scaled - Math.round(scaled)) > 1e-9; scaled *= 10) unit /= 10;
  return unit;
}

/** How far apart two figures may be and still be one figure: the coarser one's last digit, or 0.3%. */
export function nearSlack(a: number, b: number): number {
  return Math.max(Math.max(lastDigitUnit(a), lastDigitUnit(b)), Math.max(a, b) * NEAR_AGREEMENT.relative);
}

export function intervalsOverlap(a: Interval, b: Interval): boolean {
  return boundsOverlap(a.low, a.high, a.value, b.low, b.high, b.value);
}

/** intervalsOverlap on the numbers alone: clustering scans its seeds' bounds kept in flat arrays. */
export function boundsOverlap(
  aLow: number,
  aHigh: number,
  aValue: number,
  bLow: number,
  bHigh: number,
  bValue: number,
): boolean {
  // Most pairs that overlap do so without any slack: the slack is worked out only for the others.
  if (aLow <= bHigh && bLow <= aHigh) return true;
  // The slack is never more than this (a last digit's unit is at most 1): pairs farther apart are
  // refused without working it out, which costs a loop for a decimal figure.
  const most = Math.max(1, Math.max(aValue, bValue) * NEAR_AGREEMENT.relative);
  if (aLow - most > bHigh || bLow - most > aHigh) return false;
  const slack = nearSlack(aValue, bValue);
  return aLow - slack <= bHigh && bLow - slack <= aHigh;
}

/** A date (2026-02-08, 2026-02, 2026) as the first and last day it covers. */
export function dateRange(date: string, dateEnd: string | null): [string, string] {
  const first = date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date;
  const end = dateEnd ?? date;
  const last = end.length === 4 ? `${end}-12-31` : end.length === 7 ? `${end}-31` : end;
  return [first, last];
}

/**
 * A transaction's stated value in one currency, as clustering compares it: USD when the report
 * converts it, else the currency it is stated in (no exchange rates: yen compares with yen).
 */
export interface StatedValue {
  currency: string;
  amount: number;
}

export function statedValue(mention: Pick<TransactionMention, 'totalUsd' | 'otherCurrencyTotal'>): StatedValue | null {
  if (mention.totalUsd) return { currency: 'USD', amount: mention.totalUsd.value };
  return mention.otherCurrencyTotal
    ? { currency: mention.otherCurrencyTotal.currency, amount: mention.otherCurrencyTotal.amount }
    : null;
}

/**
 * Reports round a value ("$305 million", "about $300 million", "US$305.2m"): two values this close,
 * relative to the larger, can be one transaction's. Used only where no coin count is stated.
 */
export const VALUE_TOLERANCE = 0.1;

export const valuesClose = (a: number, b: number) => Math.abs(a - b) <= VALUE_TOLERANCE * Math.max(a, b);

export const DAY_MS = 86_400_000;
/** Reports of one transaction fall within this many days of each other (sold Saturday, told Tuesday). */
export const DATE_WINDOW_DAYS = 10;
