/** 429 asks us to slow down and 5xx is the server's own trouble; both may pass. Other 4xx will not. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599);
}

/**
 * Parses Retry-After (delta seconds or an HTTP date) into milliseconds from
 * now, capped so one hostile or confused server cannot stall the run.
 * Returns undefined when absent or unparseable, so ordinary backoff applies.
 */
export function retryAfterMs(header: string | undefined, capMs: number, now: number = Date.now()): number | undefined {
  if (header === undefined) return undefined;
  const value = header.trim();
  if (value === '') return undefined;
  let ms: number;
  if (/^\d+$/.test(value)) {
    ms = Number(value) * 1000;
  } else {
    const at = Date.parse(value);
    if (Number.isNaN(at)) return undefined;
    ms = at - now;
  }
  return Math.min(Math.max(ms, 0), capMs);
}

/**
 * Exponential backoff with "equal jitter": half the delay is fixed so retries
 * never hammer immediately, half is random so many failing URLs do not retry
 * in lockstep. `retryNumber` is 1 for the first retry.
 */
export function backoffMs(
  retryNumber: number,
  baseMs: number,
  capMs: number,
  random: () => number = Math.random,
): number {
  const exponential = Math.min(baseMs * 2 ** (retryNumber - 1), capMs);
  return Math.round(exponential / 2 + random() * (exponential / 2));
}
