import type { Interval, TransactionMention } from '../schema/mention.js';
import { compareText } from '../compareText.js';
import { lowerBound } from '../lowerBound.js';
import { formatNumber } from './candidates.js';
import {
  boundsOverlap,
  DATE_WINDOW_DAYS,
  DAY_MS,
  dateRange,
  statedValue,
  VALUE_TOLERANCE,
  valuesClose,
  type StatedValue,
} from './compatible.js';
import {
  addToClusterFacts,
  clusterFactsOf,
  statedDays,
  weigh,
  type ClusterFacts,
  type ReportFacts,
  type Weighed,
} from './sameTransaction.js';

/** One transaction's reports, and in words why reports with differing counts were (or were not) taken as one. */
export interface Clustered {
  members: TransactionMention[];
  notes: string[];
}

/**
 * Groups the mentions of one block (company, asset, action) into transactions. Mentions are
 * taken in a canonical order (exact and dated first, then by quantity, date, key), so the result
 * does not depend on the order articles arrived in. A mention joins the closest compatible
 * cluster; clusters are kept sorted by their seed quantity and only those whose quantity could
 * overlap are compared, so a block of n mentions costs about n log n.
 *
 * Value-only reports ("sold $250 million of bitcoin") come after every counted one, in a canonical
 * order of their own: each joins the closest cluster, counted or not, stating a value close to its
 * own (same currency) whose dates fit, else starts one. Values are kept sorted per currency, so
 * this too costs about n log n; a block without value-only reports does no more work than before.
 */
export function clusterBlock(mentions: TransactionMention[]): Clustered[] {
  const counted: Counted[] = [];
  const valueOnly: Facts[] = [];
  for (const mention of mentions) {
    const fact = facts(mention);
    if (isCounted(fact)) counted.push(fact);
    else valueOnly.push(fact);
  }
  const clusters: Cluster[] = clusterCounted(counted.sort(canonicalOrder));
  if (valueOnly.length > 0) placeValueOnly(valueOnly.sort(valueOrder), clusters);
  return clusters.map((cluster) => ({ members: cluster.members, notes: cluster.notes }));
}

function clusterCounted(ordered: Counted[]): CountedCluster[] {
  const clusters: CountedCluster[] = [];
  // The seeds' counts, side by side with `clusters`: a report scans a few dozen seeds near its count
  // and weighs the one or two it overlaps, so the scan reads numbers in a row, not clusters.
  const seedValues: number[] = [];
  const seedLows: number[] = [];
  const seedHighs: number[] = [];
  // Clusters by a stated day or holdings figure: where a report with another count may still belong.
  const byFact = new Map<string, CountedCluster[]>();
  let turn = 0;
  // What the clusters weighed so far say for this report (one object for the block, not one per report).
  const choice: Choice = { best: null, bestWeighed: null, bestDistance: 0, refused: null, refusedWeighed: null };
  for (const mention of ordered) {
    // Clusters weighed for this mention are stamped with its turn (no Set per mention).
    const stamp = ++turn;
    const { quantity } = mention;
    const lowest = quantity.low * 0.99 - 1;
    const highest = quantity.high * 1.01 + 1;
    let index = lowerBound(seedValues, (value) => value * 1.5 + 1 < lowest);
    forget(choice);
    // Seeds are sorted by value; hedged seeds can be wide, so scan while seeds could still overlap.
    const { low, high, value } = quantity;
    for (; index < clusters.length && seedLows[index] <= highest * 1.5; index++) {
      if (!boundsOverlap(seedLows[index], seedHighs[index], seedValues[index], low, high, value)) continue;
      const cluster = clusters[index];
      cluster.stamp = stamp;
      consider(choice, cluster, mention);
    }
    // Another count, the same day or holdings: weighed too (a bounded number of them, so a crowded day stays cheap).
    let looked = 0;
    const keys = factKeys(mention);
    weighOthers: for (const key of keys) {
      for (const cluster of byFact.get(key) ?? []) {
        if (looked >= MAX_OTHER_COUNTS) break weighOthers;
        if (cluster.stamp === stamp) continue;
        cluster.stamp = stamp;
        looked++;
        consider(choice, cluster, mention);
      }
    }
    const { best: chosen, refused } = choice;
    if (chosen) {
      if (!choice.bestWeighed!.quantityAgrees) {
        const inWords = weigh(mention, chosen.facts);
        chosen.notes.push(`${describe(mention)} joined: ${inWords.reasons.join(', ')}; score ${inWords.score}`);
      }
      join(chosen, mention);
      indexFacts(byFact, chosen, keys);
    } else {
      const at = lowerBound(seedValues, (value) => value < quantity.value);
      const cluster = seeded(mention);
      // Said only when something spoke for one transaction: a report kept apart from its neighbour of the same day or trail.
      if (refused && choice.refusedWeighed!.anyFor) {
        const inWords = weigh(mention, refused.facts);
        cluster.notes.push(
          `kept apart from ${describe(refused.seed)}: ${inWords.reasons.join(', ')}; score ${inWords.score}`,
        );
      }
      clusters.splice(at, 0, cluster);
      seedValues.splice(at, 0, quantity.value);
      seedLows.splice(at, 0, quantity.low);
      seedHighs.splice(at, 0, quantity.high);
      indexFacts(byFact, cluster, keys);
    }
  }
  return clusters;
}

