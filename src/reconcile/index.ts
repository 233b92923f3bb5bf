import type { LedgerEvent } from '../schema/event.js';
import type { TransactionMention } from '../schema/mention.js';
import { clusterBlock } from './cluster.js';
import { blockKey } from './compatible.js';
import { applyDecisions, type Decision } from './decisions.js';
import { resolveEvent } from './resolveEvent.js';

export { blockKey } from './compatible.js';
export type { Decision } from './decisions.js';

/**
 * reconcile: TransactionMention[] -> LedgerEvent[]. Blocks by (company, asset, action) so no
 * mention is compared with another company's; clusters each block; resolves every field;
 * applies review decisions last, so they survive any re-run.
 */
export function reconcile(mentions: TransactionMention[], decisions: Decision[] = []): LedgerEvent[] {
  const blocks = new Map<string, TransactionMention[]>();
  for (const mention of mentions) {
    const key = blockKey(mention);
    let block = blocks.get(key);
    if (!block) blocks.set(key, (block = []));
    block.push(mention);
  }
  const events: LedgerEvent[] = [];
  for (const key of [...blocks.keys()].sort()) {
    for (const members of clusterBlock(blocks.get(key)!)) events.push(resolveEvent(members));
  }
  return applyDecisions(events, decisions);
}
