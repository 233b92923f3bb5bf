import type { Rulebook } from '../rulebook/compile.js';
import { allMatches, lookupKey } from '../rulebook/regex.js';
import type { Article, Zone } from '../schema/document.js';
import type { Evidence, Mention, Purpose, Status } from '../schema/mention.js';
import { findAnchors, findHoldings, type Anchor, type HoldingsFinding } from './anchors.js';
import { applyAsides, asideOf, type Aside } from './asides.js';
import { tagModeFor, tagSentence, type TaggedSentence } from './chunks.js';
import { clauseOf, placeChunks, type PlacedChunk } from './clauses.js';
import { contextCompany, newReadingContext, noteCompanies, updateContext, type ReadingContext } from './context.js';
import type { DatePhrase } from './datePhrases.js';
import { fallbackOrganization, findPageOrganizations, type PageOrganizations } from './organizations.js';
import { splitSentences } from './sentences.js';
import { applyTreasuryContext } from './treasury.js';

const RELATIVE_DATE_KINDS = new Set(['weekday', 'weekend', 'relative', 'same']);
const DISCLOSURE = /\b(?:disclosed|announced|confirmed|said|says|reported|revealed|filed|stated|unveiled|told)\b/i;
/** Cheap test that a sentence may matter at all: most sentences of a page are skipped here. */
const WORTH_TAGGING = /\d|\b(?:the|this) (?:move|sale|proceeds|transaction|deal|divestment|liquidation|purchase|acquisition)\b|\bsales\b|\b(?:confirmed|disclosed|announced|referred to|described|called|framed)\b/i;

interface SentenceState { article: Article; rulebook: Rulebook; zone: Zone; base: number; ordinalBase: number; sentenceIndex: number; organizations: PageOrganizations }

/**
 * Whether any sentence could state a transaction: every event pattern needs an action word and a
 * figure (a quantity or a table number, both written with digits) in one sentence. Most pages of
 * a news archive have no such sentence (72% of the bench corpus); they are read no further. The
 * same lines and sentences as the reading below, so the answer is exact, not a heuristic.
 */
function mayStateTransaction(article: Article, rulebook: Rulebook): boolean {
  for (const line of article.lines) {
    if (line.zone === 'boilerplate' || !/\d/.test(line.text) || !rulebook.anyActionWord.test(line.text)) continue;
    for (const sentence of splitSentences(line.text)) if (/\d/.test(sentence.text) && rulebook.anyActionWord.test(sentence.text)) return true;
  }
  return false;
}

/** extract: Article -> Mention[]. Every value carries the span and the rule it came from. */
export function extractMentions(article: Article, rulebook: Rulebook): Mention[] {
  if (!mayStateTransaction(article, rulebook)) return [];
  const context = newReadingContext();
  const mentions: (Mention & { sentenceIndex: number })[] = [];
  const asides: Aside[] = [];
  const defaultAsset = dominantAsset(article.text, rulebook);
  const organizations = findPageOrganizations(article.lines, rulebook);
  let sentenceIndex = 0;
  for (const line of article.lines) {
    if (line.zone === 'boilerplate') continue;
    for (const sentence of splitSentences(line.text)) {
      const state: SentenceState = { article, rulebook, zone: line.zone, base: line.start + sentence.start, ordinalBase: mentions.length, sentenceIndex: sentenceIndex++, organizations };
      const hasActionWord = rulebook.anyActionWord.test(sentence.text);
      const mayMatter = hasActionWord || WORTH_TAGGING.test(sentence.text);
      if (!mayMatter) {
        if (line.zone !== 'related') noteCompanies(sentence.text, rulebook, context, line.zone, organizations);
        continue;
      }
      const tagged = tagSentence(sentence.text, rulebook, tagModeFor(sentence.text, rulebook, hasActionWord), organizations);
      // Every holdings and event pattern has a quantity slot: a sentence without a figure skips them all.
      const hasFigure = tagged.chunks.some((chunk) => chunk.type === 'Q' || chunk.type === 'N');
      const holdings = hasFigure ? findHoldings(tagged, rulebook) : [];
      const anchors = hasFigure ? findAnchors(tagged, rulebook, new Set(holdings.map((finding) => finding.quantity)), defaultAsset) : [];
      const local = line.zone === 'related' ? newReadingContext() : context;
      const found = anchors.length > 0 ? mentionsOf(tagged, anchors, holdings, local, state) : [];
      for (const mention of found) mentions.push({ ...mention, sentenceIndex: state.sentenceIndex });
      if (found.length === 0 && line.zone !== 'related') {
        const aside = asideOf(tagged, holdings, context, state);
        if (aside) asides.push(aside);
      }
      if (line.zone !== 'related') updateContext(tagged, found, context, line.zone);
    }
  }
  applyAsides(mentions, asides);
  applyTreasuryContext(mentions, article, rulebook);
  return mentions.map(({ sentenceIndex: _unused, ...mention }, ordinal) => ({ ...mention, ordinal }));
}

