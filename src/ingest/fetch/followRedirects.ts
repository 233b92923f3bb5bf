import { FetchFailure } from './errors.js';
import type { HostLimiter } from './hostLimiter.js';
import type { ResolvedOptions } from './options.js';
import type { Agents, RequestResult } from './request.js';
import { requestWithRetries } from './retryingRequest.js';
import { assertSupportedScheme, parseTargetUrl } from './targetUrl.js';
import type { Validators } from './types.js';

export interface ResourceRequest {
  /** Returns a refusal reason when robots.txt forbids the URL; omitted for robots.txt itself. */
  robotsCheck?: (url: URL) => Promise<string | undefined>;
  acceptContentType?: (mime: string) => boolean;
  validators?: Validators;
}

export interface ResourceDeps {
  agents: Agents;
  limiter: HostLimiter;
  options: ResolvedOptions;
}

export type ResourceResult =
  | { kind: 'body'; finalUrl: URL; response: Extract<RequestResult, { type: 'body' }>; attempts: number }
  | { kind: 'not-modified'; finalUrl: URL; attempts: number }
  | { kind: 'failed'; reason: string; status?: number; attempts: number };

/**
 * Fetches a URL, following redirects by hand so that every hop is held to the
 * same rules as the first one (scheme, robots.txt, host limits). Never throws.
 */
export async function fetchResource(start: URL, request: ResourceRequest, deps: ResourceDeps): Promise<ResourceResult> {
  const { options } = deps;
  const visited = new Set<string>();
  let url = start;
  let redirects = 0;
  let attempts = 0;

  const failed = (reason: string, status?: number): ResourceResult => ({
    kind: 'failed',
    // Without the hop's URL, "HTTP 404" after a redirect would point at the wrong page.
    reason: redirects > 0 ? `${reason} (redirected to ${url.href})` : reason,
    ...(status === undefined ? {} : { status }),
    attempts,
  });

  for (;;) {
    try {
      assertSupportedScheme(url);
    } catch (error) {
      return failed((error as Error).message);
    }
    visited.add(url.href);

    const refusal = await request.robotsCheck?.(url);
    if (refusal) return failed(refusal);

    const attempt = await requestWithRetries(
      {
        url,
        agents: deps.agents,
        headers: requestHeaders(options.userAgent, request.validators),
        timeoutMs: options.timeoutMs,
        maxBytes: options.maxBytes,
        ...(request.acceptContentType ? { acceptContentType: request.acceptContentType } : {}),
      },
      deps.limiter,
      options,
    );
    attempts += attempt.attempts;
    if (!attempt.ok) return failed(attempt.failure.message, attempt.failure.status);

    const result = attempt.result;
    switch (result.type) {
      case 'body':
        return { kind: 'body', finalUrl: url, response: result, attempts };
      case 'not-modified':
        // A 304 we did not ask for carries no page and no way to find one.
        if (!hasValidators(request.validators)) return failed('unexpected HTTP 304 without validators', 304);
        return { kind: 'not-modified', finalUrl: url, attempts };
      case 'http-error':
        return failed(`HTTP ${result.status}`, result.status);
      case 'redirect': {
        let next: URL;
        try {
          next = parseTargetUrl(result.location, url);
        } catch (error) {
          return failed(error instanceof FetchFailure ? error.message : 'invalid redirect location', result.status);
        }
        redirects++;
        if (visited.has(next.href)) {
          return { kind: 'failed', reason: `redirect loop: ${url.href} redirects back to ${next.href}`, attempts };
        }
        if (redirects > options.maxRedirects) {
          return { kind: 'failed', reason: `more than ${options.maxRedirects} redirects`, attempts };
        }
        url = next;
        break;
      }
    }
  }
}

function requestHeaders(userAgent: string, validators: Validators | undefined): Record<string, string> {
  const headers: Record<string, string> = { 'user-agent': userAgent };
  // Sent on every hop: the validators belong to wherever the chain ended last time.
  if (validators?.etag) headers['if-none-match'] = validators.etag;
  if (validators?.lastModified) headers['if-modified-since'] = validators.lastModified;
  return headers;
}

function hasValidators(validators: Validators | undefined): boolean {
  return Boolean(validators?.etag || validators?.lastModified);
}