/** The cluster a report joins so far, and the nearest that refused it (for the note saying why it was kept apart). */
interface Choice {
  best: CountedCluster | null;
  bestWeighed: Weighed | null;
  bestDistance: number;
  refused: CountedCluster | null;
  refusedWeighed: Weighed | null;
}

function forget(choice: Choice) {
  choice.best = choice.refused = null;
  choice.bestWeighed = choice.refusedWeighed = null;
}

/** Weighs `mention` against `cluster` and keeps the cluster in `choice` if it is the best so far. */
function consider(choice: Choice, cluster: CountedCluster, mention: Counted) {
  if (!datesFitCluster(cluster, mention)) return;
  const weighed = weigh(mention, cluster.facts, false);
  if (weighed.score <= 0) {
    if (!choice.refused || weighed.score > choice.refusedWeighed!.score) {
      choice.refused = cluster;
      choice.refusedWeighed = weighed;
    }
    return;
  }
  // Weekly buyers add similar amounts week after week: the closer date matters as much as the closer figure.
  // One page's repeated figure (headline, body, FAQ) is one transaction: prefer the cluster holding its sibling.
  const { value } = mention.quantity;
  const sibling = cluster.facts.documents.has(mention.document) ? -0.5 : 0;
  const distance =
    Math.abs(cluster.seed.quantity.value - value) / Math.max(1, value) + dateDistance(cluster.seed, mention) + sibling;
  // The same count first (as before weighing existed), then the stronger evidence, then the closer.
  const best = choice.bestWeighed;
  if (
    !choice.best ||
    Number(weighed.quantityAgrees) > Number(best!.quantityAgrees) ||
    (weighed.quantityAgrees === best!.quantityAgrees &&
      (weighed.score > best!.score || (weighed.score === best!.score && distance < choice.bestDistance)))
  ) {
    choice.best = cluster;
    choice.bestWeighed = weighed;
    choice.bestDistance = distance;
  }
}

/** How many clusters with another count one report is weighed against, at most. */
const MAX_OTHER_COUNTS = 64;

/** The stated days and exact holdings a report gives, as keys into the clusters stating the same. */
function factKeys(mention: Counted): string[] {
  const keys: string[] = [];
  const days = mention.statedDays;
  if (days) for (let day = days.first; day <= days.last; day += DAY_MS) keys.push(`d${day}`);
  const { holdingsAfter, holdingsBefore } = mention.mention;
  if (holdingsAfter && !holdingsAfter.approx) keys.push(`a${holdingsAfter.value}`);
  if (holdingsBefore && !holdingsBefore.approx) keys.push(`b${holdingsBefore.value}`);
  return keys;
}

function indexFacts(byFact: Map<string, CountedCluster[]>, cluster: CountedCluster, keys: string[]) {
  for (const key of keys) {
    const list = byFact.get(key);
    if (!list) byFact.set(key, [cluster]);
    else if (!list.includes(cluster)) list.push(cluster);
  }
}

