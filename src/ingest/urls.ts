import type { RawDocument } from '../schema/document.js';
import type { Repository } from '../store/index.js';
import { fetchAll, type FetchOptions, type FetchOutcome } from './fetch/index.js';
import { sha256, type InputFailure } from './files.js';

export interface FetchedBatch {
  documents: RawDocument[];
  failed: InputFailure[];
  unchanged: number;
  /** URLs whose fetch had not ended when the run was stopped (Ctrl-C); their requests are abandoned. */
  notFetched: string[];
}

/**
 * Fetches URLs politely (see fetch/) with the validators stored from earlier runs: an unchanged
 * page costs a 304 and nothing else; a changed page comes back as a new document for the same source.
 */
export async function fetchUrls(
  urls: string[],
  repository: Repository,
  options: FetchOptions,
  signal?: AbortSignal,
): Promise<FetchedBatch> {
  const clean = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as FetchOptions;
  const ended = new Map<string, FetchOutcome>();
  const all = fetchAll(urls, clean, {
    validators: (url) => repository.validators(url),
    onOutcome: (outcome) => ended.set(outcome.url, outcome),
  });
  // Stopped: the pages fetched so far are kept (they are stored by the caller); the rest is not waited for.
  const stopped = new Promise<null>((resolve) =>
    signal?.aborted ? resolve(null) : signal?.addEventListener('abort', () => resolve(null), { once: true }),
  );
  const first = await Promise.race([all, stopped]);
  let outcomes: FetchOutcome[];
  let notFetched: string[] = [];
  if (first === null) {
    all.catch(() => {});
    const distinct = [...new Set(urls)];
    outcomes = distinct.filter((url) => ended.has(url)).map((url) => ended.get(url)!);
    notFetched = distinct.filter((url) => !ended.has(url));
  } else outcomes = first;
  const batch: FetchedBatch = { documents: [], failed: [], unchanged: 0, notFetched };
  for (const outcome of outcomes) {
    if (outcome.kind === 'failed') batch.failed.push({ input: outcome.url, reason: outcome.reason });
    else if (outcome.kind === 'not-modified') batch.unchanged++;
    else {
      const contentHash = sha256(outcome.text);
      // The validators travel with the page and are written with it (pipeline.ts), not here.
      batch.documents.push({
        source: outcome.url,
        kind: 'url',
        format: outcome.contentType === 'text/plain' ? 'text' : 'html',
        text: outcome.text,
        contentHash,
        publishedHint: null,
        observedAt: new Date().toISOString(),
        validators: { etag: outcome.etag, lastModified: outcome.lastModified },
      });
    }
  }
  return batch;
}
