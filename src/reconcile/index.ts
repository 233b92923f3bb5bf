import type { LedgerEvent } from '../schema/event.js';
import type { TransactionMention } from '../schema/mention.js';
import { clusterBlock, type Clustered } from './cluster.js';
import { blockKey } from './compatible.js';
import { applyDecisions, type Decision } from './decisions.js';
import { resolveEvent } from './resolveEvent.js';

export { blockKey } from './compatible.js';
export type { Decision } from './decisions.js';

/**
 * The events of one block (company, asset, action), to be iterated once. A block without review
 * decisions resolves each event only when it is asked for, so a caller that writes events as they
 * come keeps almost nothing alive: on 1M mentions, what outlived a young-generation collection
 * (and so was copied by it) was the block's finished events, and collections took half the time.
 */
export interface BlockEvents { blockKey: string; events: Iterable<LedgerEvent> }

/**
 * reconcile, one block at a time: blocks by (company, asset, action) so no mention is compared
 * with another company's; clusters each block; resolves every field; applies the block's review
 * decisions last, so they survive any re-run. Blocks come in key order, each as soon as it is
 * resolved: a caller that writes and drops them holds one block's events, not the ledger's.
 */
export function* reconcileByBlock(mentions: Iterable<TransactionMention>, decisions: Decision[] = []): Generator<BlockEvents> {
  const blocks = new Map<string, TransactionMention[]>();
  for (const mention of mentions) {
    const key = blockKey(mention);
    let block = blocks.get(key);
    if (!block) blocks.set(key, (block = []));
    block.push(mention);
  }
  const decisionsOf = new Map<string, Decision[]>();
  for (const decision of decisions) {
    const list = decisionsOf.get(decision.blockKey);
    if (list) list.push(decision);
    else decisionsOf.set(decision.blockKey, [decision]);
  }
  for (const key of [...blocks.keys()].sort()) {
    const clusters = clusterBlock(blocks.get(key)!);
    const decided = decisionsOf.get(key);
    // A decision goes to the event sharing most of its mentions: those blocks need all their events at once.
    yield { blockKey: key, events: decided ? applyDecisions(clusters.map((cluster) => resolveEvent(cluster.members, cluster.notes)), decided) : resolveEach(clusters) };
  }
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
