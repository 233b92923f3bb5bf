import { userInfo } from 'node:os';
import type { Decision } from '../reconcile/index.js';
import type { LedgerEvent } from '../schema/event.js';
import type { Repository } from '../store/repository.js';

/** Re-reconciles blocks and re-applies their decisions (Pipeline.reconcileBlocks). */
export interface BlockReconciler { reconcileBlocks(blocks: Set<string>): void }

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
  constructor(private readonly repository: Repository, private readonly reconciler: BlockReconciler, private readonly reviewer: string) {}

  /** Keyed to the event's mentions, not its id: ids change as articles arrive, mention keys do not. */
  decide(event: LedgerEvent, field: string, value: string, note: string | null): number {
    const resolution = event.fields[field];
    return this.repository.transaction(() => {
      const id = this.repository.insertDecision({
        blockKey: event.blockKey,
        field,
        value,
        valueBefore: resolution?.value ?? null,
        mentionKeys: event.mentionKeys,
        candidates: JSON.stringify(resolution?.candidates ?? []),
        reviewer: this.reviewer,
        decidedAt: new Date().toISOString(),
        note: note?.trim() ? note.trim() : null,
      });
      this.reconciler.reconcileBlocks(new Set([event.blockKey]));
      return id;
    });
  }

  /** Undoes the latest decision still in force (it stays in the audit table, marked undone). */
  undo(): Decision | null {
    return this.repository.transaction(() => {
      const undone = this.repository.undoLastDecision();
      if (undone) this.reconciler.reconcileBlocks(new Set([undone.blockKey]));
      return undone;
    });
  }
}

/** The pipeline (and its rulebook) load only when something is about to be decided. */
export async function openDecider(repository: Repository, reviewer: string): Promise<Decider> {
  const { Pipeline } = await import('../pipeline.js');
  const { defaultRulebook } = await import('../rulebook/compile.js');
  return new Decider(repository, new Pipeline(repository, defaultRulebook()), reviewer);
}
