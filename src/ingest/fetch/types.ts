/** Tuning knobs for one fetchAll run; every field has a polite default (see DEFAULT_OPTIONS in options.ts). */
export interface FetchOptions {
  /** Requests in flight across all hosts. Default 8. */
  concurrency?: number;
  /** Requests in flight to one host (hostname:port). Default 2. */
  perHostConcurrency?: number;
  /** Minimum gap between request starts to one host; a robots.txt Crawl-delay can raise it. Default 250. */
  perHostIntervalMs?: number;
  /** Budget for one request, connect to last body byte. Default 15000. */
  timeoutMs?: number;
  /** Extra attempts after the first, for network errors, timeouts, 429 and 5xx. Default 2. */
  retries?: number;
  /** First backoff delay; doubles each retry, with jitter. Default 500. */
  backoffBaseMs?: number;
  /** Upper bound on any wait a server asks for (Retry-After, Crawl-delay) and on backoff. Default 30000. */
  maxRetryAfterMs?: number;
  /** Redirects followed before giving up. Default 5. */
  maxRedirects?: number;
  /** Largest body accepted, compressed or decompressed. Default 5 MiB (5242880). */
  maxBytes?: number;
  /**
   * Default "datledger/0.1 (+https://github.com/datledger/datledger)"; its product token is matched against
   * robots.txt groups.
   */
  userAgent?: string;
  /** Skip robots.txt entirely. Default false. */
  ignoreRobots?: boolean;
}

/** Cache validators remembered from an earlier fetch of the same URL. */
export interface Validators {
  etag?: string;
  lastModified?: string;
}

export type FetchOutcome =
  | {
      kind: 'fetched';
      /** The URL exactly as passed in. */
      url: string;
      /** Where the last redirect led (normalised, fragment dropped). */
      finalUrl: string;
      status: number;
      /** MIME essence without parameters, e.g. "text/html". */
      contentType: string;
      /** Canonical WHATWG encoding name used to decode, e.g. "windows-1252", "gbk", "shift_jis". */
      charset: string;
      charsetSource: 'header' | 'meta' | 'default';
      text: string;
      /** Decompressed body size. */
      bytes: number;
      etag?: string;
      lastModified?: string;
      /** HTTP requests made for this URL, across retries and redirect hops (robots.txt not counted). */
      attempts: number;
    }
  | { kind: 'not-modified'; url: string; finalUrl: string; status: 304; attempts: number }
  | { kind: 'failed'; url: string; reason: string; status?: number; attempts: number };

export interface FetchProgress {
  done: number;
  total: number;
  failed: number;
}

export interface FetchHooks {
  /** Called once per distinct URL before it is fetched; the result is sent as If-None-Match / If-Modified-Since. */
  validators?: (url: string) => Validators | undefined;
  /** Called as each input position completes (completion order, not input order). */
  onOutcome?: (outcome: FetchOutcome, progress: FetchProgress) => void;
}
