import { createHash } from 'node:crypto';
import {
  closeSync,
  constants as fsConstants,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readSync,
  realpathSync,
  statSync,
} from 'node:fs';
import { extname, join, normalize } from 'node:path';
import type { RawDocument } from '../schema/document.js';
import { decodeText, resolveEncoding, sniffMetaCharset } from './fetch/charset.js';
import { articlesOfSidecar, isSidecar, readSidecar, SIDECAR_SUFFIX } from './statedDate.js';

export const ARTICLE_EXTENSIONS = new Set(['.txt', '.md', '.html', '.htm']);
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

export interface InputFailure {
  input: string;
  reason: string;
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Expands paths into article files: folders recursively (sorted, so runs are repeatable), links
 * followed once (a link loop is reported, not walked forever), other file types skipped quietly
 * inside folders but reported when named directly.
 */
export function* walkInputs(paths: string[], failures: InputFailure[]): Generator<string> {
  const named = new Set(paths.map((path) => normalize(path)));
  for (const path of paths) {
    // A sidecar (NAME.meta.json) is read with its article, never as one: `ingest pages/*` names both.
    if (isSidecar(path)) {
      const articles = articlesOfSidecar(path, ARTICLE_EXTENSIONS);
      if (articles.length === 0) failures.push({ input: path, reason: sidecarWithoutArticle });
      else if (!articles.some((article) => named.has(article)))
        failures.push({
          input: path,
          reason:
            `a sidecar (the publication date of ${articles.join(', ')}), not an article: ` +
            `ingest ${articles.length === 1 ? 'that file' : 'those files'} ` +
            `and it is read with ${articles.length === 1 ? 'it' : 'them'}`,
        });
      continue;
    }
    let stats;
    try {
      stats = statSync(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      failures.push({
        input: path,
        reason:
          code === 'ENOENT'
            ? 'no such file or folder'
            : code === 'ELOOP'
              ? 'symbolic link loop'
              : `cannot read (${code})`,
      });
      continue;
    }
    if (stats.isDirectory()) yield* walkFolder(path, new Set([realpathSync(path)]), failures);
    else if (ARTICLE_EXTENSIONS.has(extname(path).toLowerCase())) yield path;
    else failures.push({ input: path, reason: `not an article file (expected ${[...ARTICLE_EXTENSIONS].join(' ')})` });
  }
}

function* walkFolder(folder: string, seen: Set<string>, failures: InputFailure[]): Generator<string> {
  let entries: string[];
  try {
    entries = readdirSync(folder).sort();
  } catch (error) {
    failures.push({ input: folder, reason: `cannot read folder (${(error as NodeJS.ErrnoException).code})` });
    return;
  }
  const articleStems = new Set(
    entries
      .filter((name) => ARTICLE_EXTENSIONS.has(extname(name).toLowerCase()))
      .map((name) => name.slice(0, name.length - extname(name).length)),
  );
  for (const name of entries) {
    const path = join(folder, name);
    if (isSidecar(name)) {
      // A sidecar whose article is missing is most likely misnamed: its date would silently apply to nothing.
      if (!articleStems.has(name.slice(0, name.length - SIDECAR_SUFFIX.length)))
        failures.push({ input: path, reason: sidecarWithoutArticle });
      continue;
    }
    try {
      const link = lstatSync(path).isSymbolicLink();
      const stats = statSync(path);
      if (stats.isDirectory()) {
        const real = realpathSync(path);
        if (seen.has(real)) {
          if (link) failures.push({ input: path, reason: 'symbolic link loop (folder already visited)' });
          continue;
        }
        yield* walkFolder(path, new Set([...seen, real]), failures);
      } else if (ARTICLE_EXTENSIONS.has(extname(name).toLowerCase())) yield path;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      failures.push({
        input: path,
        reason:
          code === 'ELOOP'
            ? 'symbolic link loop'
            : code === 'ENOENT'
              ? 'broken symbolic link'
              : `cannot read (${code})`,
      });
    }
  }
}

const sidecarWithoutArticle =
  'a sidecar with no article beside it ' +
  `(expected the same name with ${[...ARTICLE_EXTENSIONS].join(' ')} instead of ${SIDECAR_SUFFIX})`;

/** Bytes to text, refusing what is not text: a clear reason, never a crash. */
export function decodeArticleBytes(bytes: Buffer): { text: string } | { reason: string } {
  if (bytes.length === 0) return { reason: 'empty file' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)) };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)) };
  const head = bytes.subarray(0, 8).toString('latin1');
  if (head.startsWith('%PDF')) return { reason: 'binary file (PDF), not an article' };
  if (head.startsWith('\x89PNG') || head.startsWith('GIF8') || head.startsWith('\xff\xd8\xff'))
    return { reason: 'binary file (image), not an article' };
  if (head.startsWith('PK\x03\x04')) return { reason: 'binary file (zip archive), not an article' };
  const sample = bytes.subarray(0, 8192);
  if (sample.includes(0)) return { reason: 'binary file (contains NUL bytes), not an article' };
  try {
    return {
      text: new TextDecoder('utf-8', { fatal: true }).decode(
        bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes,
      ),
    };
  } catch {
    // Not UTF-8: a saved page says what it is (<meta charset>, or http-equiv content-type), read as a
    // fetched page's would be. Valid UTF-8 is read as UTF-8 whatever a page declares: a browser that
    // saves a page re-encoded keeps its old declaration, and windows-1252 text is almost never valid UTF-8.
    const declared = resolveEncoding(sniffMetaCharset(bytes));
    if (declared && declared !== 'utf-8' && !declared.startsWith('utf-16'))
      return { text: decodeText(bytes, declared) };
    return {
      reason:
        declared === 'utf-8'
          ? 'invalid UTF-8, though the page declares UTF-8 (save it again, or ingest it by URL)'
          : 'invalid UTF-8 and no charset declared ' +
            '(save the page as UTF-8, or ingest it by URL so its charset is read)',
    };
  }
}

