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

/**
 * What a cluster's members state, kept as they join (a few distinct values each: enough to weigh).
 * A clustering holds one of these per transaction of a block until the block is resolved, so they
 * are small: a list is the shared empty one until a member states something for it, and a set
 * holds its first member without a Set (most transactions are told by one page, one story).
 */
export interface ClusterFacts {
  quantities: Interval[];
  after: Interval[];
  before: Interval[];
  totals: Interval[];
  prices: Interval[];
  days: StatedDays[];
  companyQuantities: Interval[];
  documents: FewStrings;
  origins: FewStrings;
  /**
   * Quantities by the page that states them: one page stating two counts tells them apart. Null
   * while every counted member is of one page (`quantityPage`): its quantities are `quantities`.
   */
  pageQuantities: Map<string, Interval[]> | null;
  quantityPage: string | null;
  /** the members' distinct evidence texts (a few), read for words of several transactions when counts differ */
  evidence: FewStrings;
  severalCue?: boolean;
}

/** A set of strings that holds its first one without a Set. */
export class FewStrings {
  private rest: Set<string> | null = null;
  constructor(private readonly first: string) {}
  has(text: string): boolean {
    return text === this.first || (this.rest !== null && this.rest.has(text));
  }
  add(text: string) {
    if (text === this.first) return;
    (this.rest ??= new Set()).add(text);
  }
  get size(): number {
    return 1 + (this.rest?.size ?? 0);
  }
  /** In the order added, as a Set gives them. */
  *[Symbol.iterator](): Iterator<string> {
    yield this.first;
    if (this.rest) yield* this.rest;
  }
}

const KEEP = 8;
/** The list no member has added to yet, shared by every cluster: never pushed to (addDistinct makes a new one). */
const NONE: Interval[] = Object.freeze([]) as unknown as Interval[];
const NO_DAYS: StatedDays[] = Object.freeze([]) as unknown as StatedDays[];
/** `list` with `value` added unless it holds it (or holds KEEP values already): the list to keep. */
const addDistinct = (list: Interval[], value: Interval | null): Interval[] => {
  if (!value || list.length >= KEEP || anyOf(list, sameFigure, value)) return list;
  if (list === NONE) return [value];
  list.push(value);
  return list;
};

/**
 * list.some((item) => test(item, arg)), without a closure per call: clustering adds and weighs
 * millions of values, and every callback that captures one is an allocation for the young
 * generation to collect. Tests are functions of the module, given what they compare with.
 */
function anyOf<T, A>(list: readonly T[], test: (item: T, arg: A) => boolean, arg: A): boolean {
  return firstOf(list, test, arg) !== undefined;
}
/** list.find((item) => test(item, arg)), the same way. */
function firstOf<T, A>(list: readonly T[], test: (item: T, arg: A) => boolean, arg: A): T | undefined {
  for (let index = 0; index < list.length; index++) if (test(list[index], arg)) return list[index];
  return undefined;
}
const sameFigure = (known: Interval, value: Interval) => known.value === value.value && known.approx === value.approx;
const sameDays = (known: StatedDays, days: StatedDays) =>
  known.first === days.first && known.last === days.last && known.kind === days.kind;
const daysOverlap = (known: StatedDays, days: StatedDays) => known.first <= days.last && days.first <= known.last;
const ofKind = (known: StatedDays, kind: StatedDays['kind']) => known.kind === kind;
const apart = (known: Interval, value: Interval) => !intervalsOverlap(known, value);
const closeTo = (known: Interval, value: number) => valuesClose(known.value, value);
const agreesAsMoney = (known: Interval, value: Interval) =>
  intervalsOverlap(known, value) || valuesClose(known.value, value.value);

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

/** The facts of a cluster whose first member is `report`. */
export function clusterFactsOf(report: ReportFacts): ClusterFacts {
  const facts: ClusterFacts = {
    quantities: NONE,
    after: NONE,
    before: NONE,
    totals: NONE,
    prices: NONE,
    days: NO_DAYS,
    companyQuantities: NONE,
    documents: new FewStrings(report.document),
    origins: new FewStrings(report.mention.origin),
    pageQuantities: null,
    quantityPage: null,
    evidence: new FewStrings(report.mention.evidence),
  };
  addToClusterFacts(facts, report);
  return facts;
}

