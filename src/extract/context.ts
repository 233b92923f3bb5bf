import { isTableRow } from '../schema/tableRow.js';
import type { Rulebook } from '../rulebook/compile.js';
import type { Zone } from '../schema/document.js';
import type { Mention } from '../schema/mention.js';
import { cellIndex } from './anchors.js';
import { tagSentence, type TaggedSentence } from './chunks.js';
import type { DatePhrase } from './datePhrases.js';
import type { PageOrganizations } from './organizations.js';

/**
 * What a reader remembers while reading down the page: the company of the section (set by a
 * heading such as "Cango Inc. (NYSE: CANG): ..."), the company named last, the latest year and
 * date phrase. Related-links headlines never read or write it: each stands alone.
 */
export interface ReadingContext {
  sectionCompany: string | null;
  lastCompany: string | null;
  sectionYear: number | null;
  lastDate: DatePhrase | null;
  /** the paragraph (line) lastDate was read in: a sentence with no date of its own is dated by it only there */
  lastDateLine: number;
  /** the paragraph being read */
  line: number;
  /** The period of each column of the table being read ("Metric | Feb 2026 | Jan 2026"), by cell index. */
  tableColumns: (DatePhrase | null)[] | null;
  /**
   * The month or quarter a heading names with its year ("June 2025 Production Update"): the period the
   * section reports.
   */
  sectionPeriod: DatePhrase | null;
}

export const newReadingContext = (): ReadingContext => ({
  sectionCompany: null,
  lastCompany: null,
  sectionYear: null,
  lastDate: null,
  lastDateLine: -1,
  line: 0,
  tableColumns: null,
  sectionPeriod: null,
});

/** The company "it" or "the company" stands for. */
export const contextCompany = (context: ReadingContext) => context.lastCompany ?? context.sectionCompany;

const UNKNOWN_COMPANY_HEADING =
  /^(?:[A-Z][a-z]+[A-Z]\w*|(?:[A-Z][\w&-]*\s+){1,4}(?:Inc\.?|Corp\.?|Ltd\.?|Limited|Group|Holdings|AG|SE|plc|PLC|S\.A\.|N\.V\.|AB|ASA))$/;

export function updateContext(sentence: TaggedSentence, found: Mention[], context: ReadingContext, zone: Zone) {
  const companies = sentence.chunks.filter((chunk) => chunk.type === 'C');
  // A heading opens a section: its company is what "the company" means next. A heading that is the
  // name of a company we do not know ("GameSquare", "Samara Asset Group AG") ends the previous
  // company's section; topical headings ("Bitcoin Update") do not.
  if (zone === 'heading' && companies.length > 0)
    [context.sectionCompany, context.lastCompany] = [companies[0].company!, companies[0].company!];
  else if (zone === 'heading' && UNKNOWN_COMPANY_HEADING.test(sentence.text.trim()))
    [context.sectionCompany, context.lastCompany] = [null, null];
  if (found.length > 0) context.lastCompany = found.at(-1)!.company;
  else if (companies.length > 0) context.lastCompany = companies[0].company!;
  // In a table header ("Metric | Mar 2026 | Mar 2025") the first column is the period the figures report.
  const dates = sentence.chunks.filter((chunk) => chunk.type === 'D' && chunk.date);
  // A heading starts a new section: the previous table's columns end with it. A heading that names
  // a month or quarter with its year ("Kestrel Announces June 2025 Production Update") gives the
  // period its section reports; one that names none leaves the period as it was.
  if (zone === 'heading') context.tableColumns = null;
  const period =
    zone === 'heading'
      ? dates.find((chunk) => SECTION_PERIOD_KINDS.has(chunk.date!.kind) && /\b(?:19|20)\d{2}\b/.test(chunk.text))
      : undefined;
  if (period) context.sectionPeriod = period.date!;
  if (isTableRow(sentence.text) && dates.length >= 2) {
    const columns: (DatePhrase | null)[] = [];
    for (const chunk of dates) columns[cellIndex(sentence.text, chunk.start)] ??= chunk.date!;
    context.tableColumns = Array.from(columns, (date) => date ?? null);
  }
  const ordered = isTableRow(sentence.text) ? [...dates].reverse() : dates;
  for (const chunk of ordered) {
    const year = /\b(?:19|20)\d{2}\b/.exec(chunk.text);
    if (year) context.sectionYear = Number(year[0]);
    // "versus 14.8 in January": the period compared with is not the period being told, so a later
    // "during the month" does not mean it.
    if (COMPARED_WITH.test(sentence.text.slice(0, chunk.start))) continue;
    if (chunk.date!.kind !== 'same' && chunk.date!.kind !== 'year')
      [context.lastDate, context.lastDateLine] = [chunk.date!, context.line];
  }
}

const SECTION_PERIOD_KINDS = new Set(['month', 'quarter']);

/** A comparison opened before a date and still running when the date comes (no clause break between). */
const COMPARED_WITH =
  /\b(?:versus|vs\.?|compared (?:with|to)|as against|down from|up from|from a year earlier)\b[^,;:]*$/i;
/** Words that compare a figure with another ("496 in January, down from 569 in December"). */
export const COMPARISON = /\b(?:versus|vs\.?|compared (?:with|to)|against|down from|up from|from a year earlier)\b/i;

export function noteCompanies(
  text: string,
  rulebook: Rulebook,
  context: ReadingContext,
  zone: Zone,
  organizations: PageOrganizations,
) {
  // search(), not test(): test() on a global regex leaves lastIndex behind for the next matchAll.
  if (
    zone !== 'heading' &&
    text.search(rulebook.companyRegex) < 0 &&
    !/[A-Z]{2}/.test(text) &&
    (!organizations.regex || text.search(organizations.regex) < 0)
  )
    return;
  updateContext(tagSentence(text, rulebook, 'context', organizations), [], context, zone);
}
