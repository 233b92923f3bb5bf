/**
 * The whole flow, in order:
 *
 *   ingest     paths, URLs, stdin        -> RawDocument      (src/ingest)
 *   clean      RawDocument               -> Article          (src/clean)
 *   extract    Article                   -> Mention[]        (src/extract, rules/ as data)
 *   normalize  Mention                   -> TransactionMention (src/normalize)
 *   store      documents and mentions    -> SQLite           (src/store), each text with its
 *              origin (src/origins), in batches (src/ledger/ingestRun.ts)
 *   reconcile  the blocks they touch     -> LedgerEvent[]    (src/reconcile)
 *   store      events and open conflicts -> SQLite           (src/ledger/reconcileStored.ts)
 *
 * clean, extract, normalize and reconcile are pure; only ingest and store touch the outside.
 * Large folders run clean + extract + normalize on worker threads (src/parallel); reading,
 * storing and reconciling stay in this thread, in input order, so the result does not depend on
 * how the work was spread. src/pipeline.ts is this flow with clean + extract loaded here.
 */
import type { AnalyzedDocument } from './analyze.js';
import { readEntries, walkEntries } from './ingest/entries.js';
import { readArticleFile, type InputFailure } from './ingest/files.js';
import { IngestRun, type IngestProgress, type IngestSummary } from './ledger/ingestRun.js';
import { StoredReconciler } from './ledger/reconcileStored.js';
import type { InThreadAnalyzer } from './parallel/inThreadAnalyzer.js';
import { defaultWorkerCount, POOL_THRESHOLD } from './parallel/pool.js';
import { ingestOnPool, lookAhead, type Outcome, type PoolChoice } from './parallel/poolIngest.js';
import { StageClock, type StageTimings } from './parallel/timings.js';
import type { Rulebook } from './rulebook/compile.js';
import type { RawDocument } from './schema/document.js';
import type { Repository } from './store/index.js';

export type { IngestProgress, IngestSummary } from './ledger/ingestRun.js';

export interface PipelineOptions {
  /** When given, milliseconds per stage are added to it (see src/parallel/timings.ts). */
  timings?: StageTimings;
  /** Told what normalize refused, in words. */
  onWarning?: (warning: string) => void;
}

/** How files are read: a size cap, and a batch's publication date (`ingest --published`) for pages that show none. */
export interface ReadOptions {
  maxBytes?: number;
  published?: string;
}

export type ParallelIngestOptions = ReadOptions & PoolChoice;

export class IngestFlow {
  /** How the last ingestPathsAsync ran: mode, workers, documents a crashed worker left to this thread, bytes read (with timings only). */
  readonly lastRun = { mode: 'in-thread' as 'in-thread' | 'pool', workers: 0, fallbacks: 0, bytes: 0 };
  private readonly clock: StageClock;
  private readonly reconciler: StoredReconciler;
  private readonly onWarning: ((warning: string) => void) | undefined;

  constructor(
    private readonly repository: Repository,
    readonly rulebook: Rulebook,
    private readonly analyzer: InThreadAnalyzer,
    private readonly onProgress?: (progress: IngestProgress) => void,
    options: PipelineOptions = {},
  ) {
    this.clock = new StageClock(options.timings);
    this.onWarning = options.onWarning;
    this.reconciler = new StoredReconciler(repository, this.clock);
  }

  /** Files and folders, in this thread (the analyzer must be loaded). */
  ingestPaths(paths: string[], options: ReadOptions = {}): IngestSummary {
    const failed: InputFailure[] = [];
    return this.ingestDocuments(readEntries(walkEntries(paths), this.reader(options), failed), failed);
  }