function mentionsOf(sentence: TaggedSentence, anchors: Anchor[], holdings: HoldingsFinding[], context: ReadingContext, state: SentenceState): Mention[] {
  const { rulebook, zone, base } = state;
  const placed = placeChunks(sentence);
  const mentions: Mention[] = [];
  // A figure that continues a rejected one ("expect purchases of 60,000 BTC, down from 200,000") goes with it.
  const rejected = new Set<Anchor>();
  const companyOf = new Map<Anchor, { company: string; evidence: Evidence }>();
  const evidenceOf = (start: number, end: number, rule: string): Evidence => {
    const from = sentence.toOriginal(start);
    const to = sentence.toOriginal(end);
    return { text: sentence.text.slice(from, to), start: base + from, end: base + to, rule };
  };
  const chunkEvidence = (item: PlacedChunk, rule: string): Evidence => ({ text: item.chunk.text, start: base + item.chunk.start, end: base + item.chunk.end, rule });
  const sentenceHasConfirmation = rulebook.confirmed.find((cue) => cue.regex.test(sentence.tagged));
  const sentenceUnconfirmed = rulebook.unconfirmed.find((cue) => cue.regex.test(sentence.tagged));

  anchors.forEach((anchor, index) => {
    // Members of one quantity list ("added 41,250 and 118,600 SOL, respectively") share one clause.
    const list = anchor.quantity.list;
    const members = list ? anchors.filter((other) => other.quantity.list?.id === list.id) : [anchor];
    const { subjectStart } = clauseOf(sentence, anchors, anchors.indexOf(members[0]), placed);
    const { tailEnd } = clauseOf(sentence, anchors, anchors.indexOf(members.at(-1)!), placed);
    const subject = sentence.tagged.slice(subjectStart, members[0].start);
    const reject = () => void rejected.add(anchor);
    if (anchor.continues && rejected.has(anchor.continues)) return reject();
    const modal = rulebook.notAnEvent.find((cue) => cue.regex.test(subject) || cue.regex.test(sentence.tagged.slice(anchor.start, anchor.end)));
    if (modal) return reject();
    const subjectTail = afterLastReference(subject, rulebook);
    const individual = rulebook.individualClause.find((cue) => cue.regex.test(cue.id.endsWith('-subject') ? subjectTail : sentence.tagged.slice(subjectStart, tailEnd)));
    if (individual) return reject();
    const provenance: Record<string, Evidence[]> = {};
    const rules = new Set<string>([anchor.rule]);
    const anchorEvidence = evidenceOf(anchor.start, anchor.end, anchor.rule);
    provenance.action = [anchorEvidence];
    provenance.quantity = [{ text: anchor.quantity.text, start: base + anchor.quantity.start, end: base + anchor.quantity.end, rule: anchor.rule }];

    // Company: the pattern's own, the nearest named before the verb, "by/from X" after it, the context, compromise.
    const subjectCompanies = placed.filter((item) => item.chunk.type === 'C' && item.at >= subjectStart && item.at < members[0].start);
    const respectively = list && /\brespectively\b/i.test(sentence.tagged) && subjectCompanies.length === list.size;
    const inSubject = respectively ? subjectCompanies[list.index] : subjectCompanies.at(-1);
    const inTail = placed.find((item) => item.chunk.type === 'C' && item.at >= anchor.end && item.at < tailEnd && /\b(?:by|from)\s*$/i.test(sentence.tagged.slice(Math.max(0, item.at - 6), item.at)));
    let company: string | null = null;
    const companyItem = anchor.company ? placed.find((item) => item.chunk === anchor.company) : inSubject ?? inTail;
    const parent = anchor.continues ? companyOf.get(anchor.continues) : undefined;
    if (parent) {
      company = parent.company;
      provenance.company = [{ ...parent.evidence, rule: 'company.same-as-compared-figure' }];
    } else if (companyItem) {
      company = companyItem.chunk.company!;
      const named = companyItem === inTail ? 'company.by-or-from' : 'company.named';
      // A company no lexicon lists carries the shape that recognised it on this page ("org.legal-suffix").
      provenance.company = [chunkEvidence(companyItem, companyItem.chunk.rule?.startsWith('org.') ? companyItem.chunk.rule : named)];
    } else if (zone === 'body' && unknownProperSubject(subjectTail)) {
      // "Frankfurt-listed Samara Asset Group bought ...": a company the lexicon does not know is the
      // subject; carrying the previous company over would misattribute the transaction.
      return;
    } else if (zone === 'body' && contextCompany(context)) {
      company = contextCompany(context);
      const rule = context.lastCompany ? 'company.context-last-named' : 'company.context-section-heading';
      provenance.company = [{ ...anchorEvidence, rule }];
    } else {
      const organization = fallbackOrganization(sentence.text);
      if (organization) {
        company = organization.name;
        provenance.company = [{ text: organization.name, start: base + organization.start, end: base + organization.start + organization.name.length, rule: 'company.compromise-organization' }];
      }
    }
    if (!company) return;
    companyOf.set(anchor, { company, evidence: provenance.company[0] });
    rules.add(provenance.company[0].rule);

    const clause = sentence.tagged.slice(anchor.start, tailEnd);
    const clauseOffset = anchor.start;
    let unitPriceText: string | null = null;
    let totalText: string | null = null;
    for (const rule of rulebook.money) {
      for (const match of allMatches(rule.regex, clause)) {
        const slot = [...rule.slots.entries()].find(([name]) => match.groups?.[name] !== undefined);
        if (!slot) continue;
        const item = placed.filter((candidate) => candidate.chunk.type === 'M')[Number(match.groups![slot[0]])];
        if (!item) continue;
        if (rule.role === 'unit_price' && !unitPriceText && item.chunk.text !== totalText) {
          unitPriceText = item.chunk.text;
          provenance.unit_price_usd = [chunkEvidence(item, rule.id)];
          rules.add(rule.id);
        } else if (rule.role === 'total' && !totalText && item.chunk.text !== unitPriceText) {
          totalText = item.chunk.text;
          provenance.total_usd = [chunkEvidence(item, rule.id)];
          rules.add(rule.id);
        }
      }
    }

    let holdingsBeforeText: string | null = null;
    let holdingsAfterText: string | null = null;
    for (const finding of holdings) {
      const at = placed.find((item) => item.chunk === finding.quantity)?.at ?? -1;
      // In the anchor's clause, or in a later clause no other transaction opens ("added 2,500 BTC; stack now 717,310 BTC").
      const laterClause = at >= tailEnd && !anchors.some((other) => other.start > anchor.start && other.start < at);
      if (at < subjectStart || (at >= tailEnd && !laterClause)) continue;
      const evidence = chunkEvidence({ chunk: finding.quantity, at }, finding.rule);
      if (finding.role === 'before' && !holdingsBeforeText) [holdingsBeforeText, provenance.holdings_before] = [finding.quantity.text, [evidence]];
      if (finding.role === 'after' && !holdingsAfterText) [holdingsAfterText, provenance.holdings_after] = [finding.quantity.text, [evidence]];
      rules.add(finding.rule);
    }

    const dateTexts: Mention['dateTexts'] = [];
    let contextYear: number | null = null;
    for (const item of placed) {
      if (item.chunk.type !== 'D') continue;
      if (item.at < anchor.start && /\b(?:19|20)\d{2}\b/.test(item.chunk.text)) contextYear = Number(/\b(?:19|20)\d{2}\b/.exec(item.chunk.text)![0]);
      if (item.at < subjectStart || item.at >= tailEnd) continue;
      // "holdings of 13,351 BTC as of February 28": the date of a balance, not of the transaction.
      if (/\bas (?:of|at)\s*$/i.test(sentence.tagged.slice(Math.max(0, item.at - 8), item.at))) continue;
      // A related headline was published on its own day: "over the weekend" there is not this page's weekend.
      if (zone === 'related' && RELATIVE_DATE_KINDS.has(item.chunk.date!.kind)) continue;
      const earlierHere = placed.filter((other) => other.chunk.type === 'D' && other.at < item.at && other.chunk.date!.kind !== 'year').at(-1);
      const referent = earlierHere?.chunk.date ?? context.lastDate;
      const phrase = item.chunk.date!.kind === 'same' && referent ? referentText(referent, item.chunk.date!) : item.chunk.text;
      const near = sentence.tagged.slice(Math.max(subjectStart, item.at - 45), Math.min(anchor.start, item.at + item.chunk.text.length + 45));
      // Said on a day: before the transaction ("said on Monday it bought"), or after a disclosure verb that
      // follows it ("added 839 BTC in the fourth quarter, the company said in its letter on Thursday").
      const saidBefore = item.at < anchor.start && DISCLOSURE.test(near);
      const saidAfter = item.at >= anchor.end && DISCLOSURE.test(sentence.tagged.slice(anchor.end, item.at));
      const kind = saidBefore || saidAfter ? 'announced' : 'executed';
      dateTexts.push({ text: phrase, kind, start: base + item.chunk.start });
      (provenance.date ??= []).push(chunkEvidence(item, kind === 'announced' ? 'date.announced-near-disclosure' : 'date.in-clause'));
    }
    // A table row's figure is dated by its column's header ("Metric | February 2026 | January 2026").
    const columnDate = anchor.column !== undefined ? context.tableColumns?.[anchor.column] ?? null : null;
    if (dateTexts.length === 0 && columnDate) {
      dateTexts.push({ text: columnDate.text, kind: 'executed', start: base });
      (provenance.date ??= []).push({ ...anchorEvidence, rule: 'date.table-column-header' });
    }
    if (dateTexts.length === 0 && zone === 'body' && context.sectionYear) {
      dateTexts.push({ text: String(context.sectionYear), kind: 'context', start: base });
      (provenance.date ??= []).push({ ...anchorEvidence, rule: 'date.section-year' });
    }

    const purposes = new Set<Purpose>();
    const implied = rulebook.purposeByVerb.get(anchor.word.toLowerCase());
    if (implied) {
      purposes.add(implied);
      (provenance.purpose ??= []).push({ ...anchorEvidence, rule: `purpose.implied-by-verb` });
    }
    const clauseText = sentence.text.slice(sentence.toOriginal(clauseOffset), sentence.toOriginal(tailEnd));
    const clauseStartInSentence = sentence.toOriginal(clauseOffset);
    // What the money was for belongs to the sentence's own transaction, not to the background one
    // ("sold all 520 BTC it mined ..., using the proceeds to fund ..." funds nothing by mining).
    for (const cue of anchor.secondary ? [] : rulebook.purposeCues) {
      const match = cue.regex.exec(clauseText);
      if (!match) continue;
      purposes.add(cue.category);
      const start = base + clauseStartInSentence + match.index;
      (provenance.purpose ??= []).push({ text: match[0], start, end: start + match[0].length, rule: cue.id });
    }

    let status: Status = anchor.action === 'transfer' ? 'unconfirmed' : anchor.action === 'mine' ? 'confirmed' : 'reported';
    if (zone === 'body' && anchor.status) status = anchor.status;
    if (zone === 'related' || zone === 'heading') status = anchor.action === 'transfer' ? 'unconfirmed' : 'reported';
    if (sentenceHasConfirmation && zone === 'body') status = 'confirmed';
    if (sentenceUnconfirmed) status = 'unconfirmed';
    const patternStatus = zone === 'body' && anchor.status ? `status.${anchor.rule}` : null;
    const statusRule = sentenceUnconfirmed?.id ?? (sentenceHasConfirmation && zone === 'body' ? sentenceHasConfirmation.id : patternStatus ?? `status.default-${anchor.action}-${zone}`);
    provenance.status = [{ ...anchorEvidence, rule: statusRule }];

    for (const evidences of Object.values(provenance)) for (const evidence of evidences) rules.add(evidence.rule);
    mentions.push({
      ordinal: state.ordinalBase + mentions.length,
      zone,
      sentence: sentence.text,
      sentenceStart: base,
      action: anchor.action,
      company,
      ticker: state.organizations.bySpelling.get(lookupKey(company))?.ticker ?? null,
      asset: anchor.asset!,
      quantityText: anchor.quantity.text,
      unitPriceText,
      totalText,
      holdingsBeforeText,
      holdingsAfterText,
      purposes: [...purposes],
      dateTexts,
      contextYear,
      status,
      provenance,
      rules: [...rules],
    });
  });
  return mentions;
}

