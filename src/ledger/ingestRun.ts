import type { AnalyzedDocument } from '../analyze.js';
import type { InputFailure } from '../ingest/files.js';
import { lookupOrigin } from '../origins/lookup.js';
import type { StageClock } from '../parallel/timings.js';
import { republishDocument, restatedDate } from '../republish.js';
import type { Rulebook } from '../rulebook/compile.js';
import { blockKey } from '../schema/block.js';
import type { RawDocument } from '../schema/document.js';
import type { Repository, StoredDocumentRow } from '../store/index.js';
import type { StoredReconciler } from './reconcileStored.js';

export interface IngestSummary {
  articles: number;
  alreadyKnown: number;
  mentions: number;
  events: number;
  openConflicts: number;
  failed: InputFailure[];
  /** Stopped early (Ctrl-C): what was read before is stored and reconciled, the rest was not read. */
  interrupted?: boolean;
  /** pages already stored whose publication date this run set from a sidecar or --published */
  redated?: number;
}

export interface IngestProgress {
  done: number;
  total: number | null;
  failed: number;
  source: string;
}

/** A document analysed here or in a worker, with its LSH bands when the worker already computed them. */
export type Analyzed = AnalyzedDocument & { bands?: number[] };

/** What a run writes with and to. */
export interface IngestRunContext {
  repository: Repository;
  rulebook: Rulebook;
  reconciler: StoredReconciler;
  clock: StageClock;
  onProgress?: (progress: IngestProgress) => void;
  /** What normalize refused, in words, as each document is added (the CLI prints them under DATLEDGER_DEBUG). */
  onWarning?: (warning: string) => void;
}

/** Documents are written in batches: one transaction each, so a crash loses at most one batch. */
const BATCH_SIZE = 200;

/**
 * The bookkeeping of one ingest: analysed documents go into batches of BATCH_SIZE, each written in
 * one transaction with the origin of each text; the blocks they touch are reconciled at the end.
 * Documents arrive in input order whichever thread analysed them.
 */
export class IngestRun {
  readonly summary: IngestSummary;
  private readonly touched = new Set<string>();
  private batch: Analyzed[] = [];
  private done = 0;

  constructor(
    private readonly context: IngestRunContext,
    private readonly failed: InputFailure[],
  ) {
    this.summary = { articles: 0, alreadyKnown: 0, mentions: 0, events: 0, openConflicts: 0, failed };
  }

  /**
   * Counts the document; true when its text is already stored (it is then skipped). A date it now
   * states (a sidecar added or corrected, a batch --published) re-dates the stored one when it is
   * stronger than what is stored (republish.ts), its events reconciled in the same transaction.
   */
  known(raw: RawDocument): boolean {
    this.done++;
    const { repository, rulebook, reconciler } = this.context;
    if (!repository.hasDocument(raw.contentHash)) return false;
    this.summary.alreadyKnown++;
    // The page is stored: its validators may now say so, and an earlier failure of this input is over.
    this.saveValidators(raw);
    repository.clearFailure(raw.source);
    if (!raw.publishedHint && !raw.publishedFallback) return true;
    const restates = (stored: StoredDocumentRow | null) => (stored ? restatedDate(stored, raw) : null);
    // Looked at first without the write lock: re-ingesting a dated folder changes nothing and writes nothing for it.
    if (!restates(repository.documentByHash(raw.contentHash))) return true;
    repository.transaction(() => {
      const stored = repository.documentByHash(raw.contentHash);
      const restated = restates(stored);
      if (!stored || !restated) return;
      reconciler.reconcileBlocks(
        republishDocument(repository, stored, restated.date, restated.source, rulebook).blocks,
      );
      this.summary.redated = (this.summary.redated ?? 0) + 1;
    });
    return true;
  }

  fail(raw: RawDocument, message: string) {
    this.failed.push({ input: raw.source, reason: `could not be analysed: ${message}` });
  }

  add(document: Analyzed) {
    if (this.context.onWarning) for (const warning of document.warnings) this.context.onWarning(warning);
    this.batch.push(document);
    if (this.batch.length >= BATCH_SIZE) this.flush();
  }

  progress(raw: RawDocument) {
    this.context.onProgress?.({ done: this.done, total: null, failed: this.failed.length, source: raw.source });
  }

  /** Stopped early (Ctrl-C): the summary says so. */
  interrupt() {
    this.summary.interrupted = true;
  }

  finish(): IngestSummary {
    if (this.batch.length) this.flush();
    const { repository, reconciler } = this.context;
    repository.transaction(() => {
      for (const failure of this.failed) repository.recordFailure(failure.input, failure.reason);
      // A run killed after storing a batch but before reconciling it left mentions without events.
      for (const block of repository.blocksWithUnreconciledMentions()) this.touched.add(block);
      reconciler.reconcileBlocks(this.touched);
    });
    const counts = repository.counts();
    this.summary.events = counts.events;
    this.summary.openConflicts = counts.conflicts;
    return this.summary;
  }

  private saveValidators(raw: RawDocument) {
    if (raw.kind !== 'url' || !raw.validators) return;
    this.context.repository.saveValidators(
      raw.source,
      raw.validators.etag,
      raw.validators.lastModified,
      raw.contentHash,
    );
  }

  private flush() {
    const { summary, touched } = this;
    const { repository, clock } = this.context;
    const started = performance.now();
    let originMs = 0;
    repository.transaction(() => {
      for (const document of this.batch) {
        const start = performance.now();
        const { origin, representOn } = lookupOrigin(
          repository,
          document.signature,
          document.raw.contentHash,
          document.bands,
        );
        originMs += performance.now() - start;
        const mentions = document.mentions.map((mention) => ({ ...mention, origin }));
        // In the document's own transaction: a run that ends before this commit leaves neither.
        this.saveValidators(document.raw);
        if (
          !repository.insertDocument(
            document.raw,
            document.article,
            origin,
            document.signature,
            representOn,
            mentions,
            document.quiet,
          )
        ) {
          summary.alreadyKnown++;
          continue;
        }
        summary.articles++;
        repository.clearFailure(document.raw.source);
        if (document.raw.kind === 'url')
          for (const block of repository.retireOlderVersions(document.raw.source, document.raw.contentHash))
            touched.add(block);
        summary.mentions += mentions.length;
        for (const mention of mentions) touched.add(blockKey(mention));
      }
    });
    this.batch = [];
    // store: the inserts and the commit; origin: the near-duplicate lookups made inside the transaction.
    clock.add('origin', originMs);
    clock.add('store', performance.now() - started - originMs);
  }
}
