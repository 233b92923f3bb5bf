import http from 'node:http';
import https from 'node:https';
import { chooseCharset, decodeText } from './charset.js';
import { isSupportedTextType } from './contentType.js';
import { FetchFailure } from './errors.js';
import { fetchResource, type ResourceDeps } from './followRedirects.js';
import { HostLimiter } from './hostLimiter.js';
import type { ResolvedOptions } from './options.js';
import type { Agents } from './request.js';
import { RobotsGate, type RobotsFile } from './robots.js';
import { parseTargetUrl } from './targetUrl.js';
import type { FetchOutcome, Validators } from './types.js';

/**
 * One run's worth of shared fetching state: keep-alive agents, host limits and
 * the robots.txt cache. Owned by fetchAll and closed when the run ends, so no
 * sockets outlive it.
 */
export class Fetcher {
  private readonly deps: ResourceDeps;
  private readonly robots: RobotsGate | undefined;

  constructor(options: ResolvedOptions) {
    const agents: Agents = {
      http: new http.Agent({ keepAlive: true }),
      https: new https.Agent({ keepAlive: true }),
    };
    const limiter = new HostLimiter(options);
    this.deps = { agents, limiter, options };
    this.robots = options.ignoreRobots
      ? undefined
      : new RobotsGate(
          options.userAgent,
          (robotsUrl) => this.loadRobots(robotsUrl),
          // A site's Crawl-delay is a politeness request like Retry-After; capped the same way.
          (host, delayMs) => limiter.setMinInterval(host, Math.min(delayMs, options.maxRetryAfterMs)),
        );
  }

  /** Fetches one page; every problem, even an unexpected one, becomes a "failed" outcome. */
  async fetchPage(input: string, validators?: Validators): Promise<FetchOutcome> {
    try {
      return await this.fetchPageUnsafe(input, validators);
    } catch (error) {
      const reason =
        error instanceof FetchFailure ? error.message : `internal error: ${(error as Error)?.message ?? String(error)}`;
      return { kind: 'failed', url: input, reason, attempts: 0 };
    }
  }

  close(): void {
    this.deps.agents.http.destroy();
    this.deps.agents.https.destroy();
  }

  private async fetchPageUnsafe(input: string, validators: Validators | undefined): Promise<FetchOutcome> {
    const start = parseTargetUrl(input);
    const robots = this.robots;
    const result = await fetchResource(
      start,
      {
        ...(robots ? { robotsCheck: (url: URL) => robots.check(url) } : {}),
        acceptContentType: isSupportedTextType,
        ...(validators ? { validators } : {}),
      },
      this.deps,
    );
    switch (result.kind) {
      case 'failed':
        return {
          kind: 'failed',
          url: input,
          reason: result.reason,
          ...statusOf(result.status),
          attempts: result.attempts,
        };
      case 'not-modified':
        return {
          kind: 'not-modified',
          url: input,
          finalUrl: result.finalUrl.href,
          status: 304,
          attempts: result.attempts,
        };
      case 'body': {
        const { response } = result;
        const contentTypeHeader = response.headers['content-type'];
        const { charset, source } = chooseCharset(contentTypeHeader, response.body);
        const etag = response.headers.etag;
        const lastModified = response.headers['last-modified'];
        return {
          kind: 'fetched',
          url: input,
          finalUrl: result.finalUrl.href,
          status: response.status,
          contentType: response.mime,
          charset,
          charsetSource: source,
          text: decodeText(response.body, charset),
          bytes: response.body.byteLength,
          ...(etag ? { etag } : {}),
          ...(lastModified ? { lastModified } : {}),
          attempts: result.attempts,
        };
      }
    }
  }

  private async loadRobots(robotsUrl: URL): Promise<RobotsFile> {
    // robots.txt is often served with odd content types, so any type is read.
    const result = await fetchResource(robotsUrl, {}, this.deps);
    if (result.kind === 'body') return { kind: 'found', text: decodeText(result.response.body, 'utf-8') };
    if (result.kind === 'failed' && result.status !== undefined && result.status >= 400 && result.status < 500) {
      return { kind: 'missing' };
    }
    // No HTTP status: the host never answered (DNS, refused, timeout), which says nothing about robots.txt.
    if (
      result.kind === 'failed' &&
      result.status === undefined &&
      /^(?:network error|host not found|timeout)/.test(result.reason)
    )
      return { kind: 'unreachable', reason: result.reason };
    return { kind: 'unavailable', reason: result.kind === 'failed' ? result.reason : 'unexpected HTTP 304' };
  }
}

function statusOf(status: number | undefined): { status?: number } {
  return status === undefined ? {} : { status };
}