/** "the same month" / "during the month" read as the month of the date it refers to; "the same day" as that day. */
function referentText(referent: DatePhrase, same: DatePhrase): string {
  const unit = same.groups.unit ?? same.groups.unit2 ?? same.groups.unit3;
  if (unit === 'day' || !referent.groups.m1 || referent.kind === 'month' || referent.kind === 'monthRange') return referent.text;
  return `${referent.groups.m1}${referent.groups.y ? ` ${referent.groups.y}` : referent.groups.y1 ? ` ${referent.groups.y1}` : ''}`;
}

/** The part of a subject after the last company name or pronoun: who acts, if not the company. */
function afterLastReference(subject: string, rulebook: Rulebook): string {
  let cut = 0;
  for (const match of subject.matchAll(/⟦C\d+⟧/g)) cut = match.index! + match[0].length;
  for (const match of subject.matchAll(new RegExp(rulebook.companyPronoun.source, 'gi'))) cut = Math.max(cut, match.index! + match[0].length);
  return subject.slice(cut);
}

const NOT_A_NAME = /^(?:The|A|An|In|On|At|By|For|From|After|Before|Since|During|Over|Last|This|That|Its|Their|Meanwhile|However|Still|Also|But|And|Data|Bitcoin|Ether|Ethereum|Solana|January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/;
/** A name-like run of capitalised words (or one CamelCase word) that is not a known company. */
function unknownProperSubject(subjectTail: string): boolean {
  for (const match of subjectTail.matchAll(/\b[A-Z][\w&.-]*(?:\s+(?:[A-Z][\w&.-]*|&))*/g)) {
    const words = match[0].split(/\s+/).filter((word) => !NOT_A_NAME.test(word));
    if (words.length >= 2 || (words.length === 1 && /^[A-Z][a-z]+[A-Z]\w*$/.test(words[0]))) return true;
  }
  return false;
}

function dominantAsset(text: string, rulebook: Rulebook): string | null {
  const counts = new Map<string, number>();
  const regex = new RegExp(`\\b(?:${rulebook.assetNamesSource})\\b`, 'gi');
  for (const match of allMatches(regex, text)) {
    const symbol = rulebook.assetByName.get(match[0].toLowerCase())?.symbol;
    if (symbol) counts.set(symbol, (counts.get(symbol) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}
