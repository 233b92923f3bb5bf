import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { MONTH_NAMES } from '../months.js';

/**
 * Publication dates a user states: `--published` on ingest and paste, a sidecar file beside a
 * saved page, the `set-published` command. A stated date is a reference every relative phrase of
 * the page is read against, so it is checked strictly: ISO, and a day the calendar has
 * ("2026-02-30" is refused, not stored as given).
 */

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Why `text` is not a publication date, or null when it is one (YYYY-MM-DD, a real day). */
export function badDateReason(text: string): string | null {
  const match = ISO_DAY.exec(text.trim());
  if (!match) return 'expected a date as YYYY-MM-DD (e.g. 2026-02-09)';
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1900 || year > 2999) return `the year ${year} is out of range (1900-2999)`;
  if (month < 1 || month > 12) return `there is no month ${match[2]} (months run 01-12)`;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > days) return `${MONTH_NAMES[month - 1]} ${year} has no day ${match[3]} (it has ${days} days)`;
  return null;
}

/** The date as stored (YYYY-MM-DD), or null when it is not a real day. */
export function parseIsoDay(text: string): string | null {
  return badDateReason(text) === null ? text.trim() : null;
}

/**
 * The per-file convention: the publication date of a saved page lives in a sidecar beside it,
 * NAME.meta.json for NAME.html (or .htm, .txt, .md), holding `{"published": "YYYY-MM-DD"}`. A
 * sidecar leaves the saved page as the browser wrote it (its content hash, and so re-ingest, is
 * unchanged), works for HTML and text alike, and is never read as an article itself.
 */
export const SIDECAR_SUFFIX = '.meta.json';

export const isSidecar = (path: string) =>
  basename(path).toLowerCase().endsWith(SIDECAR_SUFFIX) && basename(path).length > SIDECAR_SUFFIX.length;

/** The sidecar a saved page would have: "pages/cango.html" -> "pages/cango.meta.json". */
export function sidecarPathOf(articlePath: string): string {
  const name = basename(articlePath);
  return join(dirname(articlePath), `${name.slice(0, name.length - extname(name).length)}${SIDECAR_SUFFIX}`);
}

/** The article files a sidecar can belong to: NAME with each article extension. */
export function articlesOfSidecar(sidecarPath: string, extensions: Iterable<string>): string[] {
  const name = basename(sidecarPath);
  const stem = join(dirname(sidecarPath), name.slice(0, name.length - SIDECAR_SUFFIX.length));
  return [...extensions].map((extension) => `${stem}${extension}`).filter((path) => existsSync(path));
}

export type SidecarRead = { published: string } | { reason: string } | null;

/**
 * The date a page's sidecar states; null when it has none; a reason naming the sidecar when it is unreadable
 * or wrong.
 */
export function readSidecar(articlePath: string): SidecarRead {
  const path = sidecarPathOf(articlePath);
  // Most pages have none: asking first costs ~3 us, a failed read ~40 us (measured here).
  if (!existsSync(path)) return null;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    return { reason: `its sidecar ${path} cannot be read (${code})` };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return {
      reason:
        `its sidecar ${path} is not valid JSON (${(error as Error).message}); ` +
        'expected {"published": "YYYY-MM-DD"}',
    };
  }
  const published =
    data !== null && typeof data === 'object' && !Array.isArray(data)
      ? (data as Record<string, unknown>).published
      : undefined;
  if (published === undefined)
    return { reason: `its sidecar ${path} has no "published" field; expected {"published": "YYYY-MM-DD"}` };
  if (typeof published !== 'string')
    return { reason: `its sidecar ${path}: "published" must be a string "YYYY-MM-DD"` };
  const why = badDateReason(published);
  if (why) return { reason: `its sidecar ${path}: "published": "${published}": ${why}` };
  return { published: published.trim() };
}
