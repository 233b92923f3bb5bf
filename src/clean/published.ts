import type { AnyNode, Element } from 'domhandler';
import { textContent } from 'domutils';
import { firstAttribute, selectEvery } from './select.js';
import type { PublishedSource, Zone } from '../schema/document.js';
import { monthNumber } from '../months.js';

export interface PublishedDate {
  date: string;
  source: PublishedSource;
}

const MONTH =
  '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|' +
  'Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';
const WEEKDAY = '(?:Mon|Tue(?:s)?|Wed(?:nes)?|Thu(?:r(?:s)?)?|Fri|Sat(?:ur)?|Sun)(?:day)?\\.?';
const YEAR = '((?:19|20)\\d{2})';
const pad = (n: number) => String(n).padStart(2, '0');

/** An ISO day from a machine date ("2026-02-09T10:00:00Z", "2026-02-09") or null. */
export function isoDay(value: string | undefined | null): string | null {
  if (!value) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value.trim());
  if (match) return valid(Number(match[1]), Number(match[2]), Number(match[3]));
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? null : new Date(parsed).toISOString().slice(0, 10);
}

/** The ISO day, or null when the day does not exist (31 April) or the year is implausible for news. */
function valid(year: number, month: number, day: number): string | null {
  if (year < 1990 || year > 2100 || month < 1 || month > 12 || day < 1) return null;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/**
 * A date written on a page. `date` is set when the writing settles it; a numeric date whose first
 * two fields could both be the month ("05/09/2024") leaves `date` null and gives both readings,
 * for the rest of the page to settle (settleNumeric).
 */
export interface DateHit {
  index: number;
  end: number;
  date: string | null;
  dayFirst: string | null;
  monthFirst: string | null;
}

const DATE_FORMS: { pattern: RegExp; read: (match: RegExpExecArray) => Omit<DateHit, 'index' | 'end'> }[] = [
  // 2024-06-25, 2024-06-25T10:00Z, 2025/01/03
  {
    pattern: /(?<!\d)((?:19|20)\d{2})([-/])(\d{1,2})\2(\d{1,2})(?!\d)/g,
    read: (m) => settled(valid(Number(m[1]), Number(m[3]), Number(m[4]))),
  },
  // March 4, 2026 / Friday, Sep 19, 2025 / Feb. 26, 2026 / August 3 2025
  {
    pattern: new RegExp(`(?:\\b${WEEKDAY},?\\s+)?\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+${YEAR}(?!\\d)`, 'gi'),
    read: (m) => settled(valid(Number(m[3]), monthNumber(m[1]), Number(m[2]))),
  },
  // 4 March 2026 / Monday 2 March 2026 / 10 Mar 2022
  {
    pattern: new RegExp(
      `(?:\\b${WEEKDAY},?\\s+)?\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH},?\\s+${YEAR}(?!\\d)`,
      'gi',
    ),
    read: (m) => settled(valid(Number(m[3]), monthNumber(m[2]), Number(m[1]))),
  },
  // 12.01.2026, 05/09/2024, 21/07/2025, 22-4-2025
  {
    pattern: /(?<![\d.,/-])(\d{1,2})([./-])(\d{1,2})\2((?:19|20)\d{2})(?!\d|[.,]\d)/g,
    read: (m) => {
      const [first, second, year] = [Number(m[1]), Number(m[3]), Number(m[4])];
      const dayFirst = valid(year, second, first);
      const monthFirst = valid(year, first, second);
      // A dotted date is the European form: day first whenever that reading exists.
      if (m[2] === '.' && dayFirst) return settled(dayFirst);
      if (!dayFirst || !monthFirst || dayFirst === monthFirst) return settled(dayFirst ?? monthFirst);
      return { date: null, dayFirst, monthFirst };
    },
  },
];

const settled = (date: string | null) => ({ date, dayFirst: null, monthFirst: null });

/** Every date written in the text, in order, overlapping matches dropped. */
export function datesIn(text: string): DateHit[] {
  const hits: DateHit[] = [];
  for (const form of DATE_FORMS) {
    for (const match of text.matchAll(form.pattern)) {
      const read = form.read(match as RegExpExecArray);
      if (read.date || read.dayFirst) hits.push({ index: match.index!, end: match.index! + match[0].length, ...read });
    }
  }
  hits.sort((a, b) => a.index - b.index || b.end - a.end);
  return hits.filter((hit, i) => !hits.slice(0, i).some((other) => other.index < hit.end && hit.index < other.end));
}

/** A date in a URL path: /2026/02/09/ or -2026-02-09. */
export function dateFromUrl(url: string): string | null {
  const match = /[/_-](20\d{2})[/_-](\d{2})[/_-](\d{2})(?:[/_.-]|$)/.exec(url);
  return match ? valid(Number(match[1]), Number(match[2]), Number(match[3])) : null;
}

// ---------------------------------------------------------------------------------------------
// The publication date a page shows in its text.

/** What a date in the head of a page is, by the words around it. */
type Kind = 'label' | 'dateline' | 'byline' | 'text' | 'updated';

interface Candidate {
  kind: Kind;
  hit: DateHit;
  opensEntry: boolean;
}

/** "Published", "Published on", "Posted:", "Date:", "Filed:", "Date of Report (...):" right before the date. */
const PUBLISHED_WORDS = [
  String.raw`(?:first\s+)?published|posted|released|issued|filed|dated`,
  String.raw`publication\s+date|release\s+date|filing\s+date|date(?:\s+of\s+(?:report|publication|filing|release))?`,
];
const PUBLISHED_LABEL = new RegExp(
  `(?:${PUBLISHED_WORDS.join('|')})` + String.raw`(?:\s*\([^)]{0,60}\))?(?:\s+(?:on|at))?\s*[:-]?\s*(?:WEEKDAY,?\s+)?$`,
  'i',
);
/** "Updated", "Last updated on", "Modified:" right before the date. */
const UPDATED_LABEL = /(?:last\s+)?(?:updated|modified|revised|edited)(?:\s+(?:on|at))?\s*[:-]?\s*(?:WEEKDAY,?\s+)?$/i;
const withWeekday = (pattern: RegExp) => new RegExp(pattern.source.replace('WEEKDAY', WEEKDAY), pattern.flags);
const PUBLISHED = withWeekday(PUBLISHED_LABEL);
const UPDATED = withWeekday(UPDATED_LABEL);

/** A place before a wire dateline: "CASTLE ROCK, Colo., ", "NEW YORK, ", "Zürich, ", "TAMPA, Fla., ". */
const CAPITALISED = String.raw`\p{Lu}[\p{L}'’.-]*`;
const PLACE = new RegExp(
  String.raw`^(?:\p{Lu}[\p{L}'’.&-]*\s+){0,3}${CAPITALISED}(?:,\s*${CAPITALISED}(?:\s+${CAPITALISED}){0,2})?,\s*$`,
  'u',
);
/**
 * What follows a dateline: "(GLOBE NEWSWIRE) -", "/PRNewswire/ --", " -- ", " — ". Not a colon:
 * "05/06/2025: Purchased 167 BTC" is an entry of a timeline, not the page's date.
 */
const AFTER_DATELINE = /^\s*(?:\([^)]{2,60}\)\s*|\/[^/]{2,40}\/\s*)?(?:--|[-–—])\s+(?!By\s)(?=[\p{L}"“(])/u;
/** Segments of a head line: "By Staff Writer | Jun 03, 2025 | 3 min read", "12.01.2026 - 16:05". */
const SEPARATOR = /\s+[|·•]\s+|\s*\|\s*|\s+[-–—]{1,2}\s+/g;
/** Words that make a date the date of something else: "as of", "ended", "between ... and", "since". */
const CONTEXT_WORDS = [
  String.raw`as\s+of|of|on|since|until|till|through|thru|ended|ending|end|from|to|between|and|before|after|by`,
  'in|at|for|effective|expected|due|record',
];
const CONTEXT_BEFORE = new RegExp(String.raw`(?:\b(?:${CONTEXT_WORDS.join('|')}))\s*$`, 'i');
/**
 * The end of a range before the date: "Jan. 5 - Jan. 12, 2026", "5-12 June 2025",
 * "February 2 and February 8, 2026".
 */
const RANGE_BEFORE = new RegExp(
  `(?:\\b${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s*(?:[-–—]{1,2}|to|through|until|and)\\s*|\\d{1,2}[-–—])$`,
  'i',
);
/** A byline stamp: a time of day, a reading time, an author. */
const BYLINE = /\b\d{1,2}:\d{2}\b|\d\s*min(?:ute)?s?\s+read|\bBy\s+\p{Lu}|\bAuthor\b|\bEditor\b/u;
/** What a date-only line may hold besides the date: times, zones, reading times, punctuation. */
const TIME_OF_DAY = String.raw`\b(?:at\s+)?\d{1,2}(?::\d{2}){1,2}\s*(?:[ap]\.?m\.?)?`;
const TIME_ZONES = 'ET|EST|EDT|CT|CST|CDT|PT|PST|PDT|GMT|UTC|BST|CET|CEST|JST|HKT|SGT|KST|IST';
const TIME_ZONE = String.raw`(?:\b|(?<=\d))(?:${TIME_ZONES})(?:[+-]\d{1,2})?(?=\b|\d)`;
const READING_TIME = String.raw`\d+\s*min(?:ute)?s?\s+read`;
const STAMP_NOISE = new RegExp(`${TIME_OF_DAY}|${TIME_ZONE}|${READING_TIME}`, 'g');
/** A relative stamp: the page says when only relative to now. */
const TIME_UNITS = 'sec(?:ond)?s?|min(?:ute)?s?|hours?|hrs?|days?|weeks?|months?';
const RELATIVE_STAMP = new RegExp(
  String.raw`^(?:\p{L}[\p{L} .]{0,30}\s)?(?:\d+|an?|one)\s+(?:${TIME_UNITS})\s+ago\b|^(?:yesterday|just now|today)$`,
  'iu',
);
/** A quoted post: "— Name (@handle) September 30, 2025", "pic.twitter.com/...". */
const QUOTED_POST = /\(@\w+\)|pic\.twitter\.com|\bt\.co\/|^[-–—]\s*\p{Lu}[^|]{0,60}@\w/u;

/** Lines counted from the top of the page (lines that are only punctuation do not count). */
const HEAD_LINES = { label: 30, dateline: 20, text: 12 };
const MAX_SEGMENT = 80;
const MAX_LINE = 300;

/**
 * The publication date a page shows in its text, and what kind of statement gave it, or null.
 *
 * Only the head of the page is read (related links and boilerplate skipped), nearest the top first,
 * in this order:
 * 1. a labelled date: "Published 21/07/2025", "Published On: 06/08/2025", "Date: May 6, 2024",
 *    "Filed: November 12, 2025", also glued to the text before it ("Foresight NewsPublished on ...");
 * 2. a wire dateline ("DENVER, March 4, 2026 --", "EASTON, Md., May 02, 2024 (GLOBE NEWSWIRE)",
 *    "Zürich, 04.02.2026", "February 23, 2026 -- Upexi ...") or a line that is a date and little else
 *    ("November 12, 2023", "By Staff | Jun 03, 2025 | 3 min read", "Nov 26, 2025 10:37 am",
 *    "EMPD (Aug 06, 2025)"), whichever comes first;
 * 3. an update date ("Updated 10 Mar 2022", "Last updated on ..."), only when the page shows no
 *    publication date: it is the latest day the page can have been published, usually the same
 *    day or days after, and reading relative dates ("on Monday") against it is nearer the truth than
 *    not reading them at all; its source says 'updated' so nobody takes it for more.
 * A date that is the date of something else is not the page's: "as of February 8, 2026", "for the
 * period ended September 30", "(Jan. 5 - Jan. 12, 2026)", a quoted post's "— Name (@handle) September
 * 30, 2025". A relative stamp ("4 hours ago") means the page states no date of its own: no unlabelled
 * date after it is taken. A numeric date whose day and month could swap is settled by the page
 * (settleNumeric) or not taken.
 */
export function publishedFromLines(lines: readonly { text: string; zone?: Zone }[]): PublishedDate | null {
  let candidates: Candidate[] = [];
  let relative = false;
  let counted = 0;
  for (const line of lines) {
    if (line.zone === 'related' || line.zone === 'boilerplate') continue;
    // A long paragraph is read for its opening only: a dateline or a label starts it.
    const text = line.text.trim().slice(0, MAX_LINE);
    if (!/[\p{L}\d]{2}/u.test(text)) continue;
    if (++counted > HEAD_LINES.label) break;
    if (text.length <= 40 && RELATIVE_STAMP.test(text)) relative = true;
    if (QUOTED_POST.test(text)) continue;
    // Every date form has a digit: most lines have none and are not read for dates at all.
    const hits = /\d/.test(text) ? datesIn(text) : [];
    const opensEntry =
      hits.length > 0 &&
      /^[-•*]?\s*$/.test(text.slice(0, hits[0].index)) &&
      (text.slice(hits[0].end).match(/\p{L}{2,}/gu) ?? []).length > 3;
    for (const hit of hits) {
      const kind = kindOf(text, hit, counted);
      if (!kind || (relative && (kind === 'text' || kind === 'byline'))) continue;
      candidates.push({ kind, hit, opensEntry: opensEntry && hit === hits[0] });
    }
  }
  // Two or more head lines that open with a date and go on are the entries of a timeline
  // ("05/06/2025: Purchased 167 BTC", "05/13/2025 - Purchased 174 BTC"): none of them dates the page.
  const entries = candidates.filter(
    (candidate) => candidate.kind !== 'label' && candidate.kind !== 'updated' && candidate.opensEntry,
  );
  if (entries.length >= 2) candidates = candidates.filter((candidate) => !entries.includes(candidate));
  const page = lines.map((line) => line.text).join('\n');
  const pick = (kinds: Kind[]) => {
    for (const candidate of candidates) {
      if (!kinds.includes(candidate.kind)) continue;
      const date = candidate.hit.date ?? settleNumeric(candidate.hit, page);
      if (date) return { date, source: SOURCE[candidate.kind] };
    }
    return null;
  };
  return pick(['label']) ?? pick(['dateline', 'byline', 'text']) ?? pick(['updated']);
}

const SOURCE: Record<Kind, PublishedSource> = {
  label: 'label',
  dateline: 'dateline',
  byline: 'byline',
  text: 'text',
  updated: 'updated',
};

function kindOf(line: string, hit: DateHit, lineNumber: number): Kind | null {
  const before = line.slice(0, hit.index);
  const after = line.slice(hit.end);
  for (const [label, kind] of [
    [PUBLISHED, 'label'],
    [UPDATED, 'updated'],
  ] as const) {
    const found = label.exec(before);
    if (!found) continue;
    // A label glued to the text before it starts with a capital ("Foresight NewsPublished on",
    // "2026-06-22Last updated"); "date" inside "Update:" is no label.
    const previous = before[found.index - 1] ?? '';
    if (/[\p{L}\d]/u.test(previous)) {
      if (/[\p{Ll}\d]/u.test(previous) && /\p{Lu}/u.test(found[0][0])) return kind;
      continue;
    }
    // Otherwise it opens the line or a segment, or the line is short: "published on June 3, 2025"
    // inside a sentence is a fact, not a label.
    const opening = before.slice(0, found.index);
    if (opening.trim() === '' || /[|·•:;(\[\]-]\s*$/.test(opening) || line.length <= MAX_SEGMENT) return kind;
  }
  if (RANGE_BEFORE.test(before)) return null;
  if (lineNumber <= HEAD_LINES.dateline && (before === '' || PLACE.test(before)) && AFTER_DATELINE.test(after))
    return 'dateline';
  if (lineNumber > HEAD_LINES.text) return null;
  // The segment of the line that holds the date must be the date and little else.
  let start = 0;
  let end = line.length;
  for (const separator of line.matchAll(SEPARATOR)) {
    if (separator.index! + separator[0].length <= hit.index) start = separator.index! + separator[0].length;
    else if (separator.index! >= hit.end) {
      end = separator.index!;
      break;
    }
  }
  const segmentBefore = line.slice(start, hit.index);
  const segment = line.slice(start, end);
  if (segment.length > MAX_SEGMENT || CONTEXT_BEFORE.test(segmentBefore)) return null;
  if (segmentBefore.trim() && PLACE.test(segmentBefore) && !line.slice(hit.end, end).trim()) return 'dateline';
  const rest = `${segmentBefore} ${line.slice(hit.end, end)}`.replace(STAMP_NOISE, ' ');
  if ((rest.match(/\p{L}{2,}/gu) ?? []).length > 3) return null;
  return BYLINE.test(line) ? 'byline' : 'text';
}

/** Common words of Italian, German, French, Spanish, Dutch and Portuguese. */
const EUROPEAN = [
  'il|della|delle|degli|sono|notizie|mercati',
  'und|der|die|das|nicht|mit|für',
  'les|des|est|une|dans|avec|pour',
  'los|las|del|para|una|con',
  'het|een|van',
  'não|uma',
];
const EUROPEAN_WORDS = new RegExp(String.raw`\b(?:${EUROPEAN.join('|')})\b`, 'giu');
const US_ZONES = /\b\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?\s*)?(?:ET|EST|EDT|CT|CST|CDT|PT|PST|PDT)\b/;

/**
 * The reading of a numeric date whose day and month could swap ("05/09/2024"), settled by the rest
 * of the page, or null when nothing settles it:
 * 1. another date on the page that states the same day in words ("Sept. 5, 2024", "Sept. 5") for
 *    one reading only;
 * 2. the page's other numeric dates whose order shows (a first field over 12: "21/07/2025" is day
 *    first; a second over 12: "12/19/2025" month first), or dotted dates (day first);
 * 3. the page's language: an Italian, German, French, Spanish, Dutch or Portuguese page writes the
 *    day first; a time stamp in a US zone ("10:37 am ET") writes the month first.
 */
export function settleNumeric(hit: DateHit, page: string): string | null {
  if (hit.date) return hit.date;
  const { dayFirst, monthFirst } = hit;
  if (!dayFirst || !monthFirst) return dayFirst ?? monthFirst;
  const others = datesIn(page);
  const monthDay = (iso: string) => iso.slice(5);
  const named = new Set<string>();
  for (const match of page.matchAll(
    new RegExp(
      `\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?![.,]?\\d)|\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}`,
      'gi',
    ),
  )) {
    const month = monthNumber(match[1] ?? match[4]);
    const day = Number(match[2] ?? match[3]);
    if (month > 0 && day >= 1 && day <= 31) named.add(`${pad(month)}-${pad(day)}`);
  }
  const namedDay = named.has(monthDay(dayFirst));
  const namedMonth = named.has(monthDay(monthFirst));
  if (namedDay !== namedMonth) return namedDay ? dayFirst : monthFirst;
  let votes = 0;
  for (const other of others) {
    if (other === hit || other.dayFirst) continue;
    const written = page.slice(other.index, other.end);
    const numeric = /^(\d{1,2})([./-])(\d{1,2})\2\d{4}$/.exec(written);
    if (!numeric) continue;
    if (numeric[2] === '.' || Number(numeric[1]) > 12) votes++;
    else if (Number(numeric[3]) > 12) votes--;
  }
  if (votes) return votes > 0 ? dayFirst : monthFirst;
  const european = new Set((page.slice(0, 5000).match(EUROPEAN_WORDS) ?? []).map((word) => word.toLowerCase()));
  if (european.size >= 3) return dayFirst;
  if (US_ZONES.test(page.slice(0, 5000))) return monthFirst;
  return null;
}

// ---------------------------------------------------------------------------------------------
// HTML

function fromJsonLd(node: unknown): string | null {
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = fromJsonLd(item);
      if (found) return found;
    }
    return null;
  }
  if (node && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    if (typeof record.datePublished === 'string') return isoDay(record.datePublished);
    if (record['@graph']) return fromJsonLd(record['@graph']);
  }
  return null;
}

