import { setTimeout as sleep } from 'node:timers/promises';
import { FetchFailure, networkFailure } from './errors.js';
import type { HostLimiter } from './hostLimiter.js';
import type { ResolvedOptions } from './options.js';
import { requestOnce, type RequestResult, type RequestSpec } from './request.js';
import { backoffMs, isRetryableStatus, retryAfterMs } from './retryPolicy.js';

export type AttemptedRequest =
  { ok: true; result: RequestResult; attempts: number } | { ok: false; failure: FetchFailure; attempts: number };

type RetrySettings = Pick<ResolvedOptions, 'retries' | 'backoffBaseMs' | 'maxRetryAfterMs'>;

/**
 * Runs one request through the host limiter, retrying network errors,
 * timeouts, 429 and 5xx. The limiter slot is released between attempts, so a
 * URL sitting out its backoff does not block other URLs of the same host.
 * A retryable status that survives every attempt is returned as a result
 * (not a failure) so the caller can report its HTTP status.
 */
export async function requestWithRetries(
  spec: RequestSpec,
  limiter: HostLimiter,
  settings: RetrySettings,
): Promise<AttemptedRequest> {
  const host = spec.url.host;
  for (let attempt = 1; ; attempt++) {
    const mayRetry = attempt <= settings.retries;
    let waitMs: number;
    try {
      const result = await limiter.run(host, () => requestOnce(spec));
      if (result.type !== 'http-error' || !isRetryableStatus(result.status) || !mayRetry) {
        return { ok: true, result, attempts: attempt };
      }
      const askedMs = retryAfterMs(result.retryAfter, settings.maxRetryAfterMs);
      if (askedMs !== undefined) {
        // Retry-After speaks for the whole server, not just this URL.
        limiter.pauseHost(host, askedMs);
        waitMs = askedMs;
      } else {
        waitMs = backoffMs(attempt, settings.backoffBaseMs, settings.maxRetryAfterMs);
      }
    } catch (error) {
      const failure = error instanceof FetchFailure ? error : networkFailure(error);
      if (!failure.retryable || !mayRetry) return { ok: false, failure, attempts: attempt };
      waitMs = backoffMs(attempt, settings.backoffBaseMs, settings.maxRetryAfterMs);
    }
    await sleep(waitMs);
  }
}
