/**
 * The whole flow, in order:
 *
 *   ingest     paths, URLs, stdin        -> RawDocument      (src/ingest)
 *   clean      RawDocument               -> Article          (src/clean)
 *   extract    Article                   -> Mention[]        (src/extract, rules/ as data)
 *   normalize  Mention                   -> TransactionMention (src/normalize)
 *   store      documents and mentions    -> SQLite           (src/store)
 *   reconcile  the blocks they touch     -> LedgerEvent[]    (src/reconcile)
 *   store      events and open conflicts -> SQLite
 *
 * clean, extract, normalize and reconcile are pure; only ingest and store touch the outside.
 * Large folders run clean + extract + normalize on worker threads (src/parallel); reading,
 * storing and reconciling stay in this thread, in input order, so the result does not depend on
 * how the work was spread.
 */
import type { AnalyzedDocument } from './analyze.js';
import { readArticleFile, walkInputs, type InputFailure } from './ingest/files.js';
import { analyzerLoading } from './parallel/lazy.js';
import { AnalyzerPool, defaultWorkerCount, POOL_THRESHOLD, type ChunkOutcome } from './parallel/pool.js';
import { addTimings, type StageTimings } from './parallel/timings.js';
import { bandKeys } from './origins/minhash.js';
import { findOrigin, representativeBands } from './origins/representatives.js';
import { inheritIds } from './reconcile/eventIds.js';
import { withRecastBlocks } from './reconcile/structure.js';
import { blockKey, reconcileByBlock } from './reconcile/index.js';
import { republishDocument, restatedDate } from './republish.js';
import type { Rulebook } from './rulebook/compile.js';
import type { RawDocument } from './schema/document.js';
import type { LedgerEvent } from './schema/event.js';
import type { Repository, StoredDocumentRow } from './store/index.js';

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

export interface IngestProgress { done: number; total: number | null; failed: number; source: string }

export interface PipelineOptions {
  /** When given, milliseconds per stage are added to it (see src/parallel/timings.ts). */
  timings?: StageTimings;
}

export interface ParallelIngestOptions {
  maxBytes?: number;
  /** A batch's publication date (`ingest --published`): for the pages that show none of their own. */
  published?: string;
  /** Worker threads; 0 runs everything in this thread. Default: DATLEDGER_WORKERS, else one per core. */
  workers?: number;
  /** Fewer input files than this run in this thread, with no pool start-up. Default 500. */
  threshold?: number;
  /** Documents read and not yet stored, at most (rounded up to whole chunks). Default 32 per worker. */
  inFlight?: number;
  /** Documents per message to a worker. Default 8. */
  chunk?: number;
  /** When aborted, no further file is read; what was read is stored and reconciled (Ctrl-C). */
  signal?: AbortSignal;
}

/** Documents are written in batches: one transaction each, so a crash loses at most one batch. */
const BATCH_SIZE = 200;

/** Documents per message to a worker thread. */
const CHUNK_SIZE = 8;

/** One walked input: a file to read (or null at the end), with the walk failures met just before it. */
interface WalkEntry { path: string | null; failures: InputFailure[] }

/** A document analysed here or in a worker, with its LSH bands when the worker already computed them. */
type Analyzed = AnalyzedDocument & { bands?: number[] };

const now = () => performance.now();

type Analyze = typeof import('./analyze.js').analyzeDocument;
let inThread: Analyze | null = null;

/**
 * Loads clean + extract (cheerio, compromise: ~50 MB) into this thread. It happens when this
 * module loads, unless a caller that analyses on worker threads deferred it (src/parallel/lazy.ts);
 * such a caller awaits this before any in-thread ingest.
 */
export async function loadAnalyzer(): Promise<void> {
  inThread ??= (await import('./analyze.js')).analyzeDocument;
}

function analyzer(): Analyze {
  if (!inThread) throw new Error('the analyzer is not loaded in this thread: await loadAnalyzer() first');
  return inThread;
}

export class Pipeline {
  private readonly timings: StageTimings | undefined;
  /** How the last ingestPathsAsync ran: mode, workers, documents a crashed worker left to this thread, bytes read (with timings only). */
  readonly lastRun = { mode: 'in-thread' as 'in-thread' | 'pool', workers: 0, fallbacks: 0, bytes: 0 };

