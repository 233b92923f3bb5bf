import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { RawDocument } from '../schema/document.js';
import type { AnalyzeChunkResult, AnalyzeTask } from './worker.js';

/** Below this many input files an ingest runs in the calling thread: starting workers costs ~1 s. */
export const POOL_THRESHOLD = 500;

/** Tasks handed to a worker at once: it goes on with the next while the main thread is busy writing. */
const TASKS_PER_WORKER = 8;

/**
 * V8 heap limits per worker (MB). A worker's live heap is ~45 MB (compromise, cheerio, the
 * rulebook); left alone, V8 lets each grow to ~150 MB between full collections. A cap keeps the
 * process under 400 MB. A document too big for it kills only its worker: the caller analyses that
 * chunk in its own thread, with the ordinary heap. DATLEDGER_WORKER_YOUNG_MB / _OLD_MB override.
 */
const WORKER_YOUNG_GENERATION_MB = 8;
const WORKER_OLD_GENERATION_MB = 128;

/** Consecutive crashed chunks after which the pool is given up and the caller analyses the rest itself. */
const MAX_CRASHES = 4;

/** Workers to start: DATLEDGER_WORKERS if set (0 = never use a pool), else one per core. */
export function defaultWorkerCount(): number {
  const configured = process.env.DATLEDGER_WORKERS;
  if (configured !== undefined && configured !== '') {
    const count = Number(configured);
    if (Number.isInteger(count) && count >= 0) return count;
  }
  return Math.max(1, availableParallelism());
}

/** dist/parallel/worker.js: beside this file once compiled; from src/ (vitest) the compiled one in dist/. */
function workerFile(): string {
  const beside = new URL('./worker.js', import.meta.url);
  if (existsSync(fileURLToPath(beside))) return beside.href;
  const compiled = new URL('../../dist/parallel/worker.js', import.meta.url);
  if (existsSync(fileURLToPath(compiled))) return compiled.href;
  throw new Error('dist/parallel/worker.js is missing: run `npm run build` first');
}

/** What a chunk gave: per-document results in order, or why the worker could not give them. */
export type ChunkOutcome = AnalyzeChunkResult | { results: null; timings: null; crash: string };

/**
 * Worker threads that run analyzeDocument (dist/parallel/worker.js). Each task is a chunk of
 * consecutive documents; the caller bounds how many chunks are in flight, so the pool's own queue
 * never grows with the corpus. When a worker dies (out of memory) or cannot start, its chunks
 * come back as a crash, never as a hang: the caller analyses them itself.
 */
export class AnalyzerPool {
  private readonly piscina: Piscina<AnalyzeTask, AnalyzeChunkResult>;
  /** Chunks not yet answered, to be answered with a crash if the workers cannot run at all. */
  private readonly waiting = new Set<(outcome: ChunkOutcome) => void>();
  private givenUp: string | null = null;
  /** Crashed chunks since the last good one: past MAX_CRASHES the workers are not worth restarting. */
  private crashes = 0;

  /** `inFlight`: the most chunks the caller will have submitted and not yet taken back. */
  constructor(
    readonly workers: number,
    readonly inFlight = workers * 4,
  ) {
    const megabytes = (name: string, fallback: number) => Number(process.env[name]) || fallback;
    this.piscina = new Piscina<AnalyzeTask, AnalyzeChunkResult>({
      filename: workerFile(),
      minThreads: workers,
      maxThreads: workers,
      concurrentTasksPerWorker: TASKS_PER_WORKER,
      idleTimeout: 60_000,
      // The caller keeps the in-flight window small; a bounded queue turns a bug into an error, not a leak.
      maxQueue: inFlight,
      resourceLimits: {
        maxYoungGenerationSizeMb: megabytes('DATLEDGER_WORKER_YOUNG_MB', WORKER_YOUNG_GENERATION_MB),
        maxOldGenerationSizeMb: megabytes('DATLEDGER_WORKER_OLD_MB', WORKER_OLD_GENERATION_MB),
      },
    });
    // A worker that fails to load (its module throws) is reported here; piscina would leave its tasks pending.
    this.piscina.on('error', (error: Error) => this.giveUp(`worker could not start: ${error.message}`));
  }

  analyze(raws: RawDocument[], timings: boolean): Promise<ChunkOutcome> {
    if (this.givenUp !== null) return Promise.resolve(crashed(this.givenUp));
    return new Promise<ChunkOutcome>((resolve) => {
      // Settled once: by the worker's answer, or by giveUp(). (No Promise.race against a promise that
      // never settles: each race would stay attached to it, holding its chunk's results for good.)
      let settled = false;
      const answer = (outcome: ChunkOutcome) => {
        if (settled) return;
        settled = true;
        this.waiting.delete(answer);
        resolve(outcome);
      };
      this.waiting.add(answer);
      this.piscina.run({ raws, timings }).then(
        (result) => {
          this.crashes = 0;
          answer(result);
        },
        (error: unknown) => {
          const reason = `worker failed: ${(error as Error)?.message ?? String(error)}`;
          answer(crashed(reason));
          if (++this.crashes >= MAX_CRASHES) this.giveUp(reason);
        },
      );
    });
  }

  async close(): Promise<void> {
    this.giveUp('pool closed');
    await this.piscina.destroy();
  }

  private giveUp(reason: string) {
    this.givenUp ??= reason;
    for (const answer of [...this.waiting]) answer(crashed(reason));
  }
}

const crashed = (reason: string): ChunkOutcome => ({ results: null, timings: null, crash: reason });
