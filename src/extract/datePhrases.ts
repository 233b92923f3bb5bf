import { allMatches } from '../rulebook/regex.js';

/**
 * Date phrases as news writes them. Each kind has its own pattern; normalize/dates.ts turns a
 * phrase into ISO dates against the publication date.
 */
export type DatePhraseKind =
  | 'iso'
  | 'numeric'
  | 'crossRange'
  | 'dayRange'
  | 'day'
  | 'monthRange'
  | 'month'
  | 'quarter'
  | 'year'
  | 'weekday'
  | 'weekend'
  | 'relative'
  | 'same'
  | 'vague';

export interface DatePhrase {
  kind: DatePhraseKind;
  text: string;
  start: number;
  end: number;
  groups: Record<string, string | undefined>;
}

const MONTH =
  '(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\\.?(?![a-z]))';
const m = (name: string) => `(?<${name}>${MONTH})`;
const DAY = (name: string) => `(?<${name}>[0-3]?\\d)(?:st|nd|rd|th)?`;
const YEAR = (name: string) => `(?<${name}>(?:19|20)\\d{2})`;
/** ", 2026" after a day or a month, optional. */
const commaYear = (name: string) => `(?:,?\\s+${YEAR(name)})?`;
/** The words that join the two ends of a range. */
const RANGE_TO = '(?:-|to|through|until|and)';
/** The words that open a span of months ("between July and October"). */
const SPAN_OPENER = '(?:[Bb]etween|[Ff]rom|[Aa]cross|[Ii]n|[Dd]uring|[Oo]ver|[Tt]hroughout)';

/** Relative dates the page's own date anchors ("yesterday", "last month", "in recent weeks"). */
const RELATIVE_PHRASES = [
  'yesterday',
  'today',
  'last week',
  'this week',
  'earlier this week',
  'last month',
  'this month',
  'earlier this month',
  'last year',
  'this year',
  'earlier this year',
  'over the year',
  'during the year',
  'over the past year',
  'in the past week',
  'over the past week',
  'in recent (?:days|weeks)',
];
/** A span of a few days or weeks: "over a two-week stretch", "in the past 10 days". */
const SPAN_OF_DAYS =
  String.raw`(?:over|in|during|across) (?:a|the (?:past|last)) (?:two|three|four|few|several|\d+)[- ](?:days?|weeks?)` +
  String.raw`(?:[- ](?:stretch|period|span|window))?`;
/** "the same month", "that week", "during the period" (not "the month of May"). */
const SAME_PERIOD = [
  String.raw`\b(?:the|that)\s+same\s+(?<unit>month|day|week)\b`,
  String.raw`\bthat\s+(?<unit2>month|day|week)\b`,
  String.raw`\b(?:during|in|over|for|across)\s+the\s+(?<unit3>month|period)\b(?!\s+of\b)`,
];

/**
 * What each family of patterns cannot match without: a cheap test per sentence, so a sentence
 * with no month name skips the five month patterns. Each is a superset of its patterns' matches.
 */
const NEEDS = {
  year: /(?:19|20)\d\d/,
  month: /Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec/,
  quarter: /Q[1-4]|quarter/i,
  weekday: /day\b|weekend/i,
  relative: /day|week|month|year|period/i,
  vague: /recent|lately|of late/i,
};

