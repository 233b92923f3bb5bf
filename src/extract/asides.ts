/**
 * Asides: sentences without a transaction of their own that still say something about one (its
 * purpose, its date, holdings, a confirmation), and how they find the transaction they speak of.
 */
import { lowerBound } from '../lowerBound.js';
import type { CompiledCue, Rulebook } from '../rulebook/compile.js';
import { allMatches, lookupKey } from '../rulebook/regex.js';
import type { Action, Evidence, Mention, Purpose } from '../schema/mention.js';
import type { HoldingsFinding } from './anchors.js';
import { readSlots } from '../rulebook/template.js';
import { parseAmount } from '../normalize/numbers.js';
import { chunkOf, type TaggedSentence } from './chunks.js';
import { contextCompany, type ReadingContext } from './context.js';

/** Something said about an earlier (or later) transaction: purposes, holdings, confirmation. */
export interface Aside {
  sentenceIndex: number;
  company: string | null;
  action: Action | null;
  purposes: { category: Purpose; evidence: Evidence }[];
  dates: { text: string; evidence: Evidence }[];
  holdings: { role: 'before' | 'after'; text: string; evidence: Evidence }[];
  /** a price or total told after the transaction ("The company paid an average of $110.91 for each token") */
  money: { role: 'unit_price' | 'total'; text: string; evidence: Evidence }[];
  confirms: Evidence | null;
  confirmsAllOfPrevious: boolean;
  /** "these acquisitions": the sentence speaks of the whole of what was just told (its largest figure) */
  plural: boolean;
  /**
   * the company's own release, filing or update named as the page's source ("according to the
   * company's update, ..."): it vouches for all the company's transactions the page tells
   */
  sourcesPage: Evidence | null;
}

/** Where the aside's sentence is: its offset in the article and its place among the sentences. */
export interface AsideSite {
  rulebook: Rulebook;
  base: number;
  sentenceIndex: number;
}

/** A line that opens on the holdings verb, with no subject: a bullet of a company's own update. */
const SUBJECTLESS_HOLDINGS =
  /^[^\p{L}\d]*(?:held|holds|holding|ended the (?:month|quarter|year|period) with|closed the (?:month|quarter|year) with)\b/iu;