  constructor(private readonly repository: Repository, readonly rulebook: Rulebook, private readonly onProgress?: (progress: IngestProgress) => void, options: PipelineOptions = {}) {
    this.timings = options.timings;
  }

  /** Files and folders, in this thread: read, analyse, store in batches, then reconcile the blocks they touched. */
  ingestPaths(paths: string[], options: { maxBytes?: number; published?: string } = {}): IngestSummary {
    const failed: InputFailure[] = [];
    return this.ingestDocuments(this.readEntries(walkEntries(paths), options.maxBytes, failed, options.published), failed);
  }

  /**
   * Files and folders, on worker threads when there are enough of them (else as ingestPaths).
   * Reading, storing and reconciling stay here and happen in input order, so the database ends up
   * the same as ingestPaths would leave it. Memory stays bounded: at most `inFlight` documents are
   * between reading and storing, whatever the size of the corpus.
   */
  async ingestPathsAsync(paths: string[], options: ParallelIngestOptions = {}): Promise<IngestSummary> {
    const workers = options.workers ?? defaultWorkerCount();
    const threshold = options.threshold ?? POOL_THRESHOLD;
    const entries = walkEntries(paths);
    // Walk (names only, no reading) until we know whether the input is worth a pool.
    const head: WalkEntry[] = [];
    let files = 0;
    let exhausted = false;
    while (files < threshold) {
      const next = entries.next();
      if (next.done) {
        exhausted = true;
        break;
      }
      head.push(next.value);
      if (next.value.path !== null) files++;
    }
    const all = (function* () {
      yield* head.splice(0);
      if (!exhausted) yield* entries;
    })();
    const failed: InputFailure[] = [];
    if (workers < 1 || exhausted) {
      await loadAnalyzer();
      Object.assign(this.lastRun, { mode: 'in-thread', workers: 0, fallbacks: 0, bytes: 0 });
      return this.ingestDocumentsAsync(this.readEntries(all, options.maxBytes, failed, options.published), failed, options.signal);
    }
    Object.assign(this.lastRun, { mode: 'pool', workers, fallbacks: 0, bytes: 0 });

    const chunk = Math.max(1, options.chunk ?? CHUNK_SIZE);
    const maxChunks = Math.max(1, Math.ceil((options.inFlight ?? workers * 128) / chunk));
    const pool = new AnalyzerPool(workers, maxChunks);
    try {
      return await this.ingestWithPool(all, pool, chunk, maxChunks, options.maxBytes, failed, options.signal, options.published);
    } finally {
      await pool.close();
    }
  }

  ingestDocuments(documents: Iterable<RawDocument>, failed: InputFailure[] = []): IngestSummary {
    const run = new IngestRun(this, failed);
    for (const raw of documents) this.ingestOne(run, raw);
    return run.finish();
  }

  /**
   * As ingestDocuments, but it lets the event loop run between documents, so an abort (Ctrl-C)
   * is seen: the documents before it are stored and reconciled, the rest is not read.
   */
  async ingestDocumentsAsync(documents: Iterable<RawDocument>, failed: InputFailure[] = [], signal?: AbortSignal): Promise<IngestSummary> {
    const run = new IngestRun(this, failed);
    for (const raw of documents) {
      this.ingestOne(run, raw);
      if (signal) await new Promise((resolve) => setImmediate(resolve));
      if (signal?.aborted) {
        run.summary.interrupted = true;
        break;
      }
    }
    return run.finish();
  }

  private ingestOne(run: IngestRun, raw: RawDocument) {
    if (!run.known(raw)) {
      let analyzed: AnalyzedDocument | null = null;
      try {
        analyzed = this.timings ? this.timed(analyzer(), raw) : analyzer()(raw, this.rulebook);
      } catch (error) {
        // Extraction must never take a batch down with it; the input is named and the rest goes on.
        run.fail(raw, (error as Error).message);
      }
      if (analyzed) run.add(analyzed);
    }
    run.progress(raw);
  }