/** Order matters: longer, more specific phrases first; the first pattern to claim a span keeps it. */
const PATTERNS: { kind: DatePhraseKind; needs: RegExp; regex: RegExp }[] = [
  { kind: 'iso', needs: NEEDS.year, regex: /\b(?<y>(?:19|20)\d{2})-(?<mo>[01]\d)-(?<d>[0-3]\d)\b/g },
  // "05/13/2025", "13.05.2025": taken only where the order cannot be in doubt (one part above 12).
  { kind: 'numeric', needs: NEEDS.year, regex: /\b(?<a>[0-3]?\d)[/.](?<b>[0-3]?\d)[/.](?<y>(?:19|20)\d{2})\b/g },
  // "between February 16, 2026 and February 22, 2026", "Jan. 26 - Feb. 1": a range of days, possibly across months.
  {
    kind: 'crossRange',
    needs: NEEDS.month,
    regex: new RegExp(
      `\\b(?:(?:[Bb]etween|[Ff]rom)\\s+)?${m('m1')}\\s+${DAY('d1')}${commaYear('y1')}` +
        `,?\\s?${RANGE_TO}\\s?${m('m2')}\\s+${DAY('d2')}${commaYear('y2')}\\b`,
      'g',
    ),
  },
  // "between July and October 2025", "across May and June", "in April and May": a span of months.
  {
    kind: 'monthRange',
    needs: NEEDS.month,
    regex: new RegExp(
      `\\b${SPAN_OPENER}\\s+${m('m1')}(?:\\s+${YEAR('y1')})?\\s+(?:and|to|through|until)\\s+${m('m2')}${commaYear('y2')}`,
      'g',
    ),
  },
  {
    kind: 'dayRange',
    needs: NEEDS.month,
    regex: new RegExp(
      `\\b${m('m1')}\\s+${DAY('d1')}\\s?(?:-|to|through|and)\\s?${DAY('d2')}(?:,?\\s+${YEAR('y')})?\\b`,
      'g',
    ),
  },
  {
    kind: 'day',
    needs: NEEDS.month,
    regex: new RegExp(`\\b${m('m1')}\\s+${DAY('d1')}(?!\\d)(?:,?\\s+${YEAR('y')})?\\b`, 'g'),
  },
  {
    kind: 'day',
    needs: NEEDS.month,
    regex: new RegExp(`\\b${DAY('d1')}\\s+(?:of\\s+)?${m('m1')}(?:,?\\s+${YEAR('y')})?`, 'g'),
  },
  {
    kind: 'quarter',
    needs: NEEDS.quarter,
    regex: new RegExp(`\\b(?:Q(?<q>[1-4])|(?<qw>first|second|third|fourth) quarter)(?:\\s+of)?\\s+${YEAR('y')}`, 'gi'),
  },
  // "in the fourth quarter", "during Q4": the year is the context's, else the latest such quarter begun by
  // the reference.
  {
    kind: 'quarter',
    needs: NEEDS.quarter,
    regex: /\b(?:Q(?<q>[1-4])|(?<qw>first|second|third|fourth) quarter)\b(?![\s-]*(?:of\s+)?(?:19|20)\d{2})/gi,
  },
  {
    kind: 'month',
    needs: NEEDS.month,
    regex: new RegExp(
      `\\b(?:(?<part>early|mid|late|the end of|end of|the start of|start of|the beginning of|beginning of)[\\s-]+)?${m('m1')}(?:,?\\s+${YEAR('y')})?(?![\\w])`,
      'g',
    ),
  },
  {
    kind: 'year',
    needs: NEEDS.year,
    regex: new RegExp(`(?<![\\d,.$])${YEAR('y')}(?![\\d,.]\\d|\\s?(?:BTC|bitcoins?|ETH|shares))`, 'g'),
  },
  {
    kind: 'weekend',
    needs: NEEDS.weekday,
    regex: /\b(?:over|during|on|across|at)\s+the\s+(?:past\s+|last\s+)?weekend\b/gi,
  },
  {
    kind: 'weekday',
    needs: NEEDS.weekday,
    regex:
      /\b(?:(?<rel>on|last|this|past|earlier this|late on|early on)\s+)?(?<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/g,
  },
  {
    kind: 'relative',
    needs: NEEDS.relative,
    regex: new RegExp(String.raw`\b(?<rel>${[...RELATIVE_PHRASES, SPAN_OF_DAYS].join('|')})\b`, 'gi'),
  },
  // A past with no measure ("recently sold", "has lately been selling"): the page does not say when.
  { kind: 'vague', needs: NEEDS.vague, regex: /\b(?:recently|lately|of late|in recent months)\b/gi },
  {
    kind: 'same',
    needs: NEEDS.relative,
    regex: new RegExp(SAME_PERIOD.join('|'), 'gi'),
  },
];

/** All date phrases in a text, non-overlapping, in order. */
export function findDatePhrases(text: string): DatePhrase[] {
  const found: DatePhrase[] = [];
  const passed = new Map<RegExp, boolean>();
  const may = (needs: RegExp) => {
    let result = passed.get(needs);
    if (result === undefined) passed.set(needs, (result = needs.test(text)));
    return result;
  };
  // Claimed characters, so the overlap test costs the match's length, not the number of phrases
  // found so far (a page of thousands of dates was quadratic).
  const claimed = new Uint8Array(text.length);
  const taken = (start: number, end: number) => claimed.subarray(start, end).includes(1);
  for (const { kind, needs, regex } of PATTERNS) {
    if (!may(needs)) continue;
    for (const match of allMatches(regex, text)) {
      const start = match.index;
      const end = start + match[0].length;
      if (
        kind === 'month' &&
        match.groups?.m1 === 'May' &&
        /^May\s+(?:be|have|not|also|still|need|sell|buy)\b/.test(text.slice(start))
      )
        continue;
      if (taken(start, end)) continue;
      found.push({ kind, text: match[0], start, end, groups: { ...match.groups } });
      claimed.fill(1, start, end);
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