/** A sentence without a transaction of its own that still says something about one. */
export function asideOf(
  sentence: TaggedSentence,
  holdings: HoldingsFinding[],
  context: ReadingContext,
  state: AsideSite,
): Aside | null {
  const { rulebook, base } = state;
  const refersBack = rulebook.referenceNoun.test(sentence.text);
  // The subject speaks: "the company now holds 859,412 ETH ... behind Bitmine" is about the company
  // being read, not about Bitmine. A company named after a pronoun that opens the sentence is not its subject.
  const firstCompany = sentence.tagged.search(/⟦C\d+⟧/);
  const pronounAt = sentence.tagged.search(rulebook.companyPronounSubject);
  const named =
    firstCompany >= 0 && !(pronounAt >= 0 && pronounAt < firstCompany)
      ? (sentence.chunks.find((chunk) => chunk.type === 'C')?.company ?? null)
      : null;
  // A gerund ("mining sites", "selling pressure") rarely refers back to one transaction.
  const actionWords = allMatches(rulebook.everyActionWord, sentence.text).filter((match) => !/ing$/i.test(match[0]));
  const actionWord = actionWords[0] ?? null;
  // Nor does a bare noun state why ("its production and operations update ... data center
  // infrastructure"): a purpose needs a verb or a reference noun ("the sale") to belong to a transaction.
  const speaksOfOne = refersBack || actionWords.some((match) => !rulebook.nounOnlyActionWords.has(lookupKey(match[0])));
  const pronoun = rulebook.companyPronoun.test(sentence.text);
  // A price per coin with no one named ("The filing puts the average cost at $91,519 apiece") is the
  // price of the transaction just told.
  const hasMoney = sentence.chunks.some((chunk) => chunk.type === 'M');
  const pricedOnly =
    hasMoney &&
    !named &&
    !pronoun &&
    !refersBack &&
    rulebook.money.some((rule) => rule.role === 'unit_price' && sentence.tagged.search(rule.regex) >= 0);
  // A bullet with no subject in a company's update ("• Held 1,204 BTC as of June 30") speaks of that company.
  const subjectless = holdings.length > 0 && SUBJECTLESS_HOLDINGS.test(sentence.text);
  const company = named ?? (pronoun || refersBack || pricedOnly || subjectless ? contextCompany(context) : null);
  if (!company) return null;
  // A modal or a plan in a sentence that refers back to a transaction ("the sale will fund the build-out",
  // "the proceeds are intended to repay debt") speaks of what the money is for, not of a possible transaction.
  const blocks = (cue: CompiledCue) =>
    cue.aside === 'blocks' || (cue.aside === 'blocks-unless-refers-back' && !refersBack);
  if (rulebook.notAnEvent.some((cue) => blocks(cue) && cue.regex.test(sentence.tagged))) return null;
  const aside: Aside = {
    sentenceIndex: state.sentenceIndex,
    company,
    action: null,
    purposes: [],
    dates: [],
    holdings: [],
    money: [],
    confirms: null,
    confirmsAllOfPrevious: false,
    sourcesPage: null,
    plural: rulebook.pluralReference.test(sentence.text),
  };
  const whole = (rule: string): Evidence => ({
    text: sentence.text,
    start: base,
    end: base + sentence.text.length,
    rule,
  });
  if (refersBack || actionWord) {
    // "the proceeds" come from a sale; "the purchase" was a buy; otherwise the verb decides.
    const reference = rulebook.referenceNoun.exec(sentence.text)?.[0].toLowerCase() ?? '';
    const referenceAction = /proceeds|sale|divestment|liquidation|disposal/.test(reference)
      ? 'sell'
      : /purchase|acquisition/.test(reference)
        ? 'buy'
        : null;
    aside.action =
      referenceAction ?? (actionWord ? (rulebook.actionByWord.get(actionWord[0].toLowerCase()) ?? null) : null);
    for (const cue of speaksOfOne ? rulebook.purposeCues : []) {
      const match = cue.regex.exec(sentence.text);
      if (match)
        aside.purposes.push({
          category: cue.category,
          evidence: {
            text: match[0],
            start: base + match.index,
            end: base + match.index + match[0].length,
            rule: `reference.${cue.id}`,
          },
        });
    }
    // "The bitcoin was sold over Feb. 7-8": a finite action verb with a date dates the transaction.
    if (actionWord && !/^(?:sale|sales|purchase|acquisition|transfer|production|output|buy)$/i.test(actionWord[0])) {
      for (const chunk of sentence.chunks) {
        if (chunk.type === 'D' && chunk.date && chunk.date.kind !== 'year' && chunk.date.kind !== 'same')
          aside.dates.push({
            text: chunk.text,
            evidence: {
              text: chunk.text,
              start: base + chunk.start,
              end: base + chunk.end,
              rule: 'reference.date-of-action',
            },
          });
      }
    }
  }
  // Money beside coins of the sentence's own that are not holdings prices those coins ("came in
  // June 2021 - 4,100 BTC for $140 million at $34,100 per coin"), not an earlier transaction.
  const ownCoins = sentence.chunks.some(
    (chunk) => chunk.type === 'Q' && !holdings.some((finding) => finding.quantity === chunk),
  );
  if (hasMoney && !ownCoins && (refersBack || actionWord || pronoun || pricedOnly)) {
    for (const rule of rulebook.money) {
      // A total only where the sentence names the transaction ("the purchase cost $5 million"): other
      // money in a sentence about the company is as often a raise or a valuation.
      if (rule.role === 'total' && !refersBack) continue;
      for (const match of allMatches(rule.regex, sentence.tagged)) {
        // A holdings-wide average ("a cumulative average of $61,200", "total holdings ... at an average
        // of $58,900") in the money's own clause describes the treasury; elsewhere in the sentence
        // ("bought at an average of $81,400, bringing its total holdings to ...") it does not.
        const clause = clauseAround(sentence.tagged, match.index!, match.index! + match[0].length);
        if (rulebook.portfolioAverage.some((cue) => cue.regex.test(clause))) continue;
        const slot = readSlots(match, rule).find((candidate) => candidate.kind === 'M');
        const chunk = slot ? chunkOf(sentence, 'M', Number(slot.value)) : undefined;
        if (chunk && !aside.money.some((money) => money.role === rule.role))
          aside.money.push({
            role: rule.role,
            text: chunk.text,
            evidence: { text: chunk.text, start: base + chunk.start, end: base + chunk.end, rule: `aside.${rule.id}` },
          });
      }
    }
  }
  // Holdings belong to the company named last before them: "Kestrel joins large holders like
  // Nordwind (holding 52,220 BTC)" tells Nordwind's, not Kestrel's.
  const ownerOf = (finding: HoldingsFinding) => {
    let owner: string | null = null;
    for (const match of sentence.tagged.slice(0, finding.start).matchAll(/⟦C(\d+)⟧/g))
      owner = chunkOf(sentence, 'C', Number(match[1]))?.company ?? owner;
    return owner;
  };
  for (const finding of holdings.filter((candidate) => (ownerOf(candidate) ?? company) === company))
    aside.holdings.push({
      role: finding.role,
      text: finding.text,
      evidence: {
        text: finding.quantity.text,
        start: base + finding.quantity.start,
        end: base + finding.quantity.end,
        rule: `aside.${finding.rule}`,
      },
    });
  const previous = rulebook.confirmsPrevious.find((cue) => cue.regex.test(sentence.tagged));
  const speaker = rulebook.confirmed.find((cue) => cue.regex.test(sentence.tagged));
  const speaks =
    (refersBack || actionWord) && speaker && !rulebook.unconfirmed.some((cue) => cue.regex.test(sentence.tagged))
      ? speaker
      : null;
  if (previous)
    [aside.confirms, aside.confirmsAllOfPrevious] = [whole(previous.id), /\b(?:both|these|all)\b/i.test(sentence.text)];
  else if (speaks) aside.confirms = whole(`reference.${speaks.id}`);
  const source = rulebook.pageSources.find((cue) => cue.regex.test(sentence.tagged));
  if (source && !rulebook.unconfirmed.some((cue) => cue.regex.test(sentence.tagged)))
    aside.sourcesPage = whole(`page.${source.id}`);
  return aside.purposes.length ||
    aside.holdings.length ||
    aside.dates.length ||
    aside.money.length ||
    aside.confirms ||
    aside.sourcesPage
    ? aside
    : null;
}

