import type { InputFailure } from '../ingest/files.js';
import type { WalkEntry } from '../ingest/entries.js';
import type { AnalyzedDocument } from '../analyze.js';
import type { RawDocument } from '../schema/document.js';
import { AnalyzerPool, type ChunkOutcome } from './pool.js';
import type { StageClock } from './timings.js';
import type { AnalyzeResult } from './worker.js';

/** Documents per message to a worker thread. */
const CHUNK_SIZE = 8;

/** A document's analysis, from a worker (with its band keys) or from this thread. */
export type Outcome = AnalyzeResult | (Omit<Extract<AnalyzeResult, { ok: true }>, 'bands'> & { bands?: undefined });

/** Whether to use a pool, and how. */
export interface PoolChoice {
  /** Worker threads; 0 runs everything in this thread. Default: DATLEDGER_WORKERS, else one per core. */
  workers?: number;
  /** Fewer input files than this run in this thread, with no pool start-up. Default 500. */
  threshold?: number;
  /** Documents read and not yet stored, at most (rounded up to whole chunks). Default 128 per worker. */
  inFlight?: number;
  /** Documents per message to a worker. Default 8. */
  chunk?: number;
  /** When aborted, no further file is read; what was read is stored and reconciled (Ctrl-C). */
  signal?: AbortSignal;
}

export type PoolOptions = PoolChoice & { workers: number };

/**
 * Where settled documents go, in input order: an ingest run (src/ledger/ingestRun.ts) that stores
 * them in batches and reconciles what they touched when it finishes.
 */
export interface PoolRun<Summary> {
  known(raw: RawDocument): boolean;
  add(document: AnalyzedDocument & { bands?: number[] }): void;
  fail(raw: RawDocument, message: string): void;
  progress(raw: RawDocument): void;
  interrupt(): void;
  finish(): Summary;
}

/** What the pool's caller does for it: read, say what is stored, analyse what no worker did, store. */
export interface PoolContext<Summary> {
  run: PoolRun<Summary>;
  clock: StageClock;
  failed: InputFailure[];
  read(path: string): RawDocument | InputFailure;
  isStored(contentHash: string): boolean;
  /** This thread's analysis of a document no worker gave back (a worker died or never started). */
  analyzeHere(raw: RawDocument): Promise<Outcome>;
}

/**
 * Walks until `threshold` files are seen (names only, no reading), to know whether the input is
 * worth a pool: `fewer` when it ended before. `entries` gives every entry, those walked included.
 */
export function lookAhead(
  walk: Generator<WalkEntry>,
  threshold: number,
): { entries: Iterable<WalkEntry>; fewer: boolean } {
  const head: WalkEntry[] = [];
  let files = 0;
  let exhausted = false;
  while (files < threshold) {
    const next = walk.next();
    if (next.done) {
      exhausted = true;
      break;
    }
    head.push(next.value);
    if (next.value.path !== null) files++;
  }
  const entries = (function* () {
    yield* head.splice(0);
    if (!exhausted) yield* walk;
  })();
  return { entries, fewer: exhausted };
}

/**
 * Reads the entries here and sends them, a chunk at a time, to worker threads; a window of chunks
 * is in flight, and they are settled strictly in input order, so the run sees the same documents,
 * batches, origins and failures as in this thread. Memory stays bounded: at most `inFlight`
 * documents are between reading and storing, whatever the size of the corpus.
 */
export async function ingestOnPool<Summary>(
  entries: Iterable<WalkEntry>,
  options: PoolOptions,
  context: PoolContext<Summary>,
): Promise<Summary> {
  const chunkSize = Math.max(1, options.chunk ?? CHUNK_SIZE);
  const maxChunks = Math.max(1, Math.ceil((options.inFlight ?? options.workers * 128) / chunkSize));
  const pool = new AnalyzerPool(options.workers, maxChunks);
  try {
    return await ingestWindowed(entries, pool, chunkSize, maxChunks, options.signal, context);
  } finally {
    await pool.close();
  }
}

/** One walked entry: what reading it gave, and whether it went to the pool. */
interface Slot {
  entry: WalkEntry;
  raw: RawDocument | null;
  readFailure: InputFailure | null;
  sent: boolean;
}
interface Chunk {
  slots: Slot[];
  pending: Promise<ChunkOutcome> | null;
}

async function ingestWindowed<Summary>(
  entries: Iterable<WalkEntry>,
  pool: AnalyzerPool,
  chunkSize: number,
  maxChunks: number,
  signal: AbortSignal | undefined,
  context: PoolContext<Summary>,
): Promise<Summary> {
  const { run, clock, failed } = context;
  const wantTimings = clock.timings !== undefined;
  const window: Chunk[] = [];
  let filling: Slot[] = [];

  const read = (entry: WalkEntry): Slot => {
    const slot: Slot = { entry, raw: null, readFailure: null, sent: false };
    if (entry.path === null) return slot;
    const read = context.read(entry.path);
    if ('input' in read) slot.readFailure = read;
    else {
      slot.raw = read;
      // Known texts are not sent at all; the check is repeated, in order, when the slot is settled.
      slot.sent = !context.isStored(read.contentHash);
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
    const start = performance.now();
    const analyzed = chunk.pending ? await chunk.pending : null;
    clock.lap('wait', start);
    if (analyzed?.timings) clock.addAnalysis(analyzed.timings);
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
        const outcome = result ?? (await context.analyzeHere(raw));
        if (outcome.ok) {
          const { article, mentions, signature, bands, quiet, warnings } = outcome;
          run.add({ raw, article, mentions, signature, bands, quiet, warnings });
        } else run.fail(raw, outcome.reason);
      }
      run.progress(raw);
    }
  };

  for (const entry of entries) {
    // Stopped: nothing more is read; the chunks already with the workers are still stored below.
    if (signal?.aborted) {
      run.interrupt();
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
