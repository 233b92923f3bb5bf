import type { Interval, TransactionMention } from '../schema/mention.js';
import { formatNumber } from './candidates.js';
import { DAY_MS, intervalsOverlap, valuesClose } from './compatible.js';

/**
 * Are a report and a cluster of reports one transaction? Each fact both state is weighed: agreeing
 * facts count for, disagreeing ones against, and every weight comes with its reason in words, so
 * an event can say why two differing figures were taken as one sale (or why a report was kept
 * apart). A report joins when the sum is above zero. Weights, strongest first:
 *
 * - quantity: the same count (intervals overlap, near-agreement included) is the usual sign of
 *   one transaction (+4); a different count speaks against it (-3), but can be outweighed.
 * - the same stated day (both reports give the day it was done or announced, and the days
 *   overlap) is strong (+4): one company rarely makes two sales of one coin on one day, and when
 *   it does the reports say so (below). A coarse date ("in March") that contains the other's day
 *   only fails to contradict it (0); a date the reader guessed (the page's own day, the section's
 *   year) is no evidence at all.
 * - the holdings trail: the same holdings after, or before (+3 each); different ones (-3 each).
 * - total and unit price agreeing (+1 each) or not (-1 each): they are often rounded or misquoted.
 * - the same story (near-identical texts on different pages, one origin): +2.
 * - against: one page stating both counts (-3: it tells them apart itself), the company's own
 *   releases stating both (-2), and words saying there were several ("two sales", "a second
 *   sale", "another 300 BTC": -3).
 */
export const WEIGHTS = {
  quantityAgrees: 4,
  quantityDiffers: -3,
  sameDay: 4,
  differentDays: -1,
  holdingsAgree: 3,
  holdingsDiffer: -3,
  valueAgrees: 1,
  valueDiffers: -1,
  sameStory: 2,
  samePage: -3,
  companyStatesBoth: -2,
  severalSales: -3,
} as const;

/** Words that say a company made more than one transaction ("two sales", "a second sale", "another 300 BTC", "in two tranches"). */
const PLURAL_DEALS = String.raw`(?:sales|purchases|transactions|trades|tranches|transfers|acquisitions|disposals)`;
const ONE_DEAL = String.raw`(?:sale|purchase|transaction|trade|tranche|transfer|acquisition)`;
export const SEVERAL_TRANSACTIONS = new RegExp(
  [
    String.raw`\b(?:two|three|four|several|separate|multiple|2|3)\s+(?:separate\s+)?${PLURAL_DEALS}\b`,
    String.raw`\b(?:a|the)\s+(?:second|third|further|separate)\s+${ONE_DEAL}\b`,
    String.raw`\banother\s+[\d,.]+\s*(?:[kKmM]\s*)?(?:[A-Z]{2,5}\b|bitcoins?|ether|coins|tokens)`,
  ].join('|'),
);

/** Stated days are ranges of at most this many days ("Feb. 7-8", "the week of March 2"); longer ones are coarse. */
const DAY_RANGE_DAYS = 7;

/** What a report brings to the comparison, worked out once. */
export interface ReportFacts {
  mention: TransactionMention;
  quantity: Interval | null;
  document: string;
  /** the days the report states it was done or announced on, as first and last ms; null when it states no day */
  statedDays: StatedDays | null;
  /** read only when counts differ (most comparisons never need it): undefined until then */
  severalCue?: boolean;
}

/** What a cluster's members state, kept as they join (a few distinct values each: enough to weigh). */
export interface ClusterFacts {
  quantities: Interval[];
  after: Interval[];
  before: Interval[];
  totals: Interval[];
  prices: Interval[];
  days: StatedDays[];
  companyQuantities: Interval[];
  documents: Set<string>;
  origins: Set<string>;
  /** quantities by the page that states them: one page stating two counts tells them apart (made with the first) */
  pageQuantities: Map<string, Interval[]> | null;
  /** the members' distinct evidence texts (a few), read for words of several transactions when counts differ */
  evidence: Set<string>;
  severalCue?: boolean;
}

const KEEP = 8;
const addDistinct = (list: Interval[], value: Interval | null) => {
  if (
    value &&
    list.length < KEEP &&
    !list.some((known) => known.value === value.value && known.approx === value.approx)
  )
    list.push(value);
};