  /**
   * Re-reconciles only the blocks given; the result equals a reconcile from scratch of those blocks,
   * but for ids: an event keeps the id it had (reconcile/eventIds.ts), and an id that no longer names
   * an event is kept as an alias of the one holding its mentions now. Blocks are independent, so
   * each is loaded, resolved and written before the next is read: memory holds one block's
   * mentions and events at a time, not those of every block an ingest touched.
   */
  reconcileBlocks(given: Set<string>) {
    let start = now();
    // Blocks a review edit (company, action, asset) links are one group: the edited mentions are stored in one and belong to the other.
    const recasts = this.repository.recastDecisions();
    // Ids no new event took, with the mentions they held and their block: aliased once every block is written.
    const vanished: { id: string; keys: string[]; blockKey: string }[] = [];
    const done = new Set<string>();
    for (const key of [...given].sort()) {
      if (done.has(key)) continue;
      const group = recasts.length ? withRecastBlocks(new Set([key]), recasts) : new Set([key]);
      for (const block of group) done.add(block);
      const mentions = this.repository.mentionsOfBlocks(group);
      const decisions = this.repository.decisionsOfBlocks(group);
      start = this.lap('reconcileLoad', start);
      const emptied = new Set(group);
      for (const { blockKey, events } of reconcileByBlock(mentions, decisions)) {
        start = this.lap('reconcile', start);
        this.writeBlock(blockKey, events, vanished);
        emptied.delete(blockKey);
        start = this.lap('reconcileWrite', start);
      }
      // A block left with no mention at all (or whose mentions review moved to another block) loses its events.
      for (const block of emptied) this.writeBlock(block, [], vanished);
      start = this.lap('reconcileWrite', start);
    }
    for (const { id, keys, blockKey } of vanished) {
      const holder = this.repository.holderOf(keys);
      const holderBlock = holder ? this.repository.event(holder)?.blockKey : null;
      if (holder && holderBlock) this.repository.insertAlias(id, holder, holderBlock === blockKey ? 'merged' : 'moved');
    }
    this.lap('reconcileWrite', start);
  }

