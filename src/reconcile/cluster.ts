import type { TransactionMention } from '../schema/mention.js';
import { lowerBound } from '../lowerBound.js';
import { DATE_WINDOW_DAYS, DAY_MS, dateRange, intervalsOverlap } from './compatible.js';

/**
 * Groups the mentions of one block (company, asset, action) into transactions. Mentions are
 * taken in a canonical order (exact and dated first, then by quantity, date, key), so the result
 * does not depend on the order articles arrived in. A mention joins the closest compatible
 * cluster; clusters are kept sorted by their seed quantity and only those whose quantity could
 * overlap are compared, so a block of n mentions costs about n log n.
 */
export function clusterBlock(mentions: TransactionMention[]): TransactionMention[][] {
  const ordered = mentions.map(facts).sort(canonicalOrder);
  const clusters: Cluster[] = [];
  for (const mention of ordered) {
    const { quantity } = mention.mention;
    const lowest = quantity.low * 0.99 - 1;
    const highest = quantity.high * 1.01 + 1;
    let index = lowerBound(clusters, (cluster) => cluster.seed.mention.quantity.value * 1.5 + 1 < lowest);
    let best: Cluster | null = null;
    let bestDistance = Infinity;
    // Seeds are sorted by value; hedged seeds can be wide, so scan while seeds could still overlap.
    for (; index < clusters.length && clusters[index].seed.mention.quantity.low <= highest * 1.5; index++) {
      const cluster = clusters[index];
      const seed = cluster.seed.mention;
      if (!intervalsOverlap(seed.quantity, quantity)) continue;
      if (!datesFitCluster(cluster, mention)) continue;
      // Weekly buyers add similar amounts week after week: the closer date matters as much as the closer figure.
      // One page's repeated figure (headline, body, FAQ) is one transaction: prefer the cluster holding its sibling.
      const sibling = cluster.documents.has(mention.document) ? -0.5 : 0;
      const distance = Math.abs(seed.quantity.value - quantity.value) / Math.max(1, quantity.value) + dateDistance(cluster.seed, mention) + sibling;
      if (distance < bestDistance) [best, bestDistance] = [cluster, distance];
    }
    if (best) join(best, mention);
    else {
      const at = lowerBound(clusters, (cluster) => cluster.seed.mention.quantity.value < quantity.value);
      const cluster: Cluster = { seed: mention, members: [], documents: new Set(), latestFirst: -Infinity, earliestLast: Infinity };
      join(cluster, mention);
      clusters.splice(at, 0, cluster);
    }
  }
  return clusters.map((cluster) => cluster.members);
}

/** What clustering asks of a mention, worked out once (not once per comparison). */
interface Facts {
  mention: TransactionMention;
  /** 0 exact and dated ... 3 hedged and undated: the order mentions are taken in */
  tier: number;
  document: string;
  /** first and last day the date covers, in ms; null when undated */
  first: number | null;
  last: number | null;
}

/**
 * A cluster keeps what compatibility with every member needs: the latest first day and the
 * earliest last day among its dated members (a mention fits all of them exactly when it fits
 * these two), and the documents it holds.
 */
interface Cluster { seed: Facts; members: TransactionMention[]; documents: Set<string>; latestFirst: number; earliestLast: number }

function facts(mention: TransactionMention): Facts {
  const [first, last] = mention.date ? dateRange(mention.date, mention.dateEnd).map(Date.parse) : [null, null];
  return { mention, tier: (mention.quantity.approx ? 2 : 0) + (mention.date ? 0 : 1), document: mention.key.slice(0, mention.key.indexOf(':')), first, last };
}

function join(cluster: Cluster, mention: Facts) {
  cluster.members.push(mention.mention);
  cluster.documents.add(mention.document);
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

/** Code-unit order: the same on every machine (localeCompare follows the locale, and is slow). */
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function canonicalOrder(a: Facts, b: Facts): number {
  return a.tier - b.tier || a.mention.quantity.value - b.mention.quantity.value || compareText(a.mention.date ?? '', b.mention.date ?? '') || compareText(a.mention.key, b.mention.key);
}