/** The publication time tag: one marked as the publication first; one marked as the update never. */
function publishedTime(document: AnyNode): string | null {
  const marks = (element: Element) =>
    `${element.attribs.class ?? ''} ${element.attribs.itemprop ?? ''} ${element.attribs.id ?? ''}`;
  const times = selectEvery('time[datetime]', document);
  const marked = times.find((element) => /publish|pubdate|posted/i.test(marks(element)));
  const plain = times.find((element) => !/updat|modif/i.test(marks(element)));
  return isoDay((marked ?? plain)?.attribs.datetime);
}

/** The publication date of an HTML page, and which part of the page gave it. */
export function publishedFromHtml(document: AnyNode, url: string | null): PublishedDate | null {
  for (const element of selectEvery('script[type="application/ld+json"]', document)) {
    try {
      const date = fromJsonLd(JSON.parse(textContent(element)));
      if (date) return { date, source: 'json-ld' };
    } catch {
      // A broken JSON-LD block is common; the other signals still count.
    }
  }
  const meta = firstAttribute(
    'meta[property="article:published_time"], meta[name="article:published_time"], ' +
      'meta[itemprop="datePublished"], meta[name="pubdate"], meta[name="publishdate"], meta[name="date"], ' +
      'meta[name="dc.date"], meta[name="DC.date.issued"], meta[property="og:published_time"]',
    document,
    'content',
  );
  const metaDate = isoDay(meta);
  if (metaDate) return { date: metaDate, source: 'meta' };
  const timeDate = publishedTime(document);
  if (timeDate) return { date: timeDate, source: 'time' };
  const urlDate = url ? dateFromUrl(url) : null;
  if (urlDate) return { date: urlDate, source: 'url' };
  // The address the page gives for itself: a CMS writes the day of publication into it (/2025/01/03/).
  const canonical =
    firstAttribute('link[rel="canonical"]', document, 'href') ??
    firstAttribute('meta[property="og:url"]', document, 'content');
  const canonicalDate = canonical ? dateFromUrl(canonical) : null;
  if (canonicalDate) return { date: canonicalDate, source: 'canonical' };
  return null;
}
