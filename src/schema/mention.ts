import { z } from 'zod';
import { Zone } from './document.js';

export const Action = z.enum(['buy', 'sell', 'transfer', 'mine']);
export type Action = z.infer<typeof Action>;

export const Purpose = z.enum([
  'debt_repayment',
  'share_buyback',
  'operations',
  'expansion',
  'treasury',
  'rebalancing',
  'other',
]);
export type Purpose = z.infer<typeof Purpose>;

export const Status = z.enum(['confirmed', 'reported', 'unconfirmed']);
export type Status = z.infer<typeof Status>;

/** A piece of text that fed a field: what it said, where it is, which rule picked it. */
export const Evidence = z.object({
  text: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  rule: z.string(),
});
export type Evidence = z.infer<typeof Evidence>;

/** The fields a mention can carry; each one is traceable through `provenance`. */
export const MentionField = z.enum([
  'company',
  'asset',
  'action',
  'quantity',
  'unit_price_usd',
  'total_usd',
  'purpose',
  'date',
  'holdings_before',
  'holdings_after',
  'status',
]);
export type MentionField = z.infer<typeof MentionField>;

/** A date phrase of a transaction's clause as written, and whether it tells when it was done or said. */
export const DateText = z.object({
  text: z.string(),
  kind: z.enum(['executed', 'announced', 'context']),
  start: z.number().int(),
  // A figure compared with another ("496 in January, down from 569 in December") is placed no later
  // than the date of the figure it is compared with: that figure's date phrase, resolved first.
  notAfter: z.string().optional(),
});
export type DateText = z.infer<typeof DateText>;

export const Interval = z.object({ value: z.number(), low: z.number(), high: z.number(), approx: z.boolean() });
export type Interval = z.infer<typeof Interval>;

/** An amount of money in the currency the page wrote it in. */
export const Money = z.object({ currency: z.string(), amount: Interval });
export type Money = z.infer<typeof Money>;

/**
 * The figures of a mention as values, read once by extraction with the one number grammar
 * (normalize/numbers.ts) when every text is final; null where the text is absent or does not parse.
 */
export const Figures = z.object({
  quantity: Interval.nullable(),
  unitPrice: Money.nullable(),
  total: Money.nullable(),
  holdingsBefore: Interval.nullable(),
  holdingsAfter: Interval.nullable(),
});
export type Figures = z.infer<typeof Figures>;

/**
 * What extraction found, still as text: one transaction stated in one sentence (or headline),
 * enriched by the document context (section company, follow-up sentences).
 */
export const Mention = z.object({
  ordinal: z.number().int().nonnegative(),
  zone: Zone,
  sentence: z.string(),
  sentenceStart: z.number().int().nonnegative(),
  action: Action,
  company: z.string().nullable(),
  /** the ticker the page states for a company the lexicon does not know */
  ticker: z.string().nullable().default(null),
  asset: z.string(),
  /** the coin count as written; null when the report states only the value ("sold $250 million of bitcoin") */
  quantityText: z.string().nullable(),
  unitPriceText: z.string().nullable(),
  totalText: z.string().nullable(),
  holdingsBeforeText: z.string().nullable(),
  holdingsAfterText: z.string().nullable(),
  /** the texts above as values: what normalize reads (the texts stay as the evidence) */
  figures: Figures,
  purposes: z.array(Purpose),
  dateTexts: z.array(DateText),
  contextYear: z.number().int().nullable(),
  status: Status,
  provenance: z.record(z.string(), z.array(Evidence)),
  rules: z.array(z.string()),
});
export type Mention = z.infer<typeof Mention>;

export const DatePrecision = z.enum(['day', 'month', 'year']);
/**
 * executed: when it was done; announced: when it was said; context: the section's year;
 * published: the page's own day, for a transaction the page tells without a date (done by then).
 */
export const DateKind = z.enum(['executed', 'announced', 'context', 'published']);
export type DateKind = z.infer<typeof DateKind>;

/** A mention with every value parsed and canonicalised: the unit reconciliation works on. */
export const TransactionMention = z
  .object({
    key: z.string(),
    source: z.string(),
    published: z.string().nullable(),
    origin: z.string(),
    sourceRank: z.number().int().min(0).max(3),
    zone: Zone,
    company: z.string().min(1),
    ticker: z.string().nullable(),
    asset: z.string().min(1),
    action: Action,
    /** null: a value-only report ("put about US$40 million into bitcoin"); it then states a total */
    quantity: Interval.nullable(),
    unitPriceUsd: Interval.nullable(),
    totalUsd: Interval.nullable(),
    otherCurrencyTotal: z.object({ currency: z.string(), amount: z.number() }).nullable(),
    purpose: z.array(Purpose),
    date: z.string().nullable(),
    dateEnd: z.string().nullable(),
    dateKind: DateKind.nullable(),
    /**
     * The date phrases as written and the section's year: what the date was resolved from, kept so
     * that a corrected publication date (`set-published`) re-reads them. Absent on mentions stored
     * before they were kept.
     */
    dateTexts: z.array(DateText).optional(),
    contextYear: z.number().int().nullable().optional(),
    holdingsBefore: Interval.nullable(),
    holdingsAfter: Interval.nullable(),
    status: Status,
    confidence: z.number().min(0).max(1),
    evidence: z.string(),
    sentenceStart: z.number().int().nonnegative(),
    provenance: z.record(z.string(), z.array(Evidence)),
    rules: z.array(z.string()),
  })
  .refine((mention) => mention.quantity !== null || mention.totalUsd !== null || mention.otherCurrencyTotal !== null, {
    message: 'a mention without a coin count must state a total (value-only)',
    path: ['quantity'],
  });
export type TransactionMention = z.infer<typeof TransactionMention>;