export function addToClusterFacts(facts: ClusterFacts, report: ReportFacts) {
  const { mention, quantity, document } = report;
  if (quantity) {
    if (facts.pageQuantities === null && facts.quantityPage !== null && facts.quantityPage !== document)
      // A second page states a count: from here on each page's counts are kept apart.
      facts.pageQuantities = new Map([[facts.quantityPage, facts.quantities.slice()]]);
    if (facts.pageQuantities)
      facts.pageQuantities.set(document, addDistinct(facts.pageQuantities.get(document) ?? NONE, quantity));
    else facts.quantityPage = document;
  }
  facts.quantities = addDistinct(facts.quantities, quantity);
  facts.after = addDistinct(facts.after, mention.holdingsAfter);
  facts.before = addDistinct(facts.before, mention.holdingsBefore);
  facts.totals = addDistinct(facts.totals, mention.totalUsd);
  facts.prices = addDistinct(facts.prices, mention.unitPriceUsd);
  if (mention.sourceRank === 3) facts.companyQuantities = addDistinct(facts.companyQuantities, quantity);
  const days = report.statedDays;
  if (days && facts.days.length < KEEP && !anyOf(facts.days, sameDays, days))
    if (facts.days === NO_DAYS) facts.days = [days];
    else facts.days.push(days);
  facts.documents.add(document);
  facts.origins.add(mention.origin);
  if (facts.evidence.size < KEEP && !facts.evidence.has(mention.evidence)) {
    facts.evidence.add(mention.evidence);
    if (facts.severalCue === false) facts.severalCue = undefined;
  }
}

/** The counts the cluster's members on `document` state (undefined when none there states a count). */
function quantitiesOfPage(facts: ClusterFacts, document: string): Interval[] | undefined {
  if (facts.pageQuantities) return facts.pageQuantities.get(document);
  return facts.quantityPage === document ? facts.quantities : undefined;
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
    const samePage = quantitiesOfPage(cluster, report.document);
    const pageTellsApart = samePage !== undefined && !anyOf(samePage, closeTo, quantity.value);
    quantityAgrees = anyOf(cluster.quantities, intervalsOverlap, quantity) && !pageTellsApart;
    if (quantityAgrees) tally(sum, WEIGHTS.quantityAgrees, inWords && (() => `same quantity (${figure(quantity)})`));
    else {
      tally(
        sum,
        WEIGHTS.quantityDiffers,
        inWords && (() => `quantities differ (${figure(quantity)} vs ${cluster.quantities.map(figure).join(', ')})`),
      );
      if (pageTellsApart) tally(sum, WEIGHTS.samePage, inWords && (() => 'one page states both counts'));
      if (mention.sourceRank === 3 && anyOf(cluster.companyQuantities, apart, quantity))
        tally(sum, WEIGHTS.companyStatesBoth, inWords && (() => "the company's own releases state both counts"));
      if (reportSaysSeveral(report) || clusterSaysSeveral(cluster))
        tally(sum, WEIGHTS.severalSales, inWords && (() => 'a report says there was more than one transaction'));
      if (!cluster.documents.has(report.document) && cluster.origins.has(mention.origin))
        tally(sum, WEIGHTS.sameStory, inWords && (() => 'the same story on another page'));
    }
  }
  const days = report.statedDays;
  if (days && cluster.days.length > 0) {
    const shared = firstOf(cluster.days, daysOverlap, days);
    // A sale done on the 8th and told on the 10th: days of different kinds differ as a matter of course.
    if (shared) tally(sum, WEIGHTS.sameDay, inWords && (() => `same day (${dayLabel(shared)})`));
    else if (anyOf(cluster.days, ofKind, days.kind))
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
  if (anyOf(known, intervalsOverlap, value))
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
  if (anyOf(known, agreesAsMoney, value))
    tally(sum, WEIGHTS.valueAgrees, inWords && (() => `same ${name} ($${figure(value)})`));
  else
    tally(
      sum,
      WEIGHTS.valueDiffers,
      inWords && (() => `different ${name} ($${figure(value)} vs ${known.map((k) => `$${figure(k)}`).join(', ')})`),
    );
}
