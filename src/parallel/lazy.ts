/**
 * Set `deferred` before the first import of pipeline.js when the documents will be analysed on
 * worker threads (the CLI ingest command does): the main thread then loads clean + extract
 * (cheerio, compromise: ~50 MB of RSS) only if it has to analyse something itself, via
 * loadAnalyzer(). Everyone else gets a pipeline whose synchronous API works at once.
 */
export const analyzerLoading = { deferred: false };
