import type { DatePhrase } from './datePhrases.js';

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
  /** The period of each column of the table being read ("Metric | Feb 2026 | Jan 2026"), by cell index. */
  tableColumns: (DatePhrase | null)[] | null;
}

export const newReadingContext = (): ReadingContext => ({ sectionCompany: null, lastCompany: null, sectionYear: null, lastDate: null, tableColumns: null });

/** The company "it" or "the company" stands for. */
export const contextCompany = (context: ReadingContext) => context.lastCompany ?? context.sectionCompany;
