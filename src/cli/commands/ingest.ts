import { readFileSync } from 'node:fs';
import { EXIT, openRepository, UsageError } from '../common.js';
import { printSummary } from '../printSummary.js';
import { progressReporter } from '../progress.js';

export interface IngestOptions { db?: string; urls?: string; maxBytes?: string; ignoreRobots?: boolean; concurrency?: string }

const isUrl = (input: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(input);

export async function ingestCommand(inputs: string[], options: IngestOptions): Promise<number> {
  const { Pipeline } = await import('../../pipeline.js');
  const { defaultRulebook } = await import('../../rulebook/compile.js');
  let urls = inputs.filter(isUrl);
  const paths = inputs.filter((input) => !isUrl(input));
  if (options.urls) {
    const { parseUrlList } = await import('../../ingest/fetch/index.js');
    let text: string;
    try {
      text = readFileSync(options.urls, 'utf8');
    } catch {
      throw new UsageError(`--urls ${options.urls}: cannot read the URL list`);
    }
    urls = [...urls, ...parseUrlList(text)];
  }
  if (paths.length === 0 && urls.length === 0) throw new UsageError('nothing to ingest: give files, folders or URLs (see datledger ingest --help)');
  const maxBytes = options.maxBytes ? Number(options.maxBytes) : undefined;
  if (maxBytes !== undefined && !(maxBytes > 0)) throw new UsageError(`--max-bytes ${options.maxBytes}: expected a positive number of bytes`);

  const rulebook = defaultRulebook();
  const repository = openRepository(options.db);
  const progress = await progressReporter(null);
  const pipeline = new Pipeline(repository, rulebook, (p) => progress.update(p));
  try {
    const summary = pipeline.ingestPaths(paths, { maxBytes });
    if (urls.length > 0) {
      const { fetchUrls } = await import('../../ingest/urls.js');
      const fetched = await fetchUrls(urls, repository, { ignoreRobots: options.ignoreRobots, maxBytes, concurrency: options.concurrency ? Number(options.concurrency) : undefined });
      const more = pipeline.ingestDocuments(fetched.documents, fetched.failed);
      Object.assign(summary, { articles: summary.articles + more.articles, alreadyKnown: summary.alreadyKnown + more.alreadyKnown + fetched.unchanged, mentions: summary.mentions + more.mentions, events: more.events, openConflicts: more.openConflicts, failed: [...summary.failed, ...more.failed] });
    }
    progress.stop();
    printSummary(summary);
    return summary.failed.length > 0 ? EXIT.someInputsFailed : EXIT.ok;
  } finally {
    progress.stop();
    repository.db.close();
  }
}