  /** Writes a block's events, each keeping the id of the stored event it shares most mentions with; notes the ids no event took. */
  private writeBlock(blockKey: string, events: Iterable<LedgerEvent>, vanished: { id: string; keys: string[]; blockKey: string }[]) {
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

  /** @internal used by IngestRun */
  get store(): Repository {
    return this.repository;
  }

  /** @internal adds the time since `start` to a stage; returns the new start. */
  lap(stage: keyof StageTimings, start: number): number {
    if (!this.timings) return start;
    const end = now();
    this.timings[stage] += end - start;
    return end;
  }

  /** @internal */
  addTime(stage: keyof StageTimings, ms: number) {
    if (this.timings) this.timings[stage] += ms;
  }

  /** @internal */
  report(progress: IngestProgress) {
    this.onProgress?.(progress);
  }

  private timed(analyze: Analyze, raw: RawDocument): AnalyzedDocument {
    const steps = {};
    try {
      return analyze(raw, this.rulebook, steps);
    } finally {
      addTimings(this.timings!, steps);
    }
  }

  /** The in-thread analysis of one document, shaped like a worker's result (the analyzer must be loaded). */
  private analyzeHere(raw: RawDocument): { ok: true; article: AnalyzedDocument['article']; mentions: AnalyzedDocument['mentions']; signature: Uint32Array; bands?: number[]; quiet: AnalyzedDocument['quiet'] } | { ok: false; reason: string } {
    const analyze = analyzer();
    try {
      const analyzed = this.timings ? this.timed(analyze, raw) : analyze(raw, this.rulebook);
      return { ok: true, article: analyzed.article, mentions: analyzed.mentions, signature: analyzed.signature, quiet: analyzed.quiet };
    } catch (error) {
      return { ok: false, reason: (error as Error).message };
    }
  }

  /** Reads the walked files in order; failures are recorded in the order they happen. */
  private *readEntries(entries: Iterable<WalkEntry>, maxBytes: number | undefined, failed: InputFailure[], published?: string): Generator<RawDocument> {
    for (const entry of entries) {
      failed.push(...entry.failures);
      if (entry.path === null) continue;
      const start = now();
      const read = readArticleFile(entry.path, maxBytes, published);
      this.lap('read', start);
      if (this.timings && !('input' in read)) this.lastRun.bytes += Buffer.byteLength(read.text);
      if ('input' in read) failed.push(read);
      else yield read;
    }
  }

  private async ingestWithPool(entries: Iterable<WalkEntry>, pool: AnalyzerPool, chunkSize: number, maxChunks: number, maxBytes: number | undefined, failed: InputFailure[], signal?: AbortSignal, published?: string): Promise<IngestSummary> {
    const run = new IngestRun(this, failed);
    const wantTimings = this.timings !== undefined;
    /** One walked entry: what reading it gave, and whether it went to the pool. */
    interface Slot { entry: WalkEntry; raw: RawDocument | null; readFailure: InputFailure | null; sent: boolean }
    interface Chunk { slots: Slot[]; pending: Promise<ChunkOutcome> | null }
    const window: Chunk[] = [];
    let filling: Slot[] = [];

    const read = (entry: WalkEntry): Slot => {
      const slot: Slot = { entry, raw: null, readFailure: null, sent: false };
      if (entry.path === null) return slot;
      const start = now();
      const read = readArticleFile(entry.path, maxBytes, published);
      this.lap('read', start);
      if ('input' in read) slot.readFailure = read;
      else {
        if (this.timings) this.lastRun.bytes += Buffer.byteLength(read.text);
        slot.raw = read;
        // Known texts are not sent at all; the check is repeated, in order, when the slot is settled.
        slot.sent = !this.repository.hasDocument(read.contentHash);
      }
      return slot;
    };

    const submit = () => {
      const raws = filling.filter((slot) => slot.sent).map((slot) => slot.raw!);
      window.push({ slots: filling, pending: raws.length > 0 ? pool.analyze(raws, wantTimings) : null });
      filling = [];
    };

    // Chunks, and the slots in them, are settled strictly in input order: the same batches, origins
    // and failures as in-thread.
    const settle = async (chunk: Chunk) => {
      const start = now();
      const analyzed = chunk.pending ? await chunk.pending : null;
      this.lap('wait', start);
      if (analyzed?.timings) addTimings(this.timings!, analyzed.timings);
      let next = 0;
      for (const slot of chunk.slots) {
        failed.push(...slot.entry.failures);
        if (slot.readFailure) failed.push(slot.readFailure);
        const raw = slot.raw;
        if (!raw) continue;
        const result = slot.sent && analyzed?.results ? analyzed.results[next++] : null;
        if (!run.known(raw)) {
          // No worker result: a worker died (a document too big for its heap) or never started, or the
          // text was known when read and no longer is. This thread analyses it, as ingestPaths would.
          if (!result) {
            await loadAnalyzer();
            this.lastRun.fallbacks++;
          }
          const outcome = result ?? this.analyzeHere(raw);
          if (outcome.ok) run.add({ raw, article: outcome.article, mentions: outcome.mentions, signature: outcome.signature, bands: outcome.bands, quiet: outcome.quiet });
          else run.fail(raw, outcome.reason);
        }
        run.progress(raw);
      }
    };

    for (const entry of entries) {
      // Stopped: nothing more is read; the chunks already with the workers are still stored below.
      if (signal?.aborted) {
        run.summary.interrupted = true;
        break;
      }
      filling.push(read(entry));
      if (filling.length < chunkSize) continue;
      submit();
      while (window.length >= maxChunks) await settle(window.shift()!);
    }
    if (filling.length > 0) submit();
    while (window.length > 0) await settle(window.shift()!);
    return run.finish();
  }

  /**
   * Near-identical texts (reprints, syndication) are one origin: they are not independent sources.
   * The text is compared with a few representatives of each origin that shares a band with it,
   * by stored signatures (src/origins/representatives.ts): the cost does not grow with how many reprints
   * an origin has. Returns the origin and the band keys the text is to represent it on.
   */
  originOf(document: AnalyzedDocument, bands: number[]): { origin: string; representOn: number[] } {
    const candidates = this.repository.originCandidates(bands);
    const origin = findOrigin(document.signature, candidates) ?? document.raw.contentHash.slice(0, 16);
    return { origin, representOn: representativeBands(document.signature, origin, bands, candidates) };
  }
}

/**
 * The bookkeeping of one ingest: analysed documents go into batches of BATCH_SIZE, each written in
 * one transaction; the blocks they touch are reconciled at the end. Documents arrive in input
 * order whichever thread analysed them.
 */
class IngestRun {
  readonly summary: IngestSummary;
  private readonly touched = new Set<string>();
  private batch: Analyzed[] = [];
  private done = 0;

