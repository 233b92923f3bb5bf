import type { LedgerEvent } from '../schema/event.js';
import type { TransactionMention } from '../schema/mention.js';
import { clusterBlock, type Clustered } from './cluster.js';
import { blockKey } from '../schema/block.js';
import { applyDecisions, type Decision } from './decisions.js';
import { resolveEvent } from './resolveEvent.js';
import { applyRecasts, applyStructure, isRecast, isStructural } from './structure.js';

export { blockKey } from '../schema/block.js';
export type { Decision } from './decisions.js';

/**
 * The events of one block (company, asset, action), to be iterated once. A block without review
 * decisions resolves each event only when it is asked for, so a caller that writes events as they
 * come keeps almost nothing alive: on 1M mentions, what outlived a young-generation collection
 * (and so was copied by it) was the block's finished events, and collections took half the time.
 */
export interface BlockEvents {
  blockKey: string;
  events: Iterable<LedgerEvent>;
}

/**
 * reconcile, one block at a time: blocks by (company, asset, action) so no mention is compared
 * with another company's; clusters each block; resolves every field; applies the block's review
 * decisions last, so they survive any re-run. Blocks come in key order, each as soon as it is
 * resolved: a caller that writes and drops them holds one block's events, not the ledger's.
 */
export function* reconcileByBlock(
  mentions: Iterable<TransactionMention>,
  decisions: Decision[] = [],
): Generator<BlockEvents> {
  const blocks = new Map<string, TransactionMention[]>();
  // Review may have changed a mention's company, action or asset: it is blocked where it now belongs.
  for (const mention of decisions.some((decision) => isRecast(decision.field))
    ? applyRecasts([...mentions], decisions)
    : mentions) {
    const key = blockKey(mention);
    let block = blocks.get(key);
    if (!block) blocks.set(key, (block = []));
    block.push(mention);
  }
  const decisionsOf = new Map<string, Decision[]>();
  for (const decision of decisions.length > 0 ? decidedWhere(decisions, blocks) : []) {
    const list = decisionsOf.get(decision.blockKey);
    if (list) list.push(decision);
    else decisionsOf.set(decision.blockKey, [decision]);
  }
  for (const key of [...blocks.keys()].sort()) {
    const decided = decisionsOf.get(key);
    const clusters = decided
      ? applyStructure(
          clusterBlock(blocks.get(key)!),
          decided.filter((decision) => isStructural(decision.field)),
        )
      : clusterBlock(blocks.get(key)!);
    // A decision goes to the event sharing most of its mentions: those blocks need all their events at once.
    yield {
      blockKey: key,
      events: decided
        ? applyDecisions(
            clusters.map((cluster) => resolveEvent(cluster.members, cluster.notes)),
            decided.filter((decision) => !isStructural(decision.field)),
          )
        : resolveEach(clusters),
    };
  }
}

/**
 * A decision belongs to the block holding most of its mentions now: the one it was made in, unless
 * a later recast moved them (a price decided, then the company corrected, still holds).
 */
function decidedWhere(decisions: Decision[], blocks: Map<string, TransactionMention[]>): Decision[] {
  const blockOf = new Map<string, string>();
  for (const [key, members] of blocks) for (const member of members) blockOf.set(member.key, key);
  return decisions.map((decision) => {
    const counts = new Map<string, number>();
    for (const key of decision.mentionKeys) {
      const block = blockOf.get(key);
      if (block) counts.set(block, (counts.get(block) ?? 0) + 1);
    }
    if (
      counts.size === 0 ||
      (counts.has(decision.blockKey) && counts.get(decision.blockKey) === Math.max(...counts.values()))
    )
      return decision;
    const [now] = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
    return { ...decision, blockKey: now };
  });
}

function* resolveEach(clusters: Clustered[]): Generator<LedgerEvent> {
  for (let index = 0; index < clusters.length; index++) {
    const { members, notes } = clusters[index];
    // Dropped as soon as it is resolved: nothing of a done cluster stays reachable from here.
    clusters[index] = { members: [], notes: [] };
    yield resolveEvent(members, notes);
  }
}

/** reconcile: TransactionMention[] -> LedgerEvent[], every block (see reconcileByBlock). */
export function reconcile(mentions: TransactionMention[], decisions: Decision[] = []): LedgerEvent[] {
  const events: LedgerEvent[] = [];
  for (const block of reconcileByBlock(mentions, decisions)) for (const event of block.events) events.push(event);
  return events;
}
