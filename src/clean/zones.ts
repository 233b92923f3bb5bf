import type { Line, Zone } from '../schema/document.js';
import { isMostlyCjk } from './normalizeText.js';
import { isTableRow } from '../schema/tableRow.js';

/** Page furniture that survives a copy-paste of a web page: share buttons, sign-in links, menus, counters. */
const FURNITURE_WORDS = [
  String.raw`share(?: (?:to|this|article|on \w+))?`,
  'app|x|twitter|telegram|facebook|reddit|linkedin|whatsapp|email|copy ?link|copylink|print|tweet|reply|avatar',
  'subscribe|sign up|log ?in|register|advertisement|sponsored|cookies?|accept(?: all)?|menu|search|home|close',
  String.raw`cn|en|latest(?: on \w+)?|or to participate|comments?|\d+ comments?|listen|follow us|newsletter`,
];
const FURNITURE = new RegExp(String.raw`^(?:${FURNITURE_WORDS.join('|')})\.?$`, 'i');
/** "Related", "Related articles", "Read more": how a list of links to other stories is introduced. */
const RELATED = 'related(?: reading| articles?| news| stories| posts)?';
/** "Related: ...", "Read more: ..." before a link on the same line. */
const RELATED_PREFIX_WORDS = [
  RELATED,
  'also read|read more|read also|see also|more news|more on this|you may also like|recommended|further reading',
];
const RELATED_PREFIX = new RegExp(String.raw`^(?:${RELATED_PREFIX_WORDS.join('|')})\s*:\s*`, 'i');
/** "Read next", "More from Example News": a heading over a list of links. */
const RELATED_HEADER_WORDS = [
  RELATED,
  'also read|read more|read next|up next|more stories|more news|you may also like|you might also like',
  String.raw`recommended(?: for you)?|further reading|more from [\w .]+|trending`,
];
const RELATED_HEADER = new RegExp(`^(?:${RELATED_HEADER_WORDS.join('|')})$`, 'i');
const DISCLAIMER = /^(?:disclaimer|免责声明|copyright|©|all rights reserved|this article is for information)/i;
const TERMINAL = /[.!?:;,"')]$/;
/** "05/06/2025: Purchased ...", "March 3 - Sold ...": a date, a separator, a capitalised word. */
const DATED_ENTRY =
  /^(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\p{Lu}\p{Ll}{2,8}\.? \d{1,2}(?:, \d{4})?)\s*[:–—-]\s+\p{Lu}\p{Ll}+/u;

const WORD = /\S+/g;

/** Words in a text, counted up to `limit` (past it the exact count does not matter to the caller). */
export function wordCount(text: string, limit = Infinity): number {
  let count = 0;
  WORD.lastIndex = 0;
  while (count <= limit && WORD.test(text)) count++;
  WORD.lastIndex = 0;
  return count;
}

/** Looks like a headline: short, no sentence ending. */
export function isHeadlineLike(text: string): boolean {
  if (isTableRow(text) || /:\s*[~$€£]?[\d,.]+%?$/.test(text)) return false; // a table row or a "label: figure" line
  // A dated entry of a list or timeline ("05/06/2025: Purchased 167 BTC ...", "March 3 - Sold 120 BTC")
  // tells, it does not title.
  if (DATED_ENTRY.test(text)) return false;
  if (/[.!]$/.test(text) || !/^[\p{Lu}\d"'$]/u.test(text)) return false;
  const words = wordCount(text, 24);
  return words > 0 && words <= 24;
}

/**
 * Gives each line of a plain-text page a zone. A related-links block runs from its header line
 * for as long as the lines look like headlines.
 */
export function zoneTextLines(lines: readonly string[]): Omit<Line, 'start'>[] {
  const zoned: Omit<Line, 'start'>[] = [];
  let inRelated = false;
  let firstContent = true;
  for (const raw of lines) {
    const text = raw.trim();
    if (text.length === 0) {
      zoned.push({ text, zone: 'boilerplate' });
      continue;
    }
    let zone: Zone;
    if (isMostlyCjk(text) || DISCLAIMER.test(text) || FURNITURE.test(text)) zone = 'boilerplate';
    else if (RELATED_HEADER.test(text)) {
      inRelated = true;
      zone = 'boilerplate';
    } else if (RELATED_PREFIX.test(text)) zone = 'related';
    else if (inRelated && isHeadlineLike(text)) zone = 'related';
    else {
      inRelated = false;
      zone =
        (firstContent && isHeadlineLike(text)) ||
        (isHeadlineLike(text) && !TERMINAL.test(text) && wordCount(text, 16) <= 16)
          ? 'heading'
          : 'body';
    }
    if (zone !== 'boilerplate') firstContent = false;
    zoned.push({ text, zone });
  }
  return zoned;
}

export { RELATED_PREFIX, RELATED_HEADER, FURNITURE };