export function formatOf(path: string, text: string): RawDocument['format'] {
  const extension = extname(path).toLowerCase();
  if (extension === '.html' || extension === '.htm') return 'html';
  return /^\s*(?:<!doctype html|<html)/i.test(text) ? 'html' : 'text';
}

/**
 * Reads one article file; a failure names the file and the reason. The size is checked on the open
 * file before reading, and never more than the cap (plus one byte) is read, even from a file that
 * grows meanwhile. `batchPublished` (ingest --published) is kept for clean, which uses it only when
 * the page shows no date of its own. Anything but a regular file (a FIFO, a device) is refused unopened: reading one
 * could block or never end.
 */
export function readArticleFile(
  path: string,
  maxBytes = DEFAULT_MAX_BYTES,
  batchPublished?: string,
): RawDocument | InputFailure {
  let fd: number | null = null;
  try {
    if (!statSync(path).isFile())
      return { input: path, reason: 'not a regular file (a device, pipe or socket), not an article' };
    fd = openSync(path, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0));
    const stats = fstatSync(fd);
    if (!stats.isFile())
      return { input: path, reason: 'not a regular file (a device, pipe or socket), not an article' };
    const overCap = (size: number | string) => ({
      input: path,
      reason: `file is ${size} bytes, over the ${maxBytes}-byte cap (--max-bytes)`,
    });
    if (stats.size > maxBytes) return overCap(stats.size);
    const bytes = readAtMost(fd, stats.size, maxBytes + 1);
    if (bytes.length > maxBytes) return overCap(`more than ${maxBytes}`);
    const decoded = decodeArticleBytes(bytes);
    if ('reason' in decoded) return { input: path, reason: decoded.reason };
    if (decoded.text.trim().length === 0) return { input: path, reason: 'no text (only white space)' };
    // The date a sidecar states for this page; a sidecar that is wrong fails the page rather than let it be
    // read against no date.
    const sidecar = readSidecar(path);
    if (sidecar && 'reason' in sidecar) return { input: path, reason: sidecar.reason };
    // The modification time is recorded as when the file was saved, never used as a publication date.
    return {
      source: path,
      kind: 'file',
      format: formatOf(path, decoded.text),
      text: decoded.text,
      contentHash: sha256(decoded.text),
      publishedHint: sidecar?.published ?? null,
      ...(sidecar ? { publishedHintSource: 'sidecar' as const } : {}),
      ...(batchPublished ? { publishedFallback: batchPublished } : {}),
      observedAt: stats.mtime.toISOString(),
    };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      input: path,
      reason:
        code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : code === 'ELOOP'
            ? 'symbolic link loop'
            : code === 'ENOENT'
              ? 'no such file (removed while reading?)'
              : code === 'EISDIR'
                ? 'is a folder'
                : `cannot read (${code ?? String(error)})`,
    };
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/** Up to `limit` bytes of an open file: `expected` of them in one buffer, more in chunks if it grew. */
function readAtMost(fd: number, expected: number, limit: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  let size = Math.min(limit, expected + 1);
  while (total < limit) {
    const chunk = Buffer.allocUnsafe(size);
    let filled = 0;
    while (filled < size) {
      const read = readSync(fd, chunk, filled, size - filled, null);
      if (read === 0) break;
      filled += read;
    }
    chunks.push(chunk.subarray(0, filled));
    total += filled;
    if (filled < size) break;
    size = Math.min(limit - total, 1 << 20);
  }
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
}
