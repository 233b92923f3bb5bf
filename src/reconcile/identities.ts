import type { Candidate } from '../schema/event.js';
import { formatNumber, plain, type ValueGroup } from './candidates.js';
import { openResolution, type NumberResolution } from './resolveNumber.js';

/** An accounting identity's value, said in words, and how far a rounded report of it may stray. */
export interface Identity {
  value: number;
  why: string;
  tolerance?: number;
}

/**
 * What a sale or purchase did to the holdings: before - sold = after, so sold = before - after.
 * Used only where the reports disagree on the count and agree on both holdings (one exact figure each).
 */
export function quantityFromTrail(
  sign: number,
  exactCounts: number,
  before: { exact: ValueGroup[] },
  after: { exact: ValueGroup[] },
): Identity | null {
  if (sign === 0 || exactCounts < 2 || before.exact.length !== 1 || after.exact.length !== 1) return null;
  const [from, to] = [before.exact[0].interval.value, after.exact[0].interval.value];
  const value = sign * (to - from);
  if (!(value > 0)) return null;
  return {
    value,
    why: `${formatNumber(from)} ${sign < 0 ? '-' : '+'} quantity = ${formatNumber(to)} gives ${formatNumber(value)} (holdings before and after)`,
  };
}

/**
 * The unit a money figure is rounded to, read from its trailing zeros ("$96 million" to the
 * million, "$85,000" to the thousand), never more than 2% of it: "$100 million" is not taken to
 * be anything from $50 to $150 million.
 */
export function roundingUnit(value: number): number {
  let unit = 1;
  while (unit * 10 <= Math.abs(value) && Math.abs(value) % (unit * 10) === 0) unit *= 10;
  return Math.max(1, Math.min(unit, Math.abs(value) * 0.02));
}

/** quantity x unit price, with the slack their rounding allows: the total's own unit is added when one is compared. */
export function productIdentity(quantity: number, price: number): Identity {
  const value = quantity * price;
  return {
    value,
    why: `${formatNumber(quantity)} x ${formatNumber(price)} = ${formatNumber(value)}`,
    tolerance: quantity * roundingUnit(price) + value * 0.005,
  };
}

const agrees = (identity: Identity, total: number) =>
  Math.abs(total - identity.value) <= (identity.tolerance ?? 0) + roundingUnit(total);

/**
 * A stated total that quantity x unit price contradicts, beyond what rounding explains, is a
 * conflict rather than a silent pick ("about $102 million" vs "$96 million" for 1,200 x $85,000):
 * the product is offered as a candidate and suggested when some report's total agrees with it.
 */
export function checkTotal(
  resolution: NumberResolution,
  product: Identity | null,
  totals: { exact: ValueGroup[]; hedged: ValueGroup[] },
): NumberResolution {
  if (!product) return resolution;
  const contradicting = totals.exact.filter((group) => !agrees(product, group.interval.value));
  if (contradicting.length === 0) return resolution;
  const agreeingExact = totals.exact
    .filter((group) => agrees(product, group.interval.value))
    .sort((a, b) => b.origins - a.origins);
  const agreeingHedged = totals.hedged.filter(
    (group) =>
      group.interval.low - (product.tolerance ?? 0) <= product.value &&
      product.value <= group.interval.high + (product.tolerance ?? 0),
  );
  const suggested =
    agreeingExact[0]?.interval.value ??
    (agreeingHedged.length > 0 ? product.value : (resolution.value ?? contradicting[0].interval.value));
  const computed: Candidate = {
    value: plain(product.value),
    mentionKeys: [],
    sources: [],
    origins: 0,
    note: `quantity x unit price: ${product.why}`,
  };
  const candidates = resolution.resolution.candidates.some(
    (candidate) => !candidate.bounds && candidate.value === computed.value,
  )
    ? resolution.resolution.candidates
    : [...resolution.resolution.candidates, computed];
  const slack = formatNumber(Math.round((product.tolerance ?? 0) + roundingUnit(contradicting[0].interval.value)));
  const backing = [
    ...agreeingExact.map((group) => formatNumber(group.interval.value)),
    ...agreeingHedged.map((group) => `~${formatNumber(group.interval.value)}`),
  ];
  const contradicted = contradicting.map((group) => formatNumber(group.interval.value)).join(', ');
  const reason =
    `${contradicted} contradicts ${product.why} beyond rounding (±${slack})` +
    (backing.length ? `; ${backing.join(', ')} agrees with it` : '; no report states a total that agrees');
  return openResolution(suggested, reason, candidates);
}
