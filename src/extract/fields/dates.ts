import type { DatePhrase } from '../datePhrases.js';
import type { Draft, TransactionSite } from './site.js';

const RELATIVE_DATE_KINDS = new Set(['weekday', 'weekend', 'relative', 'same']);
/** Dates a paragraph lends to its next sentences: a named month or day, not a relative phrase. */
const PARAGRAPH_DATE_KINDS = new Set([
  'month',
  'monthRange',
  'day',
  'dayRange',
  'crossRange',
  'quarter',
  'iso',
  'numeric',
  'vague',
]);
const YEAR = /\b(?:19|20)\d{2}\b/;
/** A comparison running up to a date after the transaction: "up 4% from", "down from", "compared with", "versus". */
const COMPARISON_WORDS = [
  String.raw`\b(?:up|down|rising|falling|rose|fell)\b[^,;:]{0,24}\bfrom`,
  String.raw`\bcompared (?:with|to)`,
  String.raw`\bversus`,
  String.raw`\bvs\.?`,
  String.raw`\bagainst`,
];
const COMPARED_FROM = new RegExp(
  String.raw`(?:${COMPARISON_WORDS.join('|')})\s*(?:the same period (?:of|in) |the month of |a year earlier in )?$`,
  'i',
);
/**
 * A relative span of days or weeks ("over a two-week stretch", "last week") goes on through its
 * paragraph too; "last year" or "today" do not.
 */
const SPAN_OF_DAYS = /week|days/i;
/**
 * A relative clause with a finite verb of its own: "(debt) it took on", "(notes) that it issued", "which were
 * raised".
 */
const RELATIVE_CLAUSE = new RegExp(
  String.raw`^\s*\S.*?\b(?:that|which|who|it|they)\s+(?:had\s+|has\s+|have\s+|was\s+|were\s+)?` +
    String.raw`(?:[a-z]+ed|took|took on|made|bought|sold|raised|issued|won|paid|set up|began|began to|first)\b`,
);

/**
 * The date phrases of the transaction's clause, each marked executed or announced (a date near a
 * disclosure verb is when it was said); a table row's column header; else the section's year.
 * Normalize resolves them against the publication date and picks one (executed first).
 */
