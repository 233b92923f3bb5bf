import type { AnalyzedDocument, AnalyzeTimings } from '../analyze.js';
import type { Rulebook } from '../rulebook/compile.js';
import type { RawDocument } from '../schema/document.js';

/** clean -> extract -> normalize for one document (src/analyze.ts). */
export type Analyze = (raw: RawDocument, rulebook: Rulebook, timings?: AnalyzeTimings) => AnalyzedDocument;

/**
 * clean + extract in this thread (cheerio, compromise: ~50 MB, about a second to load). A caller
 * that analyses in this thread anyway hands it over loaded; one that sends documents to worker
 * threads loads it only when this thread has to analyse after all (a small folder, URLs, a
 * worker that crashed).
 */
export interface InThreadAnalyzer {
  /** The analyzer, or null while it is not loaded. */
  readonly ready: Analyze | null;
  load(): Promise<Analyze>;
}

export const loadedAnalyzer = (analyze: Analyze): InThreadAnalyzer => ({ ready: analyze, load: async () => analyze });

export function deferredAnalyzer(): InThreadAnalyzer {
  let ready: Analyze | null = null;
  return {
    get ready() {
      return ready;
    },
    async load() {
      ready ??= (await import('../analyze.js')).analyzeDocument;
      return ready;
    },
  };
}
