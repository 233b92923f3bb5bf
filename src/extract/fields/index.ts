/**
 * The fields of one transaction, resolved in this order (each by its own module, reading the
 * TransactionSite and filling the Draft):
 *
 *   company   first: without one there is no transaction to tell (and an unnamed subject stops it)
 *   money     price per coin and total, from the clause's money patterns
 *   holdings  before and after, from the holdings findings of the clause (or a later free clause)
 *   dates     the clause's date phrases, executed or announced; a table column; the section year
 *   purposes  the verb's own purpose and the clause's purpose cues
 *   status    confirmed, reported or unconfirmed, with the cue that decided it
 *
 * Asides (sentences that refer back) and the page's treasury framing refine these afterwards,
 * for all mentions of the page at once (src/extract/asides.ts, src/extract/treasury.ts).
 */
import { resolveCompany } from './company.js';
import { resolveDates } from './dates.js';
import { resolveHoldings } from './holdings.js';
import { resolveMoney } from './money.js';
import { resolvePurposes } from './purposes.js';
import type { Draft, TransactionSite } from './site.js';
import { resolveStatus } from './status.js';

export type { Draft, TransactionSite } from './site.js';

const AFTER_COMPANY = [resolveMoney, resolveHoldings, resolveDates, resolvePurposes, resolveStatus];

/** The fields of the transaction at this site, or null when nobody can be said to have acted. */
export function resolveFields(site: TransactionSite): Draft | null {
  const draft: Draft = {
    company: null,
    ticker: null,
    unitPriceText: null,
    totalText: null,
    holdingsBeforeText: null,
    holdingsAfterText: null,
    purposes: [],
    dateTexts: [],
    contextYear: null,
    status: 'reported',
    provenance: {},
  };
  if (resolveCompany(site, draft) !== 'resolved') return null;
  for (const resolve of AFTER_COMPANY) resolve(site, draft);
  return draft;
}