  /**
   * Files and folders, on worker threads when there are enough of them (else as ingestPaths).
   * Reading, storing and reconciling stay here and happen in input order, so the database ends up
   * the same as ingestPaths would leave it.
   */
  async ingestPathsAsync(paths: string[], options: ParallelIngestOptions = {}): Promise<IngestSummary> {
    const workers = options.workers ?? defaultWorkerCount();
    const { entries, fewer } = lookAhead(walkEntries(paths), options.threshold ?? POOL_THRESHOLD);
    const failed: InputFailure[] = [];
    const read = this.reader(options);
    if (workers < 1 || fewer) {
      Object.assign(this.lastRun, { mode: 'in-thread', workers: 0, fallbacks: 0, bytes: 0 });
      return this.ingestDocumentsAsync(readEntries(entries, read, failed), failed, options.signal);
    }
    Object.assign(this.lastRun, { mode: 'pool', workers, fallbacks: 0, bytes: 0 });
    const isStored = (contentHash: string) => this.repository.hasDocument(contentHash);
    const analyzeHere = (raw: RawDocument) => this.analyzeAfterCrash(raw);
    return ingestOnPool(
      entries,
      { ...options, workers },
      { run: this.newRun(failed), clock: this.clock, failed, read, isStored, analyzeHere },
    );
  }

  /** Documents in this thread: each not yet stored is analysed and stored; then its blocks are reconciled. */
  ingestDocuments(documents: Iterable<RawDocument>, failed: InputFailure[] = []): IngestSummary {
    const run = this.newRun(failed);
    for (const raw of documents) this.ingestOne(run, raw);
    // reconcile the blocks the stored mentions touch; store their events
    return run.finish();
  }

  /**
   * As ingestDocuments, but it lets the event loop run between documents, so an abort (Ctrl-C)
   * is seen: the documents before it are stored and reconciled, the rest is not read.
   */
  async ingestDocumentsAsync(
    documents: Iterable<RawDocument>,
    failed: InputFailure[] = [],
    signal?: AbortSignal,
  ): Promise<IngestSummary> {
    await this.analyzer.load();
    const run = this.newRun(failed);
    for (const raw of documents) {
      this.ingestOne(run, raw);
      if (signal) await new Promise((resolve) => setImmediate(resolve));
      if (signal?.aborted) {
        run.interrupt();
        break;
      }
    }
    return run.finish();
  }

  /** Reconciles stored blocks again (src/ledger/reconcileStored.ts). */
  reconcileBlocks(blocks: Set<string>) {
    this.reconciler.reconcileBlocks(blocks);
  }

  private ingestOne(run: IngestRun, raw: RawDocument) {
    // store: a text stored before is not analysed again (a date it now states may re-date it)
    if (!run.known(raw)) {
      let analyzed: AnalyzedDocument | null = null;
      try {
        // clean -> extract -> normalize
        analyzed = this.analyze(raw);
      } catch (error) {
        // Extraction must never take a batch down with it; the input is named and the rest goes on.
        run.fail(raw, (error as Error).message);
      }
      // store, in a batch, with the text's origin
      if (analyzed) run.add(analyzed);
    }
    run.progress(raw);
  }

  /** clean -> extract -> normalize, in this thread. */
  private analyze(raw: RawDocument): AnalyzedDocument {
    const analyze = this.analyzer.ready;
    if (!analyze) throw new Error('the analyzer is not loaded in this thread: await an async ingest first');
    if (!this.clock.timings) return analyze(raw, this.rulebook);
    const steps = {};
    try {
      return analyze(raw, this.rulebook, steps);
    } finally {
      this.clock.addAnalysis(steps);
    }
  }

  /** A document no worker gave back (a worker died or never started): analysed here after all. */
  private async analyzeAfterCrash(raw: RawDocument): Promise<Outcome> {
    await this.analyzer.load();
    this.lastRun.fallbacks++;
    try {
      return { ok: true, ...this.analyze(raw) };
    } catch (error) {
      return { ok: false, reason: (error as Error).message };
    }
  }

  private newRun(failed: InputFailure[]): IngestRun {
    const { repository, rulebook, reconciler, clock, onProgress, onWarning } = this;
    return new IngestRun({ repository, rulebook, reconciler, clock, onProgress, onWarning }, failed);
  }

  /** Reads one file, its time and (when timed) its bytes counted. */
  private reader(options: ReadOptions) {
    return (path: string) => {
      const start = this.clock.start();
      const read = readArticleFile(path, options.maxBytes, options.published);
      this.clock.lap('read', start);
      if (this.clock.timings && !('input' in read)) this.lastRun.bytes += Buffer.byteLength(read.text);
      return read;
    };
  }
}
