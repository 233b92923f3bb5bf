/**
 * The ingest flow (src/ingestFlow.ts, where the stages are listed in order) with clean + extract
 * loaded in this thread, so its synchronous API works at once: what run-samples, paste, eval and
 * the tests use. `datledger ingest`, which sends large folders to worker threads, builds the flow
 * with an analyzer this thread loads only if it must (src/parallel/inThreadAnalyzer.ts).
 */
import { analyzeDocument } from './analyze.js';
import { IngestFlow, type PipelineOptions } from './ingestFlow.js';
import type { IngestProgress } from './ledger/ingestRun.js';
import { loadedAnalyzer } from './parallel/inThreadAnalyzer.js';
import type { Rulebook } from './rulebook/compile.js';
import type { Repository } from './store/index.js';

export type { ParallelIngestOptions, PipelineOptions, ReadOptions } from './ingestFlow.js';
export type { IngestProgress, IngestSummary } from './ledger/ingestRun.js';

export class Pipeline extends IngestFlow {
  constructor(
    repository: Repository,
    rulebook: Rulebook,
    onProgress?: (progress: IngestProgress) => void,
    options: PipelineOptions = {},
  ) {
    super(repository, rulebook, loadedAnalyzer(analyzeDocument), onProgress, options);
  }
}