/** The first and last day (ms) a report states, and whether it is when it was done or when it was said. */
export interface StatedDays {
  first: number;
  last: number;
  kind: 'executed' | 'announced';
}

export function statedDays(mention: TransactionMention, first: number | null, last: number | null): StatedDays | null {
  if (first === null || last === null || (mention.dateKind !== 'executed' && mention.dateKind !== 'announced'))
    return null;
  if (mention.date?.length !== 10 || (mention.dateEnd !== null && mention.dateEnd.length !== 10)) return null;
  return last - first <= (DAY_RANGE_DAYS - 1) * DAY_MS ? { first, last, kind: mention.dateKind } : null;
}

export function reportFacts(
  mention: TransactionMention,
  document: string,
  first: number | null,
  last: number | null,
): ReportFacts {
  return { mention, quantity: mention.quantity, document, statedDays: statedDays(mention, first, last) };
}

export function emptyClusterFacts(): ClusterFacts {
  return {
    quantities: [],
    after: [],
    before: [],
    totals: [],
    prices: [],
    days: [],
    companyQuantities: [],
    documents: new Set(),
    origins: new Set(),
    pageQuantities: null,
    evidence: new Set(),
  };
}

export function addToClusterFacts(facts: ClusterFacts, report: ReportFacts) {
  const { mention } = report;
  addDistinct(facts.quantities, report.quantity);
  addDistinct(facts.after, mention.holdingsAfter);
  addDistinct(facts.before, mention.holdingsBefore);
  addDistinct(facts.totals, mention.totalUsd);
  addDistinct(facts.prices, mention.unitPriceUsd);
  if (mention.sourceRank === 3) addDistinct(facts.companyQuantities, report.quantity);
  const days = report.statedDays;
  if (
    days &&
    facts.days.length < KEEP &&
    !facts.days.some((known) => known.first === days.first && known.last === days.last && known.kind === days.kind)
  )
    facts.days.push(days);
  facts.documents.add(report.document);
  facts.origins.add(mention.origin);
  if (report.quantity) {
    facts.pageQuantities ??= new Map();
    let list = facts.pageQuantities.get(report.document);
    if (!list) facts.pageQuantities.set(report.document, (list = []));
    addDistinct(list, report.quantity);
  }
  if (facts.evidence.size < KEEP && !facts.evidence.has(mention.evidence)) {
    facts.evidence.add(mention.evidence);
    if (facts.severalCue === false) facts.severalCue = undefined;
  }
}

const reportSaysSeveral = (report: ReportFacts) =>
  (report.severalCue ??= SEVERAL_TRANSACTIONS.test(report.mention.evidence));
const clusterSaysSeveral = (facts: ClusterFacts) =>
  (facts.severalCue ??= [...facts.evidence].some((text) => SEVERAL_TRANSACTIONS.test(text)));

