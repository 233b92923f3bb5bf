/**
 * TransactionMentions written by hand, for what extraction does not produce yet (value-only
 * reports: "sold $250 million of bitcoin"). Each goes through the schema, so an invalid one fails here.
 */
import { createHash } from 'node:crypto';
import { TransactionMention, type Interval } from '../../src/schema/mention.js';

export interface Report {
  source: string;
  company?: string;
  asset?: string;
  action?: TransactionMention['action'];
  /** null (the default): a value-only report */
  quantity?: number | Interval | null;
  totalUsd?: number | Interval | null;
  otherCurrencyTotal?: { currency: string; amount: number } | null;
  date?: string | null;
  dateEnd?: string | null;
  holdingsBefore?: number | null;
  holdingsAfter?: number | null;
  published?: string;
  evidence?: string;
  ordinal?: number;
}

const exact = (value: number): Interval => ({ value, low: value, high: value, approx: false });
const interval = (value: number | Interval | null | undefined) =>
  value === null || value === undefined ? null : typeof value === 'number' ? exact(value) : value;
/** "about $40 million": the hedge "about" as rules/hedges.yaml reads it. */
export const about = (value: number): Interval => ({ value, low: value * 0.9, high: value * 1.1, approx: true });

/** One report; the document is named by its source, so two reports with one source are one page. */
export function report(r: Report): TransactionMention {
  const hash = createHash('sha256').update(r.source).digest('hex');
  const evidence = r.evidence ?? `${r.company ?? 'Cango Inc.'} ${r.action ?? 'sell'} ${r.quantity ?? 'value-only'}`;
  return TransactionMention.parse({
    key: `${hash.slice(0, 16)}:${r.ordinal ?? 0}`,
    source: r.source,
    published: r.published ?? '2026-02-10',
    origin: hash.slice(0, 16),
    sourceRank: 1,
    zone: 'body',
    company: r.company ?? 'Cango Inc.',
    ticker: null,
    asset: r.asset ?? 'BTC',
    action: r.action ?? 'sell',
    quantity: interval(r.quantity),
    unitPriceUsd: null,
    totalUsd: interval(r.totalUsd),
    otherCurrencyTotal: r.otherCurrencyTotal ?? null,
    purpose: [],
    date: r.date === undefined ? '2026-02-08' : r.date,
    dateEnd: r.dateEnd ?? null,
    dateKind: r.date === null ? null : 'executed',
    holdingsBefore: interval(r.holdingsBefore),
    holdingsAfter: interval(r.holdingsAfter),
    status: 'reported',
    confidence: 0.6,
    evidence,
    sentenceStart: 0,
    provenance: { action: [{ text: evidence, start: 0, end: evidence.length, rule: 'test.hand-made' }] },
    rules: ['test.hand-made'],
  });
}
