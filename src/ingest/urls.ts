import type { RawDocument } from '../schema/document.js';
import type { Repository } from '../store/index.js';
import { fetchAll, type FetchOptions } from './fetch/index.js';
import { sha256, type InputFailure } from './files.js';

export interface FetchedBatch { documents: RawDocument[]; failed: InputFailure[]; unchanged: number }

/**
 * Fetches URLs politely (see fetch/) with the validators stored from earlier runs: an unchanged
 * page costs a 304 and nothing else; a changed page comes back as a new document for the same source.
 */
export async function fetchUrls(urls: string[], repository: Repository, options: FetchOptions): Promise<FetchedBatch> {
  const clean = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as FetchOptions;
  const outcomes = await fetchAll(urls, clean, { validators: (url) => repository.validators(url) });
  const batch: FetchedBatch = { documents: [], failed: [], unchanged: 0 };
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
