import { isHtmlType, parseContentType } from './contentType.js';
import { decodeWindows1252 } from './windows1252.js';

export type CharsetSource = 'header' | 'meta' | 'default';

export interface CharsetChoice {
  /** Canonical WHATWG encoding name as reported by TextDecoder, e.g. "windows-1252". */
  charset: string;
  source: CharsetSource;
}

/** Browsers only look this far for a <meta> declaration; so do we. */
export const META_SNIFF_BYTES = 4096;

/**
 * Maps a label to the canonical encoding name TextDecoder uses, or undefined
 * when the label is unknown (so the next source of truth gets a chance).
 */
export function resolveEncoding(label: string | undefined): string | undefined {
  if (!label) return undefined;
  const trimmed = label.trim().toLowerCase();
  // WHATWG: x-user-defined is a windows-1252 superset for our purposes, and ICU lacks it.
  if (trimmed === 'x-user-defined') return 'windows-1252';
  try {
    return new TextDecoder(trimmed).encoding;
  } catch {
    return undefined;
  }
}

/**
 * Finds a charset declared by <meta charset> or <meta http-equiv="content-type">
 * in the first bytes of an HTML document. The bytes are read as latin1, which
 * is safe because the declaration itself must be ASCII in any encoding we support.
 */
export function sniffMetaCharset(body: Uint8Array): string | undefined {
  const head = Buffer.from(body.buffer, body.byteOffset, Math.min(body.byteLength, META_SNIFF_BYTES))
    .toString('latin1')
    // A commented-out <meta> must not count.
    .replace(/<!--[\s\S]*?(?:-->|$)/g, '');
  for (const tag of head.matchAll(/<meta\b([^>]*)>?/gi)) {
    const attrs = parseAttributes(tag[1] ?? '');
    const declared = attrs.get('charset');
    if (declared) return declared;
    if (attrs.get('http-equiv')?.toLowerCase() === 'content-type') {
      const fromContent = parseContentType(`x/x; ${attrs.get('content') ?? ''}`).charset;
      if (fromContent) return fromContent;
    }
  }
  return undefined;
}

function parseAttributes(source: string): Map<string, string> {
  const attrs = new Map<string, string>();
  const pattern = /([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"?|'([^']*)'?|([^\s>]+)))?/g;
  for (const match of source.matchAll(pattern)) {
    const name = (match[1] ?? '').toLowerCase();
    // First occurrence wins, as in the HTML parser.
    // An unquoted value swallows the "/" of a self-closing tag (<meta charset=gbk/>).
    const value = match[2] ?? match[3] ?? (match[4] ?? '').replace(/\/$/, '');
    if (!attrs.has(name)) attrs.set(name, value.trim());
  }
  return attrs;
}

/** Header first, then <meta> (HTML only), then UTF-8: the order the issue asks for. */
export function chooseCharset(contentTypeHeader: string | undefined, body: Uint8Array): CharsetChoice {
  const { mime, charset: headerLabel } = parseContentType(contentTypeHeader);
  const fromHeader = resolveEncoding(headerLabel);
  if (fromHeader) return { charset: fromHeader, source: 'header' };
  if (isHtmlType(mime)) {
    let fromMeta = resolveEncoding(sniffMetaCharset(body));
    // WHATWG: a <meta> claiming UTF-16 cannot be true (it was readable as ASCII), so it means UTF-8.
    if (fromMeta?.startsWith('utf-16')) fromMeta = 'utf-8';
    if (fromMeta) return { charset: fromMeta, source: 'meta' };
  }
  return { charset: 'utf-8', source: 'default' };
}

/** Lenient decoding: a stray bad byte becomes U+FFFD instead of losing the whole page. */
export function decodeText(body: Uint8Array, charset: string): string {
  if (charset === 'windows-1252') return decodeWindows1252(body);
  return new TextDecoder(charset, { fatal: false }).decode(body);
}