const describe = (fact: Facts) =>
  `${fact.quantity ? `${fact.quantity.approx ? '~' : ''}${formatNumber(fact.quantity.value)}` : 'a value-only report'}` +
  ` (${fact.mention.source}${fact.mention.date ? `, ${fact.mention.date}` : ''})`;

/** A value a cluster states, by which value-only reports find it. */
interface Anchor {
  amount: number;
  cluster: Cluster;
}

/**
 * Value-only reports join a cluster by its stated values: every distinct value its counted members
 * state ("4,451 BTC for $305 million"), or the seed's value for a cluster of value-only reports.
 * A report that joins adds no value of its own, so a chain of near values cannot drift.
 */
function placeValueOnly(ordered: Facts[], clusters: Cluster[]) {
  const anchors = new Map<string, Anchor[]>();
  const listOf = (currency: string) => {
    let list = anchors.get(currency);
    if (!list) anchors.set(currency, (list = []));
    return list;
  };
  for (const cluster of clusters) {
    for (const member of cluster.members) {
      const value = statedValue(member);
      if (value) listOf(value.currency).push({ amount: value.amount, cluster });
    }
  }
  for (const [currency, list] of anchors) {
    // A stable sort: a cluster's repeats of one value end up side by side, and are kept once.
    list.sort((a, b) => a.amount - b.amount);
    anchors.set(
      currency,
      list.filter(
        (anchor, index) =>
          index === 0 || anchor.amount !== list[index - 1].amount || anchor.cluster !== list[index - 1].cluster,
      ),
    );
  }
  for (const mention of ordered) {
    const { value } = mention;
    if (!value) {
      // Neither count nor value (the schema refuses it; a hand-made mention may not): nothing to compare it by.
      clusters.push(seeded(mention));
      continue;
    }
    const list = listOf(value.currency);
    let best: Cluster | null = null;
    let bestDistance = Infinity;
    // Close values lie within [(1 - t) v, v / (1 - t)]: a window of the sorted list.
    let index = lowerBound(list, (anchor) => anchor.amount < value.amount * (1 - VALUE_TOLERANCE));
    for (; index < list.length && list[index].amount * (1 - VALUE_TOLERANCE) <= value.amount; index++) {
      const { amount, cluster } = list[index];
      if (!valuesClose(amount, value.amount) || !datesFitCluster(cluster, mention)) continue;
      const sibling = cluster.facts.documents.has(mention.document) ? -0.5 : 0;
      const distance =
        Math.abs(amount - value.amount) / Math.max(1, value.amount) + dateDistance(cluster.seed, mention) + sibling;
      if (distance < bestDistance) [best, bestDistance] = [cluster, distance];
    }
    if (best) join(best, mention);
    else {
      const cluster = seeded(mention);
      clusters.push(cluster);
      list.splice(
        lowerBound(list, (anchor) => anchor.amount < value.amount),
        0,
        { amount: value.amount, cluster },
      );
    }
  }
}

/** What clustering asks of a mention, worked out once (not once per comparison): what weighing asks, and more. */
interface Facts extends ReportFacts {
  /** the stated value a value-only report is compared by; null for a counted one (compared by quantity) */
  value: StatedValue | null;
  /** 0 exact and dated ... 3 hedged and undated: the order mentions are taken in */
  tier: number;
  /** first and last day the date covers, in ms; null when undated or the date was only guessed */
  first: number | null;
  last: number | null;
}
type Counted = Facts & { quantity: Interval };
const isCounted = (fact: Facts): fact is Counted => fact.quantity !== null;

/**
 * A cluster keeps what compatibility with every member needs: the latest first day and the
 * earliest last day among its dated members (a mention fits all of them exactly when it fits
 * these two), and what weighing a report against it needs (its facts: the documents it holds among them).
 */
interface Cluster {
  seed: Facts;
  members: TransactionMention[];
  latestFirst: number;
  earliestLast: number;
  facts: ClusterFacts;
  notes: string[];
  stamp: number;
}
type CountedCluster = Cluster & { seed: Counted };

