import type { Rulebook } from '../rulebook/compile.js';
import { lookupKey } from '../rulebook/regex.js';
import type { Article } from '../schema/document.js';
import { TransactionMention, type DateKind, type Evidence, type Mention, type Money } from '../schema/mention.js';
import {
  inferReferenceDate,
  resolveDatePhrase,
  type DateReference,
  type NumericOrder,
  type ResolvedDate,
} from './dates.js';
import { findDatePhrases } from '../extract/datePhrases.js';

export interface DocumentFacts {
  /** near-duplicate texts share an origin (reprints are not independent sources) */
  origin: string;
  /** 3 company release or filing, 1 press; related headlines get 0 */
  sourceRank: number;
  /** what relative dates are read against; null when neither the page nor its text gives a date */
  reference: DateReference | null;
  /** the order of day and month the page's numeric dates show, if they show one */
  numericOrder: NumericOrder | null;
}

const PRECISION_ORDER = { day: 3, month: 2, year: 1 } as const;
const KIND_ORDER = { executed: 3, announced: 2, context: 1 } as const;

/**
 * What a page's relative dates are read against: its publication date; else the latest date its
 * text states (dates.ts inferReferenceDate). Never a file's modification time.
 */
export function documentReference(published: string | null, text: string, rulebook: Rulebook): DateReference | null {
  return published
    ? { date: published, basis: 'published' }
    : inferReferenceDate(text, rulebook.forwardWord, rulebook.forwardAfter);
}

/** normalize: Mention -> TransactionMention, or null when a required value does not parse. */
/** `warnings` receives, in words, why the schema refused a mention (the CLI prints them under DATLEDGER_DEBUG). */
export function normalizeMention(
  mention: Mention,
  article: Article,
  facts: DocumentFacts,
  rulebook: Rulebook,
  warnings?: string[],
): TransactionMention | null {
  // No quantity text: a value-only report ("sold $250 million of bitcoin"); a quantity text that does not
  // parse is no report.
  // Extraction read the figures with the one number grammar (extract/figures.ts): nothing is parsed again here.
  const { figures } = mention;
  const quantity = figures.quantity;
  if ((mention.quantityText !== null && (!quantity || quantity.value <= 0)) || !mention.company) return null;
  const provenance: Record<string, Evidence[]> = structuredClone(mention.provenance);
  const rules = new Set(mention.rules);

  const usd = (money: Money | null) => {
    if (!money) return { usd: null, other: null };
    return money.currency === 'USD'
      ? { usd: money.amount, other: null }
      : { usd: null, other: { currency: money.currency, amount: money.amount.value } };
  };
  // Mined or moved coins were neither bought nor sold: a "value per bitcoin mined", the month's revenue
  // or the worth of a transfer ("moved 1,200 BTC ($80 million)") is a valuation, not a price or proceeds.
  const traded = mention.action === 'buy' || mention.action === 'sell';
  let unitPrice = traded ? usd(figures.unitPrice).usd : null;
  let total = traded ? usd(figures.total) : { usd: null, other: null };
  // A value-only report is its value: without one that parses it says nothing countable.
  if (quantity === null && !((total.usd?.value ?? 0) > 0 || (total.other?.amount ?? 0) > 0)) return null;
  // A value-only report is a little less sure: no count to check the value against.
  let confidence =
    0.6 +
    (mention.status === 'confirmed' ? 0.2 : 0) +
    (mention.zone === 'body' ? 0.1 : 0) -
    (quantity === null ? 0.1 : quantity.approx ? 0.05 : 0);

  // quantity x unit price ~ total: a silent magnitude error is the worst kind of wrong value.
  if (quantity && unitPrice && total.usd) {
    const implied = quantity.value * unitPrice.value;
    const ratio = implied / total.usd.value;
    if (ratio < 0.75 || ratio > 1.33) {
      confidence -= 0.3;
      const evidence: Evidence = {
        text: `${quantity.value} x ${unitPrice.value} = ${Math.round(implied)} vs total ${total.usd.value}`,
        start: mention.sentenceStart,
        end: mention.sentenceStart,
        rule: 'check.quantity-times-price-mismatch',
      };
      (provenance.total_usd ??= []).push(evidence);
      rules.add(evidence.rule);
      if (ratio > 500 || ratio < 0.002) {
        // Off by a factor of a thousand or more: one of the two is not what it claims to be; keep neither silently.
        unitPrice = null;
        total = { usd: null, other: total.other };
      }
    }
  }

  // The company's own release or filing speaks for the company: what it states is confirmed.
  let status = mention.status;
  if (facts.sourceRank === 3 && mention.zone === 'body' && status === 'reported') {
    status = 'confirmed';
    provenance.status = [
      {
        text: mention.sentence,
        start: mention.sentenceStart,
        end: mention.sentenceStart + mention.sentence.length,
        rule: 'status.company-release',
      },
    ];
    rules.add('status.company-release');
  }
  const { date, publicationEvidence } = mentionDate(mention, facts.reference, facts.numericOrder);
  if (publicationEvidence) {
    (provenance.date ??= []).push(publicationEvidence);
    rules.add(publicationEvidence.rule);
  }
  if (date) rules.add(`date.resolved-${date.precision}`);
  const entry = rulebook.companyByAlias.get(lookupKey(mention.company));

  const parsed = TransactionMention.safeParse({
    key: `${article.contentHash.slice(0, 16)}:${mention.ordinal}`,
    source: article.source,
    published: article.published,
    origin: facts.origin,
    sourceRank: mention.zone === 'related' ? 0 : facts.sourceRank,
    zone: mention.zone,
    company: entry?.name ?? mention.company,
    ticker: entry?.ticker ?? mention.ticker ?? null,
    asset: mention.asset,
    action: mention.action,
    quantity,
    unitPriceUsd: unitPrice,
    totalUsd: total.usd,
    otherCurrencyTotal: total.other,
    // Only the purposes the action can have (rules/purposes.yaml): a sale builds no reserve, a purchase repays no debt.
    purpose: [...new Set(mention.purposes)]
      .filter((purpose) => rulebook.purposeActions.get(purpose)?.has(mention.action) ?? purpose === 'other')
      .sort(),
    date: date?.date ?? null,
    dateEnd: date?.dateEnd ?? null,
    dateKind: date?.kind ?? null,
    dateTexts: mention.dateTexts,
    contextYear: mention.contextYear,
    holdingsBefore: figures.holdingsBefore,
    holdingsAfter: figures.holdingsAfter,
    status,
    confidence: Math.max(0.05, Math.min(1, Math.round(confidence * 100) / 100)),
    evidence: mention.provenance.action?.[0]?.text ?? mention.sentence,
    sentenceStart: mention.sentenceStart,
    provenance,
    rules: [...rules],
  });
  if (!parsed.success && warnings)
    warnings.push(`${mention.quantityText ?? mention.totalText}: ${parsed.error.message}`);
  return parsed.success ? parsed.data : null;
}