/** The clause a span stands in: from the comma, semicolon or dash before it to the one after it. */
function clauseAround(tagged: string, start: number, end: number): string {
  const before = tagged.slice(0, start);
  const from =
    Math.max(before.lastIndexOf(', '), before.lastIndexOf('; '), before.lastIndexOf(' — '), before.lastIndexOf(' - ')) +
    1;
  const rest = tagged.slice(end).search(/, |; | — | - /);
  return tagged.slice(from, rest < 0 ? tagged.length : end + rest);
}

/**
 * Attaches asides to the transaction they speak of: same company (and action when the aside
 * names one); the one told last before the aside, or, for an aside that comes first (key
 * takeaways), the first one after it.
 */
export function applyAsides(mentions: (Mention & { sentenceIndex: number })[], asides: Aside[], rulebook: Rulebook) {
  const hedgeAtStart = new RegExp(`^\\s*(?:${rulebook.hedgeSource})\\b`, 'i');
  const hedged = (text: string) => hedgeAtStart.test(text) || /\d\+/.test(text);
  // Candidates are indexed once per company and action, and each sentence's mentions once: looking
  // them up per aside was quadratic (and the prominence of each candidate cubic) on long pages.
  const candidatesOf = candidateLists(mentions);
  const bySentence = new Map<number, (Mention & { sentenceIndex: number })[]>();
  for (const mention of mentions) {
    const list = bySentence.get(mention.sentenceIndex);
    if (list) list.push(mention);
    else bySentence.set(mention.sentenceIndex, [mention]);
  }
  const filledByEarlierAside = new Map<Mention, Set<string>>();
  const sourcedCompanies = new Set<string | null>();
  for (const aside of asides) {
    // The company's own release as the page's source vouches for every transaction of the company
    // the page tells, before or after it, that only the press reported.
    if (aside.sourcesPage && !sourcedCompanies.has(aside.company)) {
      // Once per company: a page can name its source in every paragraph.
      sourcedCompanies.add(aside.company);
      for (const mention of candidatesOf(aside.company, null).items) {
        if (mention.status !== 'reported') continue;
        mention.status = 'confirmed';
        mention.provenance.status = [aside.sourcesPage];
        mention.rules.push(aside.sourcesPage.rule);
      }
    }
    const { items: candidates, best } = candidatesOf(aside.company, aside.action);
    if (candidates.length === 0) continue;
    const before = countBefore(candidates, aside.sentenceIndex);
    // Of the transactions told before the aside, the one the page returns to most (ties go to the
    // latest); "these acquisitions" speaks of the whole: the largest told in the sentences just before.
    const target =
      (aside.plural && largestRecent(candidates, before, aside.sentenceIndex, rulebook)) ||
      (before > 0 ? candidates[best[before - 1]] : candidates[0]);
    for (const purpose of aside.purposes) {
      if (!target.purposes.includes(purpose.category)) target.purposes.push(purpose.category);
      (target.provenance.purpose ??= []).push(purpose.evidence);
      target.rules.push(purpose.evidence.rule);
    }
    for (const date of aside.dates) {
      target.dateTexts.push({ text: date.text, kind: 'executed', start: date.evidence.start });
      (target.provenance.date ??= []).push(date.evidence);
      target.rules.push(date.evidence.rule);
    }
    for (const holding of aside.holdings) {
      const field = holding.role === 'before' ? 'holdingsBeforeText' : 'holdingsAfterText';
      // Holdings told after the transaction ("the purchase brings its total to 61,240 BTC") say more
      // about it than a milestone told before it ("the first company to hold over 60,000 BTC").
      const filledBefore = filledByEarlierAside.get(target)?.has(field) ?? false;
      // An exact figure says more than a bound ("above 1.4 million SOL" then "1.46 million tokens").
      const refines = target[field] !== null && hedged(target[field]!) && !hedged(holding.text);
      if (target[field] !== null && !refines && !(filledBefore && aside.sentenceIndex > target.sentenceIndex)) continue;
      if (aside.sentenceIndex < target.sentenceIndex)
        filledByEarlierAside.set(target, (filledByEarlierAside.get(target) ?? new Set()).add(field));
      else filledByEarlierAside.get(target)?.delete(field);
      target[field] = holding.text;
      target.provenance[holding.role === 'before' ? 'holdings_before' : 'holdings_after'] = [holding.evidence];
      target.rules.push(holding.evidence.rule);
    }
    // A price or total told after the transaction fills only what its own sentence left empty.
    for (const money of aside.money) {
      const [field, provenanceField] =
        money.role === 'unit_price'
          ? (['unitPriceText', 'unit_price_usd'] as const)
          : (['totalText', 'total_usd'] as const);
      if (target[field] !== null) continue;
      target[field] = money.text;
      target.provenance[provenanceField] = [money.evidence];
      target.rules.push(money.evidence.rule);
    }
    if (aside.confirms) {
      const confirmed = aside.confirmsAllOfPrevious ? (bySentence.get(aside.sentenceIndex - 1) ?? []) : [target];
      for (const mention of confirmed.length ? confirmed : [target]) {
        if (mention.status === 'unconfirmed') continue;
        mention.status = 'confirmed';
        mention.provenance.status = [aside.confirms];
        mention.rules.push(aside.confirms.rule);
      }
    }
  }
}