  constructor(private readonly pipeline: Pipeline, private readonly failed: InputFailure[]) {
    this.summary = { articles: 0, alreadyKnown: 0, mentions: 0, events: 0, openConflicts: 0, failed };
  }

  /**
   * Counts the document; true when its text is already stored (it is then skipped). A date it now
   * states (a sidecar added or corrected, a batch --published) re-dates the stored one when it is
   * stronger than what is stored (republish.ts), its events reconciled in the same transaction.
   */
  known(raw: RawDocument): boolean {
    this.done++;
    const repository = this.pipeline.store;
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
      this.pipeline.reconcileBlocks(republishDocument(repository, stored, restated.date, restated.source, this.pipeline.rulebook).blocks);
      this.summary.redated = (this.summary.redated ?? 0) + 1;
    });
    return true;
  }

  fail(raw: RawDocument, message: string) {
    this.failed.push({ input: raw.source, reason: `could not be analysed: ${message}` });
  }

  add(document: Analyzed) {
    this.batch.push(document);
    if (this.batch.length >= BATCH_SIZE) this.flush();
  }

  progress(raw: RawDocument) {
    this.pipeline.report({ done: this.done, total: null, failed: this.failed.length, source: raw.source });
  }

  finish(): IngestSummary {
    if (this.batch.length) this.flush();
    const repository = this.pipeline.store;
    repository.transaction(() => {
      for (const failure of this.failed) repository.recordFailure(failure.input, failure.reason);
      // A run killed after storing a batch but before reconciling it left mentions without events.
      for (const block of repository.blocksWithUnreconciledMentions()) this.touched.add(block);
      this.pipeline.reconcileBlocks(this.touched);
    });
    const counts = repository.counts();
    this.summary.events = counts.events;
    this.summary.openConflicts = counts.conflicts;
    return this.summary;
  }

  private saveValidators(raw: RawDocument) {
    if (raw.kind === 'url' && raw.validators) this.pipeline.store.saveValidators(raw.source, raw.validators.etag, raw.validators.lastModified, raw.contentHash);
  }

  private flush() {
    const { pipeline, summary, touched } = this;
    const repository = pipeline.store;
    const started = now();
    let originMs = 0;
    repository.transaction(() => {
      for (const document of this.batch) {
        const start = now();
        const bands = document.bands ?? bandKeys(document.signature);
        const { origin, representOn } = pipeline.originOf(document, bands);
        originMs += now() - start;
        const mentions = document.mentions.map((mention) => ({ ...mention, origin }));
        // In the document's own transaction: a run that ends before this commit leaves neither.
        this.saveValidators(document.raw);
        if (!repository.insertDocument(document.raw, document.article, origin, document.signature, representOn, mentions, document.quiet)) {
          summary.alreadyKnown++;
          continue;
        }
        summary.articles++;
        repository.clearFailure(document.raw.source);
        if (document.raw.kind === 'url') for (const block of repository.retireOlderVersions(document.raw.source, document.raw.contentHash)) touched.add(block);
        summary.mentions += mentions.length;
        for (const mention of mentions) touched.add(blockKey(mention));
      }
    });
    this.batch = [];
    // store: the inserts and the commit; origin: the near-duplicate lookups made inside the transaction.
    pipeline.addTime('origin', originMs);
    pipeline.addTime('store', now() - started - originMs);
  }
}

/** walkInputs, with each failure attached to the entry it came before (so its order survives a pool). */
function* walkEntries(paths: string[]): Generator<WalkEntry> {
  const failures: InputFailure[] = [];
  for (const path of walkInputs(paths, failures)) yield { path, failures: failures.splice(0) };
  if (failures.length > 0) yield { path: null, failures: failures.splice(0) };
}

// The synchronous API (ingestPaths, ingestDocuments) needs the analyzer at hand.
if (!analyzerLoading.deferred) await loadAnalyzer();
