import type { TransactionMention } from '../schema/mention.js';
import { dateRange, datesCompatible, intervalsOverlap } from './compatible.js';

/**
 * Groups the mentions of one block (company, asset, action) into transactions. Mentions are
 * taken in a canonical order (exact and dated first, then by quantity, date, key), so the result
 * does not depend on the order articles arrived in. A mention joins the closest compatible
 * cluster; clusters are kept sorted by their seed quantity and only those whose quantity could
 * overlap are compared, so a block of n mentions costs about n log n.
 */
export function clusterBlock(mentions: TransactionMention[]): TransactionMention[][] {
  const ordered = [...mentions].sort(canonicalOrder);
  const clusters: { seed: TransactionMention; members: TransactionMention[] }[] = [];
  for (const mention of ordered) {
    const lowest = mention.quantity.low * 0.99 - 1;
    const highest = mention.quantity.high * 1.01 + 1;
    let index = lowerBound(clusters, (cluster) => cluster.seed.quantity.value * 1.5 + 1 < lowest);
    let best: (typeof clusters)[number] | null = null;
    let bestDistance = Infinity;
    // Seeds are sorted by value; hedged seeds can be wide, so scan while seeds could still overlap.
    for (; index < clusters.length && clusters[index].seed.quantity.low <= highest * 1.5; index++) {
      const cluster = clusters[index];
      if (!intervalsOverlap(cluster.seed.quantity, mention.quantity)) continue;
      if (!cluster.members.every((member) => datesCompatible(member, mention))) continue;
      // Weekly buyers add similar amounts week after week: the closer date matters as much as the closer figure.
      // One page's repeated figure (headline, body, FAQ) is one transaction: prefer the cluster holding its sibling.
      const sibling = cluster.members.some((member) => documentOf(member) === documentOf(mention)) ? -0.5 : 0;
      const distance = Math.abs(cluster.seed.quantity.value - mention.quantity.value) / Math.max(1, mention.quantity.value) + dateDistance(cluster.seed, mention) + sibling;
      if (distance < bestDistance) [best, bestDistance] = [cluster, distance];
    }
    if (best) best.members.push(mention);
    else {
      const at = lowerBound(clusters, (cluster) => cluster.seed.quantity.value < mention.quantity.value);
      clusters.splice(at, 0, { seed: mention, members: [mention] });
    }
  }
  return clusters.map((cluster) => cluster.members);
}

const documentOf = (mention: TransactionMention) => mention.key.slice(0, mention.key.indexOf(':'));

/** 0 when the date ranges overlap (or one is missing), else the gap in units of ten days. */
function dateDistance(a: TransactionMention, b: TransactionMention): number {
  if (!a.date || !b.date) return 0;
  const [a1, a2] = dateRange(a.date, a.dateEnd).map(Date.parse);
  const [b1, b2] = dateRange(b.date, b.dateEnd).map(Date.parse);
  const gap = Math.max(0, a1 - b2, b1 - a2);
  return gap / (10 * 86_400_000);
}

function canonicalOrder(a: TransactionMention, b: TransactionMention): number {
  const tier = (m: TransactionMention) => (m.quantity.approx ? 2 : 0) + (m.date ? 0 : 1);
  return tier(a) - tier(b) || a.quantity.value - b.quantity.value || (a.date ?? '').localeCompare(b.date ?? '') || a.key.localeCompare(b.key);
}

function lowerBound<T>(items: T[], before: (item: T) => boolean): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (before(items[middle])) low = middle + 1;
    else high = middle;
  }
  return low;
}
