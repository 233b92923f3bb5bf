export interface ParsedContentType {
  /** Lower-cased essence such as "text/html", or "" when the header is missing. */
  mime: string;
  /** Raw charset parameter, if any (not yet validated as a known encoding). */
  charset: string | undefined;
}

/** Only these are pages we can turn into text; anything else is rejected before reading the body. */
const TEXT_TYPES = new Set(['text/html', 'application/xhtml+xml', 'text/plain']);

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

export function parseContentType(header: string | undefined): ParsedContentType {
  if (!header) return { mime: '', charset: undefined };
  const [essence = '', ...params] = header.split(';');
  let charset: string | undefined;
  for (const param of params) {
    const eq = param.indexOf('=');
    if (eq < 0) continue;
    if (param.slice(0, eq).trim().toLowerCase() !== 'charset') continue;
    const value = param
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/s, '$1')
      .trim();
    if (value !== '') charset = value;
    break;
  }
  return { mime: essence.trim().toLowerCase(), charset };
}

export function isSupportedTextType(mime: string): boolean {
  return TEXT_TYPES.has(mime);
}

/** <meta> charset declarations only mean something in HTML, never in text/plain. */
export function isHtmlType(mime: string): boolean {
  return HTML_TYPES.has(mime);
}