/** The sum, its reasons in words (when asked for), whether the counts agree, and whether anything at all spoke for one transaction. */
export interface Weighed {
  score: number;
  reasons: string[];
  quantityAgrees: boolean;
  anyFor: boolean;
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayLabel = ({ first, last }: StatedDays) =>
  first === last ? isoDay(first) : `${isoDay(first)}..${isoDay(last)}`;
const figure = (interval: Interval) => `${interval.approx ? '~' : ''}${formatNumber(interval.value)}`;
const overlapsAny = (list: Interval[], value: Interval) => list.some((known) => intervalsOverlap(known, value));
const moneyAgrees = (list: Interval[], value: Interval) =>
  list.some((known) => intervalsOverlap(known, value) || valuesClose(known.value, value.value));

/** The running sum of one weighing; reasons only when they are asked for. */
interface Tally {
  score: number;
  anyFor: boolean;
  reasons: string[] | null;
}

/** Adds a weight. `words` is false when no reasons are asked for, so no closure is built per weight (clustering weighs millions of pairs). */
function tally(sum: Tally, weight: number, words: false | (() => string)) {
  sum.score += weight;
  sum.anyFor ||= weight > 0;
  if (words) sum.reasons!.push(`${words()} (${weight > 0 ? '+' : ''}${weight})`);
}

/** Reasons of a weighing made without words: none, and never added to. */
const NO_REASONS: string[] = Object.freeze([]) as unknown as string[];

/** The evidence for and against `report` being one more report of the cluster's transaction. */
export function weigh(report: ReportFacts, cluster: ClusterFacts, inWords = true): Weighed {
  // Words cost more than the sums: clustering weighs without them and asks again for the pair it keeps.
  const sum: Tally = { score: 0, anyFor: false, reasons: inWords ? [] : null };
  const { mention, quantity } = report;
  let quantityAgrees = true;
  if (quantity && cluster.quantities.length > 0) {
    // One page that states two figures far apart tells two transactions, even when its hedges let
    // them overlap ("more than 7,000 BTC in June" and "almost 10,000 across May and June").
    const samePage = cluster.pageQuantities?.get(report.document);
    const pageTellsApart =
      samePage !== undefined && !samePage.some((known) => valuesClose(known.value, quantity.value));
    quantityAgrees = overlapsAny(cluster.quantities, quantity) && !pageTellsApart;
    if (quantityAgrees) tally(sum, WEIGHTS.quantityAgrees, inWords && (() => `same quantity (${figure(quantity)})`));
    else {
      tally(
        sum,
        WEIGHTS.quantityDiffers,
        inWords && (() => `quantities differ (${figure(quantity)} vs ${cluster.quantities.map(figure).join(', ')})`),
      );
      if (pageTellsApart) tally(sum, WEIGHTS.samePage, inWords && (() => 'one page states both counts'));
      if (mention.sourceRank === 3 && cluster.companyQuantities.some((known) => !intervalsOverlap(known, quantity)))
        tally(sum, WEIGHTS.companyStatesBoth, inWords && (() => "the company's own releases state both counts"));
      if (reportSaysSeveral(report) || clusterSaysSeveral(cluster))
        tally(sum, WEIGHTS.severalSales, inWords && (() => 'a report says there was more than one transaction'));
      if (!cluster.documents.has(report.document) && cluster.origins.has(mention.origin))
        tally(sum, WEIGHTS.sameStory, inWords && (() => 'the same story on another page'));
    }
  }
  const days = report.statedDays;
  if (days && cluster.days.length > 0) {
    const shared = cluster.days.find((known) => known.first <= days.last && days.first <= known.last);
    // A sale done on the 8th and told on the 10th: days of different kinds differ as a matter of course.
    if (shared) tally(sum, WEIGHTS.sameDay, inWords && (() => `same day (${dayLabel(shared)})`));
    else if (cluster.days.some((known) => known.kind === days.kind))
      tally(
        sum,
        WEIGHTS.differentDays,
        inWords &&
          (() =>
            `different ${days.kind === 'executed' ? 'execution' : 'announcement'} days (${dayLabel(days)} vs ${cluster.days
              .filter((known) => known.kind === days.kind)
              .map(dayLabel)
              .join(', ')})`),
      );
  }
  weighHoldings(sum, 'after', mention.holdingsAfter, cluster.after, inWords);
  weighHoldings(sum, 'before', mention.holdingsBefore, cluster.before, inWords);
  weighMoney(sum, 'total', mention.totalUsd, cluster.totals, inWords);
  weighMoney(sum, 'unit price', mention.unitPriceUsd, cluster.prices, inWords);
  return { score: sum.score, reasons: sum.reasons ?? NO_REASONS, quantityAgrees, anyFor: sum.anyFor };
}

function weighHoldings(sum: Tally, name: string, value: Interval | null, known: Interval[], inWords: boolean) {
  if (!value || known.length === 0) return;
  if (overlapsAny(known, value))
    tally(sum, WEIGHTS.holdingsAgree, inWords && (() => `same holdings ${name} (${figure(value)})`));
  else
    tally(
      sum,
      WEIGHTS.holdingsDiffer,
      inWords && (() => `different holdings ${name} (${figure(value)} vs ${known.map(figure).join(', ')})`),
    );
}

function weighMoney(sum: Tally, name: string, value: Interval | null, known: Interval[], inWords: boolean) {
  if (!value || known.length === 0) return;
  if (moneyAgrees(known, value)) tally(sum, WEIGHTS.valueAgrees, inWords && (() => `same ${name} ($${figure(value)})`));
  else
    tally(
      sum,
      WEIGHTS.valueDiffers,
      inWords && (() => `different ${name} ($${figure(value)} vs ${known.map((k) => `$${figure(k)}`).join(', ')})`),
    );
}
