import type { LedgerEvent } from '../schema/event.js';
import type { GoldEvent } from './gold.js';

const close = (a: number, b: number, tolerance = 0.005) => Math.abs(a - b) <= Math.max(0.01, Math.abs(b) * tolerance);

/** Pairs predicted events with gold ones: same company, asset and action, quantity within 0.5%. */
export function matchEvents(predicted: LedgerEvent[], gold: GoldEvent[]): { pairs: [LedgerEvent, GoldEvent][]; missed: GoldEvent[]; spurious: LedgerEvent[] } {
  const pairs: [LedgerEvent, GoldEvent][] = [];
  const free = new Set(predicted);
  const missed: GoldEvent[] = [];
  for (const expected of [...gold].sort((a, b) => Number(Boolean(a.optional)) - Number(Boolean(b.optional)))) {
    const found = [...free].find((event) => event.company === expected.company && event.asset === expected.asset && event.action === expected.action && close(event.quantity, expected.quantity));
    if (found) {
      free.delete(found);
      pairs.push([found, expected]);
    } else if (!expected.optional) missed.push(expected);
  }
  return { pairs: pairs.filter(([, expected]) => !expected.optional), missed, spurious: [...free] };
}

export const FIELDS = ['ticker', 'quantity', 'unit_price', 'total', 'purpose', 'date', 'holdings', 'status'] as const;
export type Field = (typeof FIELDS)[number];

const sameNumber = (a: number | null | undefined, b: number | null | undefined) => (a ?? null) === null ? (b ?? null) === null : (b ?? null) !== null && close(a!, b!, 0.01);

/** Which fields of a matched pair are right. */
export function fieldAgreement(event: LedgerEvent, expected: GoldEvent): Record<Field, boolean> {
  return {
    ticker: (event.ticker ?? null) === (expected.ticker ?? null),
    quantity: close(event.quantity, expected.quantity),
    unit_price: sameNumber(event.unitPriceUsd, expected.unit_price_usd),
    total: sameNumber(event.totalUsd, expected.total_usd),
    purpose: [...event.purpose].sort().join(';') === [...expected.purpose].sort().join(';'),
    date: (event.date ?? null) === (expected.date ?? null) && (expected.date_end === undefined || (event.dateEnd ?? null) === (expected.date_end ?? null)),
    holdings: sameNumber(event.holdingsBefore, expected.holdings_before) && sameNumber(event.holdingsAfter, expected.holdings_after),
    status: expected.status === undefined || event.status === expected.status,
  };
}
