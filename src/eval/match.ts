import type { Rulebook } from '../rulebook/compile.js';
import { lookupKey } from '../rulebook/regex.js';
import type { ExportedEvent } from './ledger.js';
import type { GoldEvent } from './gold.js';

const close = (a: number, b: number, tolerance = 0.005) => Math.abs(a - b) <= Math.max(0.01, Math.abs(b) * tolerance);

/**
 * Legal forms a name may carry or drop between two reports of one company ("Strategy" and
 * "Strategy Inc.", "Trump Media & Technology Group" and "... Corp."). Used only to compare names.
 */
const LEGAL_FORM =
  /\b(?:inc|incorporated|corp|corporation|co|company|ltd|limited|llc|plc|ag|se|sa|nv|ab|asa|kk|bv|gmbh|spa)\b/g;

function nameKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(LEGAL_FORM, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * One company under two spellings: the lexicon says so (aliases, former names), the names agree
 * once legal forms are set aside (one may stop early: "SharpLink Gaming" / "SharpLink Gaming,
 * Inc."), or the tickers agree. The gold names a company as the article does, the ledger as the
 * lexicon does or as the article does for companies no lexicon knows.
 */
export function sameCompany(
  predicted: { company: string; ticker: string | null },
  gold: { company: string; ticker?: string | null },
  rulebook: Rulebook,
): boolean {
  const canonical = (name: string) => rulebook.companyByAlias.get(lookupKey(name))?.name ?? name;
  if (canonical(predicted.company) === canonical(gold.company)) return true;
  if (predicted.ticker && gold.ticker && predicted.ticker === gold.ticker) return true;
  const [a, b] = [nameKey(canonical(predicted.company)), nameKey(canonical(gold.company))];
  if (!a || !b) return false;
  return a === b || a.startsWith(`${b} `) || b.startsWith(`${a} `);
}

/** Same quantity within 0.5%, or both stated only by their value (quantity empty). */
const sameQuantity = (predicted: number | null, gold: number | null) =>
  predicted === null || gold === null ? predicted === gold : close(predicted, gold);

/** Pairs exported events with gold ones: same company, asset and action, and the same quantity. */
export function matchEvents(
  predicted: ExportedEvent[],
  gold: GoldEvent[],
  rulebook: Rulebook,
): { pairs: [ExportedEvent, GoldEvent][]; missed: GoldEvent[]; spurious: ExportedEvent[] } {
  const pairs: [ExportedEvent, GoldEvent][] = [];
  const free = new Set(predicted);
  const missed: GoldEvent[] = [];
  for (const expected of [...gold].sort((a, b) => Number(Boolean(a.optional)) - Number(Boolean(b.optional)))) {
    const candidates = [...free].filter(
      (event) =>
        event.asset === expected.asset &&
        event.action === expected.action &&
        sameQuantity(event.quantity, expected.quantity) &&
        sameCompany(event, expected, rulebook),
    );
    // Several value-only events of one company: the one with the same total, else the same date.
    const found =
      candidates.find((event) => expected.total_usd != null && event.totalUsd === expected.total_usd) ??
      candidates.find((event) => event.date === (expected.date ?? null)) ??
      candidates[0];
    if (found) {
      free.delete(found);
      pairs.push([found, expected]);
    } else if (!expected.optional) missed.push(expected);
  }
  return { pairs: pairs.filter(([, expected]) => !expected.optional), missed, spurious: [...free] };
}

export const FIELDS = ['ticker', 'quantity', 'unit_price', 'total', 'purpose', 'date', 'holdings', 'status'] as const;
export type Field = (typeof FIELDS)[number];

const sameNumber = (a: number | null | undefined, b: number | null | undefined) =>
  (a ?? null) === null ? (b ?? null) === null : (b ?? null) !== null && close(a!, b!, 0.01);

/**
 * The same date: the same start (and end, where the gold gives one). A gold file that dates a range
 * by its last day alone (../shared/dev: "Q1 2026" is 2026-03, "January 5 to 11" is 2026-01-11)
 * agrees with the ledger's range ending that day.
 */
function sameDate(event: ExportedEvent, expected: GoldEvent): boolean {
  if ((event.date ?? null) === (expected.date ?? null))
    return expected.date_end === undefined || (event.dateEnd ?? null) === (expected.date_end ?? null);
  return expected.date_end === undefined && event.dateEnd !== null && event.dateEnd === expected.date;
}

/** Which fields of a matched pair are right. */
export function fieldAgreement(event: ExportedEvent, expected: GoldEvent): Record<Field, boolean> {
  return {
    ticker: (event.ticker ?? null) === (expected.ticker ?? null),
    quantity: sameQuantity(event.quantity, expected.quantity),
    unit_price: sameNumber(event.unitPriceUsd, expected.unit_price_usd),
    total: sameNumber(event.totalUsd, expected.total_usd),
    purpose: [...event.purpose].sort().join(';') === [...expected.purpose].sort().join(';'),
    date: sameDate(event, expected),
    holdings:
      sameNumber(event.holdingsBefore, expected.holdings_before) &&
      sameNumber(event.holdingsAfter, expected.holdings_after),
    status: expected.status === undefined || event.status === expected.status,
  };
}
