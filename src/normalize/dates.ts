import { findDatePhrases, type DatePhrase } from '../extract/datePhrases.js';
import { monthNumber } from '../months.js';

export type Precision = 'day' | 'month' | 'year';
export interface ResolvedDate {
  date: string;
  dateEnd: string | null;
  precision: Precision;
  /** the phrase states its year ("in 2025", "March 3, 2026") */
  explicit: boolean;
  /** the phrase means something only against a day ("on Monday", "over the year", "last week") */
  relative?: boolean;
}

/**
 * What relative phrases are read against. 'published': the page's own publication date. 'text':
 * no publication date was found, so the latest explicit date the text states stands in for it;
 * it bounds the year, not the day, so relative phrases ("on Monday", "last week") resolve only to
 * its year. A file's modification time is never a reference: a folder copied today would move
 * every "over the weekend" to this weekend.
 */
export interface DateReference {
  date: string;
  basis: 'published' | 'text';
}

/** How a page writes numeric dates, when its own dates show it: "21/07/2025" is day first, "12/19/2025" month first. */
export type NumericOrder = 'day-first' | 'month-first';

/** The order the page's numeric dates show (a part above 12 settles it); null when none shows, or they disagree. */
export function numericOrderOf(text: string): NumericOrder | null {
  let order: NumericOrder | null = null;
  for (const match of text.matchAll(/\b([0-3]?\d)[/.]([0-3]?\d)[/.](?:19|20)\d{2}\b/g)) {
    const [a, b] = [Number(match[1]), Number(match[2])];
    const shown: NumericOrder | null = a > 12 && b <= 12 ? 'day-first' : b > 12 && a <= 12 ? 'month-first' : null;
    if (!shown) continue;
    if (order && order !== shown) return null;
    order = shown;
  }
  return order;
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const QUARTER_WORDS = ['first', 'second', 'third', 'fourth'];
const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (d: Date) => d.toISOString().slice(0, 10);
const ym = (year: number, month: number) => `${year}-${pad(month)}`;
const addDays = (d: Date, days: number) => new Date(d.getTime() + days * 86_400_000);
/** Phrases that carry their own year whatever the reference. */
const STATES_YEAR = new Set(['iso', 'numeric', 'year']);
/** Phrases that mean something only against a day: "on Monday", "over the weekend", "last week". */
const RELATIVE_KINDS = new Set(['weekday', 'weekend', 'relative']);

/**
 * Turns a date phrase into ISO dates. A day or month without a year is the latest such day or
 * month not after the reference (the publication date), unless an explicit year earlier in the
 * same sentence gives it ("On November 13, 2025 ...; on December 25 ...").
 */
export function resolveDatePhrase(
  text: string,
  reference: DateReference | null,
  contextYear: number | null = null,
  numericOrder: NumericOrder | null = null,
): ResolvedDate | null {
  // Pages state the same few phrases against the same few days (a release reprinted on many sites):
  // each is resolved once. A bounded memo of shared results; no caller changes one.
  const key = `${text}\u0001${reference ? `${reference.basis}:${reference.date}` : ''}\u0001${contextYear ?? ''}\u0001${numericOrder ?? ''}`;
  let resolved = resolvedPhrases.get(key);
  if (resolved === undefined) {
    if (resolvedPhrases.size >= RESOLVED_KEPT) resolvedPhrases.clear();
    resolvedPhrases.set(key, (resolved = resolveDatePhraseOnce(text, reference, contextYear, numericOrder)));
  }
  return resolved;
}

const RESOLVED_KEPT = 2_048;
const resolvedPhrases = new Map<string, ResolvedDate | null>();

function resolveDatePhraseOnce(
  text: string,
  reference: DateReference | null,
  contextYear: number | null,
  numericOrder: NumericOrder | null,
): ResolvedDate | null {
  const phrase = findDatePhrases(text)[0];
  if (!phrase) return null;
  const resolved = resolvePhrase(phrase, text, reference, contextYear, numericOrder);
  return resolved && RELATIVE_KINDS.has(phrase.kind) ? { ...resolved, relative: true } : resolved;
}

function resolvePhrase(
  phrase: DatePhrase,
  text: string,
  reference: DateReference | null,
  contextYear: number | null,
  numericOrder: NumericOrder | null,
): ResolvedDate | null {
  const g = phrase.groups;
  // With no reference at all, only what states its own year can be placed in time.
  if (!reference)
    return contextYear !== null || STATES_YEAR.has(phrase.kind) || g.y || g.y1 || g.y2
      ? resolveDatePhrase(
          text,
          { date: `${contextYear ?? g.y ?? g.y2 ?? g.y1 ?? 2000}-12-31`, basis: 'text' },
          contextYear,
          numericOrder,
        )
      : null;
  if (reference.basis === 'text' && RELATIVE_KINDS.has(phrase.kind)) {
    return { date: reference.date.slice(0, 4), dateEnd: null, precision: 'year', explicit: false };
  }
  const ref = new Date(`${reference.date}T12:00:00Z`);
  const refYear = ref.getUTCFullYear();
  const refMonth = ref.getUTCMonth() + 1;
  const refDay = ref.getUTCDate();
  // A publication date is an upper bound: a month after it is last year's. A date read from the text
  // is a lower bound (the page was written after the latest date it states), so a month up to a
  // quarter after it is still that year's ("as of July 13, 2023 ... mined 136 BTC in September").
  const ahead = reference.basis === 'text' ? 3 : 0;
  const yearFor = (month: number, day = 1) =>
    contextYear ?? (month < refMonth + ahead || (month === refMonth + ahead && day <= refDay) ? refYear : refYear - 1);

  switch (phrase.kind) {
    case 'iso':
      return { date: `${g.y}-${g.mo}-${g.d}`, dateEnd: null, precision: 'day', explicit: true };
    case 'numeric': {
      const [a, b] = [Number(g.a), Number(g.b)];
      // Month first (US) or day first: a part above 12 settles it, else the order the page's other
      // numeric dates show; "05/06/2025" on a page that shows none stays unread.
      const dayFirst =
        a > 12 && b <= 12 ? true : b > 12 && a <= 12 ? false : numericOrder ? numericOrder === 'day-first' : null;
      if (dayFirst === null) return null;
      const [month, day] = dayFirst ? [b, a] : [a, b];
      if (!month || day < 1 || day > 31) return null;
      return { date: `${ym(Number(g.y), month)}-${pad(day)}`, dateEnd: null, precision: 'day', explicit: true };
    }
    case 'day': {
      const month = monthNumber(g.m1!);
      const day = Number(g.d1);
      if (day < 1 || day > 31) return null;
      const year = g.y ? Number(g.y) : yearFor(month, day);
      return { date: `${ym(year, month)}-${pad(day)}`, dateEnd: null, precision: 'day', explicit: Boolean(g.y) };
    }
    case 'crossRange': {
      const [m1, m2] = [monthNumber(g.m1!), monthNumber(g.m2!)];
      const [d1, d2] = [Number(g.d1), Number(g.d2)];
      if (d1 < 1 || d1 > 31 || d2 < 1 || d2 > 31) return null;
      const endYear = g.y2 ? Number(g.y2) : g.y1 ? Number(g.y1) + (m2 < m1 ? 1 : 0) : yearFor(m2, d2);
      const startYear = g.y1 ? Number(g.y1) : m1 <= m2 ? endYear : endYear - 1;
      return {
        date: `${ym(startYear, m1)}-${pad(d1)}`,
        dateEnd: `${ym(endYear, m2)}-${pad(d2)}`,
        precision: 'day',
        explicit: Boolean(g.y1 || g.y2),
      };
    }
    case 'dayRange': {
      const month = monthNumber(g.m1!);
      const [first, last] = [Number(g.d1), Number(g.d2)];
      if (first < 1 || last > 31 || last < first) return null;
      const year = g.y ? Number(g.y) : yearFor(month, first);
      return {
        date: `${ym(year, month)}-${pad(first)}`,
        dateEnd: `${ym(year, month)}-${pad(last)}`,
        precision: 'day',
        explicit: Boolean(g.y),
      };
    }
    case 'month': {
      const month = monthNumber(g.m1!);
      const year = g.y ? Number(g.y) : yearFor(month);
      return { date: ym(year, month), dateEnd: null, precision: 'month', explicit: Boolean(g.y) };
    }
    case 'monthRange': {
      const [m1, m2] = [monthNumber(g.m1!), monthNumber(g.m2!)];
      const endYear = g.y2 ? Number(g.y2) : g.y1 ? Number(g.y1) + (m2 < m1 ? 1 : 0) : yearFor(m2);
      const startYear = g.y1 ? Number(g.y1) : m1 <= m2 ? endYear : endYear - 1;
      return { date: ym(startYear, m1), dateEnd: ym(endYear, m2), precision: 'month', explicit: Boolean(g.y1 || g.y2) };
    }
    case 'quarter': {
      const quarter = g.q ? Number(g.q) : QUARTER_WORDS.indexOf(g.qw!.toLowerCase()) + 1;
      // Without a year, the latest such quarter that had begun by the reference date (news tells the past).
      const year = g.y ? Number(g.y) : yearFor(quarter * 3 - 2);
      return {
        date: ym(year, quarter * 3 - 2),
        dateEnd: ym(year, quarter * 3),
        precision: 'month',
        explicit: Boolean(g.y),
      };
    }
    case 'year':
      return { date: g.y!, dateEnd: null, precision: 'year', explicit: true };
    case 'weekday': {
      const target = WEEKDAYS.indexOf(g.wd!.toLowerCase());
      let back = (ref.getUTCDay() - target + 7) % 7;
      if (back === 0 && /last|past/i.test(g.rel ?? '')) back = 7;
      return { date: ymd(addDays(ref, -back)), dateEnd: null, precision: 'day', explicit: false };
    }
    case 'weekend': {
      // The weekend before the reference: a Monday article's "over the weekend" is Sat-Sun just gone.
      const back = (ref.getUTCDay() + 1) % 7 || 7;
      const saturday = addDays(ref, -back);
      return { date: ymd(saturday), dateEnd: ymd(addDays(saturday, 1)), precision: 'day', explicit: false };
    }
    case 'relative':
      return relative(phrase.text.toLowerCase(), ref);
    default:
      return null;
  }
}

/** How many days or weeks the words of a span count. */
const SPAN_COUNTS: Record<string, number> = { two: 2, three: 3, four: 4, few: 3, several: 4 };

function weekOf(first: Date, last: Date): ResolvedDate {
  const [a, b] = [ymd(first), ymd(last)];
  return a.slice(0, 7) === b.slice(0, 7)
    ? { date: a.slice(0, 7), dateEnd: null, precision: 'month', explicit: false }
    : { date: b.slice(0, 4), dateEnd: null, precision: 'year', explicit: false };
}

function relative(text: string, ref: Date): ResolvedDate | null {
  const year = ref.getUTCFullYear();
  const month = ref.getUTCMonth() + 1;
  if (text === 'yesterday') return { date: ymd(addDays(ref, -1)), dateEnd: null, precision: 'day', explicit: false };
  if (text === 'today') return { date: ymd(ref), dateEnd: null, precision: 'day', explicit: false };
  // A week said relative to the page ("last week", "this week") is only as sure as the page's date
  // is for the event: it is told by the month it falls in, or the year when it straddles two.
  if (/last week|past week/.test(text)) {
    const monday = addDays(ref, -(((ref.getUTCDay() + 6) % 7) + 7));
    return weekOf(monday, addDays(monday, 6));
  }
  if (/this week/.test(text)) return weekOf(addDays(ref, -((ref.getUTCDay() + 6) % 7)), ref);
  // "over a two-week stretch", "in the past three days", "in recent weeks": a span ending at the page's
  // date, told like a week (its month, or its year when it straddles two).
  const span =
    /(?:(?<count>two|three|four|few|several|\d+)[- ](?<unit>days?|weeks?))|recent (?<recent>days|weeks)/.exec(text);
  if (span?.groups) {
    const count = SPAN_COUNTS[span.groups.count ?? 'few'] ?? Number(span.groups.count);
    const days = /week/.test(span.groups.unit ?? span.groups.recent ?? '') ? count * 7 : count;
    return weekOf(addDays(ref, -days), ref);
  }
  if (/last month/.test(text))
    return {
      date: month === 1 ? ym(year - 1, 12) : ym(year, month - 1),
      dateEnd: null,
      precision: 'month',
      explicit: false,
    };
  if (/this month/.test(text)) return { date: ym(year, month), dateEnd: null, precision: 'month', explicit: false };
  if (/last year/.test(text)) return { date: String(year - 1), dateEnd: null, precision: 'year', explicit: false };
  if (/this year/.test(text)) return { date: String(year), dateEnd: null, precision: 'year', explicit: false };
  return null;
}

/**
 * The date to read relative phrases against when the page states no publication date: the latest
 * explicit date (one that states its year) in the text, or null when the text states none. A date
 * a forward word leads to in its sentence ("notes maturing on June 1, 2031", "expected to be
 * finished in 2027") is a term or a plan, not a sign of when the page was written.
 */
export function inferReferenceDate(
  text: string,
  forwardWord: RegExp | null = null,
  forwardAfter: RegExp | null = null,
): DateReference | null {
  let latest: string | null = null;
  for (const phrase of findDatePhrases(text)) {
    if (!phrase.groups.y && !phrase.groups.y1 && !phrase.groups.y2 && !STATES_YEAR.has(phrase.kind)) continue;
    if (forwardWord && leadsAhead(text, phrase.start, forwardWord)) continue;
    if (forwardAfter && forwardAfter.test(text.slice(phrase.end, phrase.end + 60))) continue;
    const resolved = resolveDatePhrase(phrase.text, null);
    if (!resolved) continue;
    const end = resolved.dateEnd ?? resolved.date;
    const asDay = end.length === 4 ? `${end}-12-31` : end.length === 7 ? `${end}-28` : end;
    if (!latest || asDay > latest) latest = asDay;
  }
  return latest ? { date: latest, basis: 'text' } : null;
}

/** Whether a forward word stands before the date in its own sentence, at most a few words back. */
function leadsAhead(text: string, at: number, forwardWord: RegExp): boolean {
  const before = text.slice(Math.max(0, at - 90), at);
  const sentence = before.slice(Math.max(before.lastIndexOf('. '), before.lastIndexOf('\n')) + 1);
  return forwardWord.test(sentence);
}