/**
 * The body mentions an aside may speak of (same company, and action when the aside names one), in
 * order, with best[i] the index of the most prominent among the first i + 1: the one the page
 * returns to most (same company, action and figure), ties going to the latest. Built once per key.
 */
function candidateLists<M extends Mention & { sentenceIndex: number }>(mentions: M[]) {
  const figureKey = (mention: M) =>
    `${mention.company}\u0000${mention.action}\u0000${(mention.quantityText ?? mention.totalText ?? '').replace(/\D/g, '')}`;
  const counts = new Map<string, number>();
  for (const mention of mentions) counts.set(figureKey(mention), (counts.get(figureKey(mention)) ?? 0) + 1);
  const weight = new Map<M, number>(mentions.map((mention) => [mention, counts.get(figureKey(mention))!]));
  const lists = new Map<string, { items: M[]; best: number[] }>();
  return (company: string | null, action: Action | null) => {
    const key = `${company}\u0000${action}`;
    let list = lists.get(key);
    if (!list) {
      const items = mentions.filter(
        (mention) =>
          mention.zone === 'body' && mention.company === company && (action === null || mention.action === action),
      );
      const best: number[] = [];
      items.forEach((mention, index) =>
        best.push(index > 0 && weight.get(mention)! < weight.get(items[best[index - 1]])! ? best[index - 1] : index),
      );
      list = { items, best };
      lists.set(key, list);
    }
    return list;
  };
}

/**
 * Of the first `before` candidates (in sentence order), the one with the largest coin count told in
 * the few sentences before `sentenceIndex`, if any. Walks back from the aside: never the whole page.
 */
function largestRecent<M extends Mention & { sentenceIndex: number }>(
  candidates: M[],
  before: number,
  sentenceIndex: number,
  rulebook: Rulebook,
): M | null {
  let largest: M | null = null;
  let largestValue = -1;
  for (
    let index = before - 1;
    index >= 0 && sentenceIndex - candidates[index].sentenceIndex <= RECENT_SENTENCES;
    index--
  ) {
    const mention = candidates[index];
    const value = mention.quantityText ? (parseAmount(mention.quantityText, rulebook)?.value ?? -1) : -1;
    if (value > largestValue) [largest, largestValue] = [mention, value];
  }
  return largest;
}
const RECENT_SENTENCES = 4;

/** How many of the mentions (in sentence order) come before the sentence. */
const countBefore = (mentions: readonly { sentenceIndex: number }[], sentenceIndex: number) =>
  lowerBound(mentions, (mention) => mention.sentenceIndex < sentenceIndex);
