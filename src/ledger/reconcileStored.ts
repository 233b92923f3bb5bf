import { StageClock } from '../parallel/timings.js';
import { inheritIds } from '../reconcile/eventIds.js';
import { reconcileByBlock } from '../reconcile/index.js';
import { withRecastBlocks } from '../reconcile/structure.js';
import type { LedgerEvent } from '../schema/event.js';
import type { Repository } from '../store/index.js';

/** An event id no new event took, with the mentions it held and its block: aliased once every block is written. */
interface Vanished {
  id: string;
  keys: string[];
  blockKey: string;
}

/**
 * Reconciles stored blocks again and writes their events: what ingest does for the blocks it
 * touched, and what a review decision, its undoing, set-published and forget do for theirs.
 * It needs only the store and reconcile: no rulebook, no clean or extract (cheerio, compromise).
 */
export class StoredReconciler {
  constructor(
    private readonly repository: Repository,
    private readonly clock = new StageClock(),
  ) {}

  /**
   * Re-reconciles only the blocks given; the result equals a reconcile from scratch of those blocks,
   * but for ids: an event keeps the id it had (reconcile/eventIds.ts), and an id that no longer names
   * an event is kept as an alias of the one holding its mentions now. Blocks are independent, so
   * each is loaded, resolved and written before the next is read: memory holds one block's
   * mentions and events at a time, not those of every block an ingest touched.
   */
  reconcileBlocks(given: Set<string>) {
    const { repository, clock } = this;
    let start = performance.now();
    // Blocks a review edit (company, action, asset) links are one group: the edited mentions are stored in one and belong to the other.
    const recasts = repository.recastDecisions();
    const vanished: Vanished[] = [];
    const done = new Set<string>();
    for (const key of [...given].sort()) {
      if (done.has(key)) continue;
      const group = recasts.length ? withRecastBlocks(new Set([key]), recasts) : new Set([key]);
      for (const block of group) done.add(block);
      const mentions = repository.mentionsOfBlocks(group);
      const decisions = repository.decisionsOfBlocks(group);
      start = clock.lap('reconcileLoad', start);
      const emptied = new Set(group);
      for (const { blockKey, events } of reconcileByBlock(mentions, decisions)) {
        start = clock.lap('reconcile', start);
        this.writeBlock(blockKey, events, vanished);
        emptied.delete(blockKey);
        start = clock.lap('reconcileWrite', start);
      }
      // A block left with no mention at all (or whose mentions review moved to another block) loses its events.
      for (const block of emptied) this.writeBlock(block, [], vanished);
      start = clock.lap('reconcileWrite', start);
    }
    for (const { id, keys, blockKey } of vanished) {
      const holder = repository.holderOf(keys);
      const holderBlock = holder ? repository.event(holder)?.blockKey : null;
      if (holder && holderBlock) repository.insertAlias(id, holder, holderBlock === blockKey ? 'merged' : 'moved');
    }
    clock.lap('reconcileWrite', start);
  }

  /** Writes a block's events, each keeping the id of the stored event it shares most mentions with; notes the ids no event took. */
  private writeBlock(blockKey: string, events: Iterable<LedgerEvent>, vanished: Vanished[]) {
    const previous = this.repository.membershipOfBlock(blockKey);
    if (previous.size === 0) {
      this.repository.replaceEvents([blockKey], events);
      return;
    }
    const inherited = inheritIds([...events], previous);
    this.repository.replaceEvents([blockKey], inherited.events);
    for (const alias of inherited.aliases) this.repository.insertAlias(alias.alias, alias.eventId, alias.reason);
    for (const [id, keys] of inherited.vanished) vanished.push({ id, keys, blockKey });
  }
}
