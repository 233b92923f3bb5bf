/**
 * A fetch problem with a human-readable reason. `retryable` lets the retry
 * loop decide without string matching; `status` carries the HTTP status when
 * the failure came from one.
 */
export class FetchFailure extends Error {
  readonly retryable: boolean;
  readonly status: number | undefined;

  constructor(reason: string, options: { retryable?: boolean; status?: number } = {}) {
    super(reason);
    this.name = 'FetchFailure';
    this.retryable = options.retryable ?? false;
    this.status = options.status;
  }
}

export function timeoutFailure(timeoutMs: number): FetchFailure {
  return new FetchFailure(`timeout after ${timeoutMs} ms`, { retryable: true });
}

export function bodyTooLargeFailure(maxBytes: number): FetchFailure {
  return new FetchFailure(`body larger than ${maxBytes} bytes`);
}

/** Socket-level errors (reset, refused, DNS) are usually transient, so they are retried. */
export function networkFailure(error: unknown): FetchFailure {
  if (error instanceof FetchFailure) return error;
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  const detail = typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message;
  // A name that does not resolve will not resolve on a retry a second later; a resolver that timed out
  // (EAI_AGAIN) might.
  if (code === 'ENOTFOUND') return new FetchFailure(`host not found (DNS: ${detail})`);
  return new FetchFailure(`network error: ${detail}`, { retryable: true });
}