export function resolveDates(site: TransactionSite, draft: Draft): void {
  const { sentence, placed, anchor, zone, context, rulebook } = site;
  for (const item of placed) {
    if (item.chunk.type !== 'D') continue;
    if (item.at < anchor.start && YEAR.test(item.chunk.text))
      draft.contextYear = Number(YEAR.exec(item.chunk.text)![0]);
    if (item.at < site.subjectStart || item.at >= site.tailEnd) continue;
    // "holdings of 13,351 BTC as of February 28": the date of a balance, not of the transaction.
    if (/\bas (?:of|at)\s*$/i.test(sentence.tagged.slice(Math.max(0, item.at - 8), item.at))) continue;
    // "its first purchase since December": where a period began, not when this happened.
    if (/\bsince\s*$/i.test(sentence.tagged.slice(Math.max(0, item.at - 7), item.at))) continue;
    // "mined 212 BTC, up 4% from May": the period compared with, not the one told.
    if (item.at > anchor.end && COMPARED_FROM.test(sentence.tagged.slice(anchor.end, item.at))) continue;
    // "redeem the convertible debt it took on in July": a date in a relative clause on another noun
    // dates that clause's own verb, not the transaction ("all 520 BTC it mined in January" is the figure's own).
    if (item.at > anchor.end && RELATIVE_CLAUSE.test(sentence.tagged.slice(anchor.end, item.at))) continue;
    // "Kestrel, which began buying bitcoin in 2021, ... after its acquisition of 2,150 BTC":
    // a date in a relative clause closed before the transaction dates that clause.
    if (
      item.at < anchor.start &&
      /,\s*(?:which|who)\b[^,]*$/i.test(sentence.tagged.slice(0, item.at)) &&
      sentence.tagged.slice(item.at, anchor.start).includes(',')
    )
      continue;
    // A related headline was published on its own day: "over the weekend" there is not this page's weekend.
    if (zone === 'related' && RELATIVE_DATE_KINDS.has(item.chunk.date!.kind)) continue;
    const earlierHere = placed
      .filter((other) => other.chunk.type === 'D' && other.at < item.at && other.chunk.date!.kind !== 'year')
      .at(-1);
    const referent = earlierHere?.chunk.date ?? context.lastDate;
    const phrase =
      item.chunk.date!.kind === 'same' && referent ? referentText(referent, item.chunk.date!) : item.chunk.text;
    const near = sentence.tagged.slice(
      Math.max(site.subjectStart, item.at - 45),
      Math.min(anchor.start, item.at + item.chunk.text.length + 45),
    );
    // Said on a day: before the transaction ("said on Monday it bought"), or after a disclosure verb that
    // follows it ("added 839 BTC in the fourth quarter, the company said in its letter on Thursday").
    const saidBefore = item.at < anchor.start && rulebook.disclosureVerb.test(near);
    const saidAfter = item.at >= anchor.end && rulebook.disclosureVerb.test(sentence.tagged.slice(anchor.end, item.at));
    const kind = saidBefore || saidAfter ? 'announced' : 'executed';
    draft.dateTexts.push({ text: phrase, kind, start: site.base + item.chunk.start });
    (draft.provenance.date ??= []).push(
      site.chunkEvidence(item, kind === 'announced' ? 'date.announced-near-disclosure' : 'date.in-clause'),
    );
  }
  // A table row's figure is dated by its column's header ("Metric | February 2026 | January 2026").
  const columnDate = anchor.column !== undefined ? (context.tableColumns?.[anchor.column] ?? null) : null;
  if (draft.dateTexts.length === 0 && columnDate) {
    draft.dateTexts.push({ text: columnDate.text, kind: 'executed', start: site.base });
    (draft.provenance.date ??= []).push({ ...site.anchorEvidence, rule: 'date.table-column-header' });
  }
  // "Sales picked up in October. Kestrel and Nordwind sold 318 and 205 BTC": a sentence
  // with no date of its own goes on with the month or day its paragraph has just named.
  const previous = context.lastDate;
  const span = rulebook.spanVerbs.has(anchor.word.toLowerCase());
  if (
    draft.dateTexts.length === 0 &&
    zone === 'body' &&
    previous &&
    !span &&
    context.lastDateLine === context.line &&
    (PARAGRAPH_DATE_KINDS.has(previous.kind) || (previous.kind === 'relative' && SPAN_OF_DAYS.test(previous.text)))
  ) {
    draft.dateTexts.push({ text: previous.text, kind: 'context', start: site.base });
    (draft.provenance.date ??= []).push({ ...site.anchorEvidence, rule: 'date.paragraph' });
  }
  // "Kestrel Announces June 2025 Production Update" ... "Sold 150 BTC": the period the section reports.
  if (draft.dateTexts.length === 0 && zone === 'body' && context.sectionPeriod && !span) {
    draft.dateTexts.push({ text: context.sectionPeriod.text, kind: 'context', start: site.base });
    (draft.provenance.date ??= []).push({ ...site.anchorEvidence, rule: 'date.section-period' });
  }
  if (draft.dateTexts.length === 0 && zone === 'body' && context.sectionYear) {
    draft.dateTexts.push({ text: String(context.sectionYear), kind: 'context', start: site.base });
    (draft.provenance.date ??= []).push({ ...site.anchorEvidence, rule: 'date.section-year' });
  }
}

/** "the same month" / "during the month" read as the month of the date it refers to; "the same day" as that day. */
function referentText(referent: DatePhrase, same: DatePhrase): string {
  const unit = same.groups.unit ?? same.groups.unit2 ?? same.groups.unit3;
  if (unit === 'day' || !referent.groups.m1 || referent.kind === 'month' || referent.kind === 'monthRange')
    return referent.text;
  return `${referent.groups.m1}${referent.groups.y ? ` ${referent.groups.y}` : referent.groups.y1 ? ` ${referent.groups.y1}` : ''}`;
}