/** What a mention's date is resolved from: its clause's date phrases, the section's year, where it sits. */
export type DateInputs = Pick<Mention, 'dateTexts' | 'contextYear' | 'zone' | 'provenance' | 'sentenceStart'>;

/**
 * The mention's date against a reference: the best date phrase of its clause; else, on a page
 * with a publication date, the page's own day (news of a transaction the page tells without a
 * date is published the day it is announced; a section's year is only a fallback for undated pages).
 * A month or day its paragraph named just before stands: "More sales took place in October. X sold 422 BTC".
 */
export function mentionDate(
  mention: DateInputs,
  reference: DateReference | null,
  numericOrder: NumericOrder | null,
): { date: (ResolvedDate & { kind: DateKind }) | null; publicationEvidence: Evidence | null } {
  const date = pickDate(mention, reference, numericOrder);
  // "recently sold": the page says it does not say when; its own date would be a guess.
  if (!date && mention.dateTexts.some((candidate) => findDatePhrases(candidate.text)[0]?.kind === 'vague'))
    return { date: null, publicationEvidence: null };
  if (
    (!date || (date.kind === 'context' && date.precision === 'year')) &&
    reference?.basis === 'published' &&
    mention.zone === 'body'
  ) {
    return {
      date: { date: reference.date, dateEnd: null, precision: 'day', explicit: true, kind: 'published' },
      publicationEvidence: {
        text: reference.date,
        start: mention.sentenceStart,
        end: mention.sentenceStart,
        rule: 'date.publication',
      },
    };
  }
  return { date, publicationEvidence: null };
}

/** The first day of a date of any precision ("2026" -> "2026-01-01"). */
const startDay = (date: string) => (date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date);

type Scored = ResolvedDate & { kind: keyof typeof KIND_ORDER; distance: number };

/**
 * Which of two dates a mention states is its date, in this order: executed beats announced beats
 * the section's year; the finer precision; a date of its own over a relative one ("in 2025" over
 * "over the year"); the one nearer the action word ("began selling in May and accelerated in June,
 * when it sold more than 7,000 bitcoin" sold them in June). Negative when `a` is the better.
 */
function compareDates(a: Scored, b: Scored): number {
  return (
    KIND_ORDER[b.kind] - KIND_ORDER[a.kind] ||
    PRECISION_ORDER[b.precision] - PRECISION_ORDER[a.precision] ||
    Number(Boolean(a.relative)) - Number(Boolean(b.relative)) ||
    a.distance - b.distance
  );
}

/** The mention's date: the best of the date phrases of its clause, resolved against the reference. */
function pickDate(
  mention: DateInputs,
  reference: DateReference | null,
  numericOrder: NumericOrder | null,
): (ResolvedDate & { kind: DateKind }) | null {
  const at = mention.provenance.action?.[0]?.start ?? mention.sentenceStart;
  let best: Scored | null = null;
  for (const candidate of mention.dateTexts) {
    const contextYear = candidate.kind === 'context' ? null : mention.contextYear;
    // "down from 569 in December" beside "496 in January": the December before that January.
    const comparedWith = candidate.notAfter
      ? resolveDatePhrase(candidate.notAfter, reference, contextYear, numericOrder)
      : null;
    const resolved = comparedWith
      ? resolveDatePhrase(candidate.text, { date: startDay(comparedWith.date), basis: 'published' }, null, numericOrder)
      : resolveDatePhrase(candidate.text, reference, contextYear, numericOrder);
    if (!resolved) continue;
    const scored = { ...resolved, kind: candidate.kind, distance: Math.abs(candidate.start - at) };
    // The first stated wins a tie.
    if (!best || compareDates(scored, best) < 0) best = scored;
  }
  return best;
}
