import type { FetchOptions } from './types.js';

export const DEFAULT_USER_AGENT = 'datledger/0.1 (+https://github.com/datledger/datledger)';

export type ResolvedOptions = Required<FetchOptions>;

export const DEFAULT_OPTIONS: ResolvedOptions = {
  concurrency: 8,
  perHostConcurrency: 2,
  perHostIntervalMs: 250,
  timeoutMs: 15_000,
  retries: 2,
  backoffBaseMs: 500,
  maxRetryAfterMs: 30_000,
  maxRedirects: 5,
  maxBytes: 5 * 1024 * 1024,
  userAgent: DEFAULT_USER_AGENT,
  ignoreRobots: false,
};

// Which numbers must be at least 1 (a limit of 0 would stall the run forever)
// and which may be 0 (switching the behaviour off).
const AT_LEAST_ONE = ['concurrency', 'perHostConcurrency', 'timeoutMs', 'maxBytes'] as const;
const AT_LEAST_ZERO = ['perHostIntervalMs', 'retries', 'backoffBaseMs', 'maxRetryAfterMs', 'maxRedirects'] as const;

/**
 * Fills in defaults and rejects nonsense early: a bad option is a caller bug,
 * so it should fail the whole call loudly rather than turn into per-URL failures.
 */
export function resolveOptions(options: FetchOptions = {}): ResolvedOptions {
  const defined = Object.fromEntries(
    Object.entries(options).filter(([, value]) => value !== undefined),
  ) as FetchOptions;
  const resolved: ResolvedOptions = { ...DEFAULT_OPTIONS, ...defined };
  for (const key of AT_LEAST_ONE) requireNumber(key, resolved[key], 1);
  for (const key of AT_LEAST_ZERO) requireNumber(key, resolved[key], 0);
  if (!Number.isInteger(resolved.retries))
    throw new RangeError(`fetch option retries must be an integer, got ${resolved.retries}`);
  if (!Number.isInteger(resolved.maxRedirects))
    throw new RangeError(`fetch option maxRedirects must be an integer, got ${resolved.maxRedirects}`);
  if (resolved.userAgent.trim() === '') throw new RangeError('fetch option userAgent must not be empty');
  return resolved;
}

function requireNumber(name: string, value: number, min: number): void {
  if (typeof value !== 'number' || Number.isNaN(value) || value < min) {
    throw new RangeError(`fetch option ${name} must be a number >= ${min}, got ${String(value)}`);
  }
}
