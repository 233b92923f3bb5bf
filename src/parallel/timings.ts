import type { AnalyzeTimings } from '../analyze.js';

/**
 * Milliseconds spent per stage of an ingest, accumulated as it runs (`--timings` or
 * DATLEDGER_TIMINGS=1). clean, extract, normalize and minhash are thread time summed over the
 * workers when a pool runs them, so with two workers they can add up to twice the wall time;
 * read, origin, store, reconcile* and wait are main-thread time.
 */
export interface StageTimings extends Required<AnalyzeTimings> {
  /** walk folders, read, decode and hash files */
  read: number;
  /** near-duplicate lookup (MinHash bands in SQLite) */
  origin: number;
  /** document and mention inserts, in batch transactions */
  store: number;
  /** loading the touched blocks' mentions and decisions */
  reconcileLoad: number;
  /** reconcile() itself: cluster and resolve */
  reconcile: number;
  /** replacing the touched blocks' events */
  reconcileWrite: number;
  /** main thread idle, waiting for the workers */
  wait: number;
}

export const newStageTimings = (): StageTimings => ({
  read: 0,
  clean: 0,
  extract: 0,
  normalize: 0,
  minhash: 0,
  origin: 0,
  store: 0,
  reconcileLoad: 0,
  reconcile: 0,
  reconcileWrite: 0,
  wait: 0,
});

export function addTimings(into: StageTimings, from: AnalyzeTimings) {
  into.clean += from.clean ?? 0;
  into.extract += from.extract ?? 0;
  into.normalize += from.normalize ?? 0;
  into.minhash += from.minhash ?? 0;
}

/**
 * Adds the time of each step of an ingest to its stage, when timings were asked for; does nothing
 * (not even read the clock) otherwise. Every part of an ingest is given the same clock.
 */
export class StageClock {
  constructor(readonly timings?: StageTimings) {}

  /** The current time, or 0 when nothing is timed. */
  start(): number {
    return this.timings ? performance.now() : 0;
  }

  /** Adds the time since `start` to a stage; returns the new start. */
  lap(stage: keyof StageTimings, start: number): number {
    if (!this.timings) return start;
    const end = performance.now();
    this.timings[stage] += end - start;
    return end;
  }

  add(stage: keyof StageTimings, ms: number) {
    if (this.timings) this.timings[stage] += ms;
  }

  /** The per-step times a document's analysis reported (in this thread or a worker). */
  addAnalysis(from: AnalyzeTimings) {
    if (this.timings) addTimings(this.timings, from);
  }
}

/** Timings are printed when the hidden --timings flag or DATLEDGER_TIMINGS=1 asks for them. */
export const timingsRequested = (flag?: boolean) => flag === true || process.env.DATLEDGER_TIMINGS === '1';

/** What an ingest reports about its own run: human lines, then one JSON line the benchmark reads. */
export interface TimingReport {
  mode: 'in-thread' | 'pool';
  workers: number;
  /** documents a crashed worker left to the main thread */
  fallbacks: number;
  articles: number;
  bytes: number;
  wallMs: number;
  /** user + system CPU of the whole process, worker threads included */
  cpuMs: number;
  maxRssMb: number;
  stages: StageTimings;
}

export const TIMINGS_JSON_PREFIX = 'datledger-timings ';

export function formatTimings(report: TimingReport): string {
  const seconds = report.wallMs / 1000;
  const row = (name: string, ms: number) => `  ${name.padEnd(16)}${(ms / 1000).toFixed(2).padStart(9)} s\n`;
  const s = report.stages;
  const fallbacks = report.fallbacks ? `, ${report.fallbacks} documents analysed here after a worker crashed` : '';
  const workers = report.mode === 'pool' ? `, ${report.workers} workers${fallbacks}` : '';
  const elapsed = Math.max(seconds, 1e-9);
  return (
    `timings (${report.mode}${workers}): ${report.articles} articles in ${seconds.toFixed(2)} s = ` +
    `${Math.round(report.articles / elapsed)} articles/s, ${(report.bytes / 1e6 / elapsed).toFixed(2)} MB/s, ` +
    `CPU ${(report.cpuMs / 1000).toFixed(2)} s, peak RSS ${report.maxRssMb} MB\n` +
    row('read', s.read) +
    row('clean', s.clean) +
    row('extract', s.extract) +
    row('normalize', s.normalize) +
    row('minhash', s.minhash) +
    row('origin', s.origin) +
    row('store', s.store) +
    row('reconcile load', s.reconcileLoad) +
    row('reconcile', s.reconcile) +
    row('reconcile write', s.reconcileWrite) +
    row('wait (workers)', s.wait) +
    `${TIMINGS_JSON_PREFIX}${JSON.stringify(report)}\n`
  );
}