function facts(mention: TransactionMention): Facts {
  // The section's year is a guess at when, not a statement: it never keeps a report out of a transaction.
  const guessed = mention.dateKind === 'context';
  const dated = Boolean(mention.date) && !guessed;
  const dateFirst = dated ? firstDayMs(mention.date!) : null;
  const last = dated ? lastDayMs(mention.dateEnd ?? mention.date!) : null;
  // A page's own day is an upper bound, not a date: the transaction was done on it or before.
  const first = mention.dateKind === 'published' && dateFirst !== null ? Number.MIN_SAFE_INTEGER : dateFirst;
  const { quantity } = mention;
  const approx = quantity ? quantity.approx : (mention.totalUsd?.approx ?? false);
  const document = mention.key.slice(0, mention.key.indexOf(':'));
  return {
    mention,
    quantity,
    value: quantity ? null : statedValue(mention),
    tier: (approx ? 2 : 0) + (mention.date ? 0 : 1),
    document,
    first,
    last,
    statedDays: statedDays(mention, dateFirst, last),
    severalCue: undefined,
  };
}

/**
 * The first and last day (ms) a stated date covers, as dateRange gives them, parsed once per date
 * written: a block's reports name a few thousand dates, each stated by many reports (bounded memos).
 */
const firstDays = new Map<string, number>();
const lastDays = new Map<string, number>();
const firstDayMs = (date: string) => rememberedDay(firstDays, date, 0);
const lastDayMs = (end: string) => rememberedDay(lastDays, end, 1);

function rememberedDay(memo: Map<string, number>, date: string, which: 0 | 1): number {
  let ms = memo.get(date);
  if (ms === undefined) {
    if (memo.size >= 100_000) memo.clear();
    memo.set(date, (ms = Date.parse(dateRange(date, null)[which])));
  }
  return ms;
}

function seeded<Seed extends Facts>(mention: Seed): Cluster & { seed: Seed } {
  const cluster = {
    seed: mention,
    members: [mention.mention],
    latestFirst: -Infinity,
    earliestLast: Infinity,
    facts: clusterFactsOf(mention),
    notes: [],
    stamp: 0,
  };
  narrowDates(cluster, mention);
  return cluster;
}

function join(cluster: Cluster, mention: Facts) {
  cluster.members.push(mention.mention);
  addToClusterFacts(cluster.facts, mention);
  narrowDates(cluster, mention);
}

function narrowDates(cluster: Cluster, mention: Facts) {
  if (mention.first !== null && mention.last !== null) {
    cluster.latestFirst = Math.max(cluster.latestFirst, mention.first);
    cluster.earliestLast = Math.min(cluster.earliestLast, mention.last);
  }
}

/**
 * Two dated reports can be of one transaction when their ranges come within DATE_WINDOW_DAYS of each
 * other; a mention fits a cluster when it is so with every dated member, tested in constant time.
 */
function datesFitCluster(cluster: Cluster, mention: Facts): boolean {
  if (mention.first === null || mention.last === null) return true;
  const window = DATE_WINDOW_DAYS * DAY_MS;
  return cluster.latestFirst - window <= mention.last && mention.first - window <= cluster.earliestLast;
}

/** 0 when the date ranges overlap (or one is missing), else the gap in units of ten days. */
function dateDistance(a: Facts, b: Facts): number {
  if (a.first === null || a.last === null || b.first === null || b.last === null) return 0;
  const gap = Math.max(0, a.first - b.last, b.first - a.last);
  return gap / (10 * DAY_MS);
}

function canonicalOrder(a: Counted, b: Counted): number {
  return (
    a.tier - b.tier ||
    a.quantity.value - b.quantity.value ||
    compareText(a.mention.date ?? '', b.mention.date ?? '') ||
    compareText(a.mention.key, b.mention.key)
  );
}

/** The same for value-only reports: exact and dated first, then by currency, value, date, key. */
function valueOrder(a: Facts, b: Facts): number {
  return (
    a.tier - b.tier ||
    compareText(a.value?.currency ?? '', b.value?.currency ?? '') ||
    (a.value?.amount ?? 0) - (b.value?.amount ?? 0) ||
    compareText(a.mention.date ?? '', b.mention.date ?? '') ||
    compareText(a.mention.key, b.mention.key)
  );
}
