import { Fetcher } from './fetcher.js';
import { resolveOptions } from './options.js';
import type { FetchHooks, FetchOptions, FetchOutcome, FetchProgress, Validators } from './types.js';

/**
 * Fetches every URL politely and returns one outcome per input, in input
 * order. Individual URLs never make this reject: their problems become
 * "failed" outcomes. It rejects only for invalid options, or after the whole
 * batch has finished if a caller hook threw (the first such error is
 * rethrown, so a broken store write is not silently lost).
 */
export async function fetchAll(
  urls: string[],
  options?: FetchOptions,
  hooks: FetchHooks = {},
): Promise<FetchOutcome[]> {
  const fetcher = new Fetcher(resolveOptions(options));
  const progress: FetchProgress = { done: 0, total: urls.length, failed: 0 };
  const hookErrors: unknown[] = [];
  // The same URL twice in a list is fetched once; both positions get its outcome.
  const pending = new Map<string, Promise<FetchOutcome>>();

  const validatorsFor = (url: string): Validators | undefined => {
    try {
      return hooks.validators?.(url);
    } catch (error) {
      hookErrors.push(error);
      return undefined;
    }
  };

  const report = (outcome: FetchOutcome): void => {
    progress.done++;
    if (outcome.kind === 'failed') progress.failed++;
    try {
      hooks.onOutcome?.(outcome, { ...progress });
    } catch (error) {
      hookErrors.push(error);
    }
  };

  try {
    const outcomes = await Promise.all(
      urls.map(async (url) => {
        let shared = pending.get(url);
        const first = !shared;
        if (!shared) {
          shared = fetcher.fetchPage(url, validatorsFor(url));
          pending.set(url, shared);
        }
        // Copies for repeats, so a caller mutating one outcome does not change another.
        const outcome = first ? await shared : { ...(await shared) };
        report(outcome);
        return outcome;
      }),
    );
    if (hookErrors.length > 0) throw hookErrors[0];
    return outcomes;
  } finally {
    fetcher.close();
  }
}
