import { userInfo } from 'node:os';
import type { Decision } from '../schema/block.js';
import { blocksOfDecision, isRecast } from '../reconcile/structure.js';
import { labelledCandidates } from './candidateLabel.js';
import type { LedgerEvent } from '../schema/event.js';
import type { Repository } from '../store/repository.js';

/** Re-reconciles blocks and re-applies their decisions (src/ledger/reconcileStored.ts). */
export interface BlockReconciler {
  reconcileBlocks(blocks: Set<string>): void;
}

/** Who decides: --reviewer, else the login name, so the audit table never holds an empty name. */
export function defaultReviewer(env: NodeJS.ProcessEnv = process.env): string {
  if (env.USER) return env.USER;
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * Writes decisions and their undoing. Each one is its own transaction together with the
 * re-reconcile of its block, so the events and conflicts tables never disagree with the audit
 * table, and a crash or Ctrl-C after it returns loses nothing.
 */
export class Decider {
  constructor(
    private readonly repository: Repository,
    private readonly reconciler: BlockReconciler,
    private readonly reviewer: string,
  ) {}

  /** Keyed to the event's mentions, not its id: ids change as articles arrive, mention keys do not. */
  decide(event: LedgerEvent, field: string, value: string, note: string | null): number {
    const resolution = event.fields[field];
    const before = isRecast(field) ? event[field] : (resolution?.value ?? null);
    return this.record(
      {
        blockKey: event.blockKey,
        field,
        value,
        valueBefore: before,
        mentionKeys: event.mentionKeys,
        candidates: JSON.stringify(labelledCandidates(resolution?.candidates ?? [])),
      },
      note,
    );
  }

  /**
   * The event is no transaction (a plan, a hypothetical, a misread): it leaves the ledger, its mentions stay
   * stored.
   */
  reject(event: LedgerEvent, note: string | null): number {
    return this.record(
      {
        blockKey: event.blockKey,
        field: 'reject',
        value: `rejected ${event.id}`,
        valueBefore: eventWords(event),
        mentionKeys: event.mentionKeys,
        candidates: '[]',
      },
      note,
    );
  }

  /** Two or more events of one company, asset and action are one transaction. */
  merge(events: LedgerEvent[], note: string | null): number {
    const value = `merged ${events.map((event) => event.id).join(' + ')}`;
    return this.record(
      {
        blockKey: events[0].blockKey,
        field: 'merge',
        value,
        valueBefore: events.map(eventWords).join(' | '),
        mentionKeys: events.flatMap((event) => event.mentionKeys),
        candidates: '[]',
      },
      note,
    );
  }

  /** These mentions of an event are another transaction: they become an event of their own. */
  split(event: LedgerEvent, mentionKeys: string[], note: string | null): number {
    return this.record(
      {
        blockKey: event.blockKey,
        field: 'split',
        value: `split ${mentionKeys.join(', ')} off ${event.id}`,
        valueBefore: eventWords(event),
        mentionKeys,
        candidates: '[]',
      },
      note,
    );
  }

  /** One transaction per decision with the re-reconcile of the blocks it touches. */
  private record(
    decision: {
      blockKey: string;
      field: string;
      value: string;
      valueBefore: string | null;
      mentionKeys: string[];
      candidates: string;
    },
    note: string | null,
  ): number {
    return this.repository.transaction(() => {
      const id = this.repository.insertDecision({
        ...decision,
        reviewer: this.reviewer,
        decidedAt: new Date().toISOString(),
        note: note?.trim() ? note.trim() : null,
      });
      this.reconciler.reconcileBlocks(blocksOfDecision(decision));
      return id;
    });
  }

  /**
   * Undoes one decision (the latest still in force unless an id is given); it stays in the audit table,
   * marked undone.
   */
  undo(id?: number): Decision | null {
    return this.repository.transaction(() => {
      const undone = id === undefined ? this.repository.undoLastDecision() : this.repository.undoDecision(id);
      if (undone) this.reconciler.reconcileBlocks(blocksOfDecision(undone));
      return undone;
    });
  }
}

/** An event in a few words, for the audit table's BEFORE column. */
const eventWords = (event: LedgerEvent) =>
  `${event.id} ${event.company} ${event.action} ${event.quantity ?? event.totalUsd ?? '?'} ` +
  `${event.asset}${event.date ? ` ${event.date}` : ''}`;

/** Reconcile loads only when something is about to be decided; it needs no rulebook and no analyzer. */
export async function openDecider(repository: Repository, reviewer: string): Promise<Decider> {
  const { StoredReconciler } = await import('../ledger/reconcileStored.js');
  return new Decider(repository, new StoredReconciler(repository), reviewer);
}
