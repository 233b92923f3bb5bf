/** Tuning knobs for one fetchAll run; every field has a polite default (see options.ts). */
export interface FetchOptions {
  concurrency?: number;
  perHostConcurrency?: number;
  perHostIntervalMs?: number;
  timeoutMs?: number;
  retries?: number;
  backoffBaseMs?: number;
  maxRetryAfterMs?: number;
  maxRedirects?: number;
  maxBytes?: number;
  userAgent?: string;
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
      url: string;
      finalUrl: string;
      status: number;
      contentType: string;
      charset: string;
      charsetSource: 'header' | 'meta' | 'default';
      text: string;
      bytes: number;
      etag?: string;
      lastModified?: string;
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
  validators?: (url: string) => Validators | undefined;
  onOutcome?: (outcome: FetchOutcome, progress: FetchProgress) => void;
}
