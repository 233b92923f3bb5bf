/**
 * A pool worker: the pure per-document work (clean, extract, normalize, MinHash) for a chunk of
 * raw documents, in order. The rulebook is compiled once per worker, when the module loads. The
 * origin is not decided here: the main thread sees every earlier document and decides it from the
 * signature.
 */
import { analyzeDocument, type AnalyzeTimings } from '../analyze.js';
import { bandKeys } from '../origins/minhash.js';
import { defaultRulebook } from '../rulebook/compile.js';
import type { Article, RawDocument } from '../schema/document.js';
import type { TransactionMention } from '../schema/mention.js';
import type { QuietReason } from '../extract/quietReason.js';

/** Several documents a message: fewer round trips, and work queued in the worker while the main thread writes a batch. */
export interface AnalyzeTask {
  raws: RawDocument[];
  timings: boolean;
}

export type AnalyzeResult =
  | {
      ok: true;
      article: Article;
      mentions: TransactionMention[];
      signature: Uint32Array;
      bands: number[];
      quiet: QuietReason | null;
      warnings: string[];
    }
  | { ok: false; reason: string };

export interface AnalyzeChunkResult {
  results: AnalyzeResult[];
  timings: AnalyzeTimings | null;
}

// The project's rules/ and the user's folder in DATLEDGER_RULES: a worker inherits the main thread's
// environment, where --rules has set it, so both threads read the same lexicon.
const rulebook = defaultRulebook();

export default function analyze(task: AnalyzeTask): AnalyzeChunkResult {
  const timings: AnalyzeTimings | undefined = task.timings ? {} : undefined;
  const results = task.raws.map((raw): AnalyzeResult => {
    try {
      const analyzed = analyzeDocument(raw, rulebook, timings);
      // The main thread stores the article's text and metadata; its zoned lines (as long again) stay here.
      const article = { ...analyzed.article, lines: [] };
      const { mentions, signature, quiet, warnings } = analyzed;
      return { ok: true, article, mentions, signature, bands: bandKeys(signature), quiet, warnings };
    } catch (error) {
      // The same words the in-thread path records: the input is named and the rest goes on.
      return { ok: false, reason: (error as Error).message };
    }
  });
  return { results, timings: timings ?? null };
}
