import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { RawDocument } from '../schema/document.js';

export const ARTICLE_EXTENSIONS = new Set(['.txt', '.md', '.html', '.htm']);
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

export interface InputFailure { input: string; reason: string }

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Expands paths into article files: folders recursively (sorted, so runs are repeatable), links
 * followed once (a link loop is reported, not walked forever), other file types skipped quietly
 * inside folders but reported when named directly.
 */
export function* walkInputs(paths: string[], failures: InputFailure[]): Generator<string> {
  for (const path of paths) {
    let stats;
    try {
      stats = statSync(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      failures.push({ input: path, reason: code === 'ENOENT' ? 'no such file or folder' : code === 'ELOOP' ? 'symbolic link loop' : `cannot read (${code})` });
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
  for (const name of entries) {
    const path = join(folder, name);
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
      failures.push({ input: path, reason: code === 'ELOOP' ? 'symbolic link loop' : code === 'ENOENT' ? 'broken symbolic link' : `cannot read (${code})` });
    }
  }
}

/** Bytes to text, refusing what is not text: a clear reason, never a crash. */
export function decodeArticleBytes(bytes: Buffer): { text: string } | { reason: string } {
  if (bytes.length === 0) return { reason: 'empty file' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)) };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)) };
  const head = bytes.subarray(0, 8).toString('latin1');
  if (head.startsWith('%PDF')) return { reason: 'binary file (PDF), not an article' };
  if (head.startsWith('\x89PNG') || head.startsWith('GIF8') || head.startsWith('\xff\xd8\xff')) return { reason: 'binary file (image), not an article' };
  if (head.startsWith('PK\x03\x04')) return { reason: 'binary file (zip archive), not an article' };
  const sample = bytes.subarray(0, 8192);
  if (sample.includes(0)) return { reason: 'binary file (contains NUL bytes), not an article' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes) };
  } catch {
    return { reason: 'invalid UTF-8 (save the page as UTF-8, or ingest it by URL so its charset is read)' };
  }
}

export function formatOf(path: string, text: string): RawDocument['format'] {
  const extension = extname(path).toLowerCase();
  if (extension === '.html' || extension === '.htm') return 'html';
  return /^\s*(?:<!doctype html|<html)/i.test(text) ? 'html' : 'text';
}

/** Reads one article file; a failure names the file and the reason. */
export function readArticleFile(path: string, maxBytes = DEFAULT_MAX_BYTES): RawDocument | InputFailure {
  try {
    const stats = statSync(path);
    if (stats.size > maxBytes) return { input: path, reason: `file is ${stats.size} bytes, over the ${maxBytes}-byte cap (--max-bytes)` };
    const decoded = decodeArticleBytes(readFileSync(path));
    if ('reason' in decoded) return { input: path, reason: decoded.reason };
    if (decoded.text.trim().length === 0) return { input: path, reason: 'no text (only white space)' };
    return { source: path, kind: 'file', format: formatOf(path, decoded.text), text: decoded.text, contentHash: sha256(decoded.text), publishedHint: null, observedAt: stats.mtime.toISOString() };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { input: path, reason: code === 'EACCES' ? 'permission denied' : `cannot read (${code ?? String(error)})` };
  }
}
