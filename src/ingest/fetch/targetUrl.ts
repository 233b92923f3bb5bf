import { FetchFailure } from './errors.js';

const SUPPORTED_SCHEMES = new Set(['http:', 'https:']);

/** Parses a user-supplied URL; throws a FetchFailure so the caller can report it as an outcome. */
export function parseTargetUrl(input: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(input.trim(), base);
  } catch {
    throw new FetchFailure(base ? `invalid redirect location ${JSON.stringify(input)}` : 'invalid URL');
  }
  // Fragments are never sent to servers, and dropping them makes redirect-loop
  // detection compare what was actually requested.
  url.hash = '';
  return url;
}

/** Checked on every hop, because a redirect may point at a scheme we must not follow. */
export function assertSupportedScheme(url: URL): void {
  if (!SUPPORTED_SCHEMES.has(url.protocol)) {
    throw new FetchFailure(`unsupported scheme ${url.protocol}`);
  }
}
