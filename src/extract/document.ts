import { FIGURE_TOKEN, TOKEN_CLOSE } from '../rulebook/chunkToken.js';
import type { Rulebook } from '../rulebook/compile.js';
import { parseMoney, usesEuropeanNumbers } from '../normalize/numbers.js';
import { allMatches, lookupKey } from '../rulebook/regex.js';
import type { Article, Zone } from '../schema/document.js';
import type { Evidence, Mention } from '../schema/mention.js';
import { findAnchors, findHoldings, type Anchor, type HoldingsFinding } from './anchors.js';
import { applyAsides, asideOf, type Aside } from './asides.js';
import { isShared, tagModeFor, tagSentence, type TaggedSentence } from './chunks.js';
import { clauseOf, placeChunks, type PlacedChunk } from './clauses.js';
import { COMPARISON, newReadingContext, noteCompanies, updateContext, type ReadingContext } from './context.js';
import { resolveFields } from './fields/index.js';
import { readFigures, UNREAD_FIGURES } from './figures.js';
import { findPageOrganizations, type PageOrganizations } from './organizations.js';
import { splitSentences } from './sentences.js';
import { applyTreasuryContext } from './treasury.js';

/** A transaction referred back to ("the sale", "this move"). */
const REFERS_BACK = String.raw`\b(?:the|this) (?:move|sale|proceeds|transaction|deal|divestment|liquidation|purchase|acquisition)\b`;
/** Words that confirm or source what another sentence says. */
const SAYS_SO = String.raw`\b(?:confirmed|disclosed|announced|referred to|described|called|framed|according to|statement|released|filing)\b`;
/** Cheap test that a sentence may matter at all (a digit, or one of the above): most sentences are skipped here. */
const WORTH_TAGGING = new RegExp([String.raw`\d`, REFERS_BACK, String.raw`\bsales\b`, SAYS_SO].join('|'), 'i');

interface SentenceState {
  article: Article;
  rulebook: Rulebook;
  zone: Zone;
  base: number;
  ordinalBase: number;
  sentenceIndex: number;
  organizations: PageOrganizations;
}

/**
 * Whether any sentence could state a transaction: every event pattern needs an action word and a
 * figure (a quantity or a table number, both written with digits) in one sentence. Most pages of
 * a news archive have no such sentence (72% of the bench corpus); they are read no further. The
 * same lines and sentences as the reading below, so the answer is exact, not a heuristic.
 */
function mayStateTransaction(article: Article, rulebook: Rulebook): boolean {
  for (const line of article.lines) {
    if (line.zone === 'boilerplate' || !/\d/.test(line.text) || !rulebook.anyActionWord.test(line.text)) continue;
    for (const sentence of splitSentences(line.text))
      if (/\d/.test(sentence.text) && rulebook.anyActionWord.test(sentence.text)) return true;
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
  for (const [lineIndex, line] of article.lines.entries()) {
    if (line.zone === 'boilerplate') continue;
    context.line = lineIndex;
    for (const sentence of splitSentences(line.text)) {
      const state: SentenceState = {
        article,
        rulebook,
        zone: line.zone,
        base: line.start + sentence.start,
        ordinalBase: mentions.length,
        sentenceIndex: sentenceIndex++,
        organizations,
      };
      const hasActionWord = rulebook.anyActionWord.test(sentence.text);
      const mayMatter = hasActionWord || WORTH_TAGGING.test(sentence.text);
      if (!mayMatter) {
        if (line.zone !== 'related') noteCompanies(sentence.text, rulebook, context, line.zone, organizations);
        continue;
      }
      // Coins or tokens the sentence does not name are its one named asset's ("Kestrel, which keeps
      // ether in its treasury, sold $12 million of its tokens"), else the page's.
      const sentenceAsset = soleAsset(sentence.text, rulebook) ?? defaultAsset;
      const tagged = tagSentence(
        sentence.text,
        rulebook,
        tagModeFor(sentence.text, rulebook, hasActionWord),
        organizations,
        sentenceAsset,
      );
      const { holdings, anchors } = readingOf(tagged, rulebook, hasActionWord, sentenceAsset);
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
  applyAsides(mentions, asides, rulebook);
  applyTreasuryContext(mentions, article, rulebook);
  shareTradeLegs(mentions, rulebook);
  // Every text is final now: its figures are read once, with the page's number convention.
  const european = usesEuropeanNumbers(article.text);
  return withoutDisowned(foldValueOnly(mentions, rulebook), article, rulebook).map(
    ({ sentenceIndex: _unused, ...mention }, ordinal) => ({
      ...mention,
      ordinal,
      figures: readFigures(mention, rulebook, european),
    }),
  );
}

/**
 * A tagged sentence's holdings and anchors. Tagging is shared by the pages that repeat a sentence
 * (chunks.ts), so for such a sentence these are found once per reading, not once per page; no
 * caller changes them.
 */
interface Reading {
  hasActionWord: boolean;
  sentenceAsset: string | null;
  holdings: HoldingsFinding[];
  anchors: Anchor[];
}
const readings = new WeakMap<TaggedSentence, Reading[]>();

function readingOf(
  tagged: TaggedSentence,
  rulebook: Rulebook,
  hasActionWord: boolean,
  sentenceAsset: string | null,
): Reading {
  const kept = isShared(tagged) ? readings.get(tagged) : undefined;
  const known = kept?.find(
    (reading) => reading.hasActionWord === hasActionWord && reading.sentenceAsset === sentenceAsset,
  );
  if (known) return known;
  // Holdings need a coin figure; a transaction a coin figure or, value-only, an amount of money.
  const hasFigure = tagged.chunks.some((chunk) => chunk.type === 'Q' || chunk.type === 'N');
  const holdings = hasFigure ? findHoldings(tagged, rulebook) : [];
  // Every event pattern has an action word.
  const anchors =
    hasActionWord && (hasFigure || tagged.chunks.some((chunk) => chunk.type === 'M'))
      ? findAnchors(tagged, rulebook, new Set(holdings.map((finding) => finding.quantity)), sentenceAsset)
      : [];
  const reading = { hasActionWord, sentenceAsset, holdings, anchors };
  if (kept) kept.push(reading);
  else if (isShared(tagged)) readings.set(tagged, [reading]);
  return reading;
}

/**
 * The transactions one sentence states: for each anchor, its clause, then its fields (resolved in
 * the order src/extract/fields/index.ts declares), unless the clause makes it a non-event.
 */
function mentionsOf(
  sentence: TaggedSentence,
  anchors: Anchor[],
  holdings: HoldingsFinding[],
  context: ReadingContext,
  state: SentenceState,
): Mention[] {
  const { rulebook, zone, base } = state;
  const placed = placeChunks(sentence);
  const mentions: Mention[] = [];
  // A figure that continues a rejected one ("expect purchases of 60,000 BTC, down from 200,000") goes with it.
  const rejected = new Set<Anchor>();
  const companyOf = new Map<Anchor, { company: string; evidence: Evidence }>();
  /** the date phrase each transaction was told with: a figure compared with it is no later */
  const dateOf = new Map<Anchor, string | undefined>();
  const evidenceOf = (start: number, end: number, rule: string): Evidence => {
    const from = sentence.toOriginal(start);
    const to = sentence.toOriginal(end);
    return { text: sentence.text.slice(from, to), start: base + from, end: base + to, rule };
  };
  const chunkEvidence = (item: PlacedChunk, rule: string): Evidence => ({
    text: item.chunk.text,
    start: base + item.chunk.start,
    end: base + item.chunk.end,
    rule,
  });

  for (const anchor of anchors) {
    // Members of one quantity list ("added 41,250 and 118,600 SOL, respectively") share one clause.
    const list = anchor.quantity.list;
    const members = list ? anchors.filter((other) => other.quantity.list?.id === list.id) : [anchor];
    const { subjectStart } = clauseOf(sentence, anchors, anchors.indexOf(members[0]), placed);
    const { tailEnd } = clauseOf(sentence, anchors, anchors.indexOf(members.at(-1)!), placed);
    const subject = sentence.tagged.slice(subjectStart, members[0].start);
    if (anchor.continues && rejected.has(anchor.continues)) {
      rejected.add(anchor);
      continue;
    }
    const subjectTail = afterLastReference(subject, rulebook);
    const aroundFigure = figureWindow(sentence, placed, anchor);
    const modal = rulebook.notAnEvent.find((cue) =>
      cue.scope === 'figure'
        ? cue.regex.test(aroundFigure)
        : cue.regex.test(subject) || cue.regex.test(sentence.tagged.slice(anchor.start, anchor.end)),
    );
    const individual = rulebook.individualClause.find((cue) =>
      cue.regex.test(cue.scope === 'subject' ? subjectTail : sentence.tagged.slice(subjectStart, tailEnd)),
    );
    if (modal || individual) {
      rejected.add(anchor);
      continue;
    }
    const anchorEvidence = evidenceOf(anchor.start, anchor.end, anchor.rule);
    const draft = resolveFields({
      rulebook,
      sentence,
      placed,
      anchors,
      anchor,
      holdings,
      context,
      organizations: state.organizations,
      zone,
      base,
      subjectStart,
      tailEnd,
      subjectEnd: members[0].start,
      subjectTail,
      parentCompany: anchor.continues ? companyOf.get(anchor.continues) : undefined,
      anchorEvidence,
      evidenceOf,
      chunkEvidence,
    });
    if (!draft) continue;
    companyOf.set(anchor, { company: draft.company!, evidence: draft.provenance.company[0] });
    dateOf.set(anchor, draft.dateTexts.find((dateText) => dateText.kind === 'executed')?.text);
    // Only a comparison ("down from", "against", "versus"), not a list ("100 BTC on March 2 and 50 BTC on March 9").
    const compared = anchor.continues && COMPARISON.test(sentence.tagged.slice(anchor.continues.end, anchor.end));
    const comparedWith = compared ? dateOf.get(anchor.continues!) : undefined;
    if (comparedWith)
      draft.dateTexts = draft.dateTexts.map((dateText) =>
        dateText.kind === 'executed' && dateText.text !== comparedWith
          ? { ...dateText, notAfter: comparedWith }
          : dateText,
      );
    // A value-only figure is the total: the money the transaction moved, no coin count.
    const figure = {
      text: anchor.quantity.text,
      start: base + anchor.quantity.start,
      end: base + anchor.quantity.end,
      rule: anchor.rule,
    };
    if (anchor.valueOnly) [draft.totalText, draft.provenance.total_usd] = [anchor.quantity.text, [figure]];
    const provenance = {
      action: [anchorEvidence],
      ...(anchor.valueOnly ? {} : { quantity: [figure] }),
      ...draft.provenance,
    };
    const rules = new Set<string>([
      anchor.rule,
      ...Object.values(provenance)
        .flat()
        .map((evidence) => evidence.rule),
    ]);
    mentions.push({
      ordinal: state.ordinalBase + mentions.length,
      zone,
      sentence: sentence.text,
      sentenceStart: base,
      action: anchor.action,
      company: draft.company,
      ticker: draft.ticker,
      asset: anchor.asset!,
      quantityText: anchor.valueOnly ? null : anchor.quantity.text,
      unitPriceText: draft.unitPriceText,
      totalText: draft.totalText,
      holdingsBeforeText: draft.holdingsBeforeText,
      holdingsAfterText: draft.holdingsAfterText,
      figures: UNREAD_FIGURES,
      purposes: draft.purposes,
      dateTexts: draft.dateTexts,
      contextYear: draft.contextYear,
      status: draft.status,
      provenance,
      rules: [...rules],
    });
  }
  return mentions;
}

/**
 * The words around the anchor's own figure, written ⟦F⟧ ("an average daily production of ⟦F⟧",
 * "⟦F⟧ per day"), for cues of scope figure: another figure of the sentence is not this one.
 */
function figureWindow(sentence: TaggedSentence, placed: PlacedChunk[], anchor: Anchor): string {
  const at = placed.find((item) => item.chunk === anchor.quantity)?.at;
  if (at === undefined) return '';
  const end = sentence.tagged.indexOf(TOKEN_CLOSE, at) + 1;
  return `${sentence.tagged.slice(Math.max(0, at - 60), at)}${FIGURE_TOKEN}${sentence.tagged.slice(end, end + 30)}`;
}

/**
 * A value-only report on a page that also tells the coins of one such transaction is that
 * transaction told by its value ("bought 52.4 BTC ... spent 800 million yen on bitcoin at ¥9.1
 * million per coin"): its value fills the total the coin report left empty, and it is not a second
 * transaction. Only when the page tells exactly one transaction of that company, action and asset,
 * and the two state neither different dates nor different sums.
 */
function foldValueOnly<M extends Mention>(mentions: M[], rulebook: Rulebook): M[] {
  const folded = new Set<M>();
  // One company under two spellings ("Bitfarms", "Bitfarms Ltd."): the lexicon's name when it has one.
  const companyOf = (mention: M) =>
    mention.company ? (rulebook.companyByAlias.get(lookupKey(mention.company))?.name ?? mention.company) : null;
  // Dates that name a day, month or year; "last week" and "in the past week" may be one week.
  const STATED = /\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\bquarter\b|\bQ[1-4]\b|\bhalf\b/i;
  const dateWords = (mention: M) =>
    new Set(
      mention.dateTexts
        .filter((date) => date.kind !== 'context' && STATED.test(date.text))
        .map((date) => date.text.toLowerCase()),
    );
  for (const valueOnly of mentions) {
    if (valueOnly.quantityText !== null || valueOnly.zone !== 'body') continue;
    const coins = mentions.filter(
      (other) =>
        other.quantityText !== null &&
        other.zone === 'body' &&
        companyOf(other) === companyOf(valueOnly) &&
        other.action === valueOnly.action &&
        other.asset === valueOnly.asset,
    );
    if (coins.length !== 1) continue;
    const [target] = coins;
    const [own, theirs] = [dateWords(valueOnly), dateWords(target)];
    if (own.size > 0 && theirs.size > 0 && ![...own].some((date) => theirs.has(date))) continue;
    // A different sum in the same currency is another transaction ("sold 12,100 ETH for $38.2 million";
    // "had offloaded $15 million of ETH earlier in the quarter"); the same sum, rounded, is this one again.
    if (!sameSum(valueOnly.totalText, target.totalText, rulebook)) continue;
    if (target.totalText === null && valueOnly.totalText !== null) {
      target.totalText = valueOnly.totalText;
      target.provenance.total_usd = valueOnly.provenance.total_usd ?? [];
    }
    const fill = (field: 'unitPriceText' | 'holdingsBeforeText' | 'holdingsAfterText', provenance: string) => {
      if (target[field] !== null || valueOnly[field] === null) return;
      target[field] = valueOnly[field];
      target.provenance[provenance] = valueOnly.provenance[provenance] ?? [];
    };
    fill('unitPriceText', 'unit_price_usd');
    fill('holdingsBeforeText', 'holdings_before');
    fill('holdingsAfterText', 'holdings_after');
    for (const purpose of valueOnly.purposes) if (!target.purposes.includes(purpose)) target.purposes.push(purpose);
    target.rules.push('fold.value-only-into-coins');
    folded.add(valueOnly);
  }
  return folded.size ? mentions.filter((mention) => !folded.has(mention)) : mentions;
}

/** Two sums that may be one: either unknown, in different currencies, or within 10% of each other. */
function sameSum(a: string | null, b: string | null, rulebook: Rulebook): boolean {
  const [x, y] = [a ? parseMoney(a, rulebook) : null, b ? parseMoney(b, rulebook) : null];
  if (!x || !y || x.currency !== y.currency) return true;
  return Math.abs(x.amount.value - y.amount.value) <= 0.1 * Math.max(x.amount.value, y.amount.value);
}

/**
 * The two sides of one trade (a counterparty's purchase and the seller's sale of the same coins on
 * the page) were done at one price for one sum: what either side's sentences state, the other has too.
 */
function shareTradeLegs(mentions: Mention[], rulebook: Rulebook): void {
  const digits = (text: string | null) => (text ?? '').replace(/\D/g, '');
  // The buyer's side: a purchase found by a pattern marked counterparty (rules/patterns.yaml).
  for (const buyer of mentions.filter(
    (mention) => mention.action === 'buy' && mention.rules.some((rule) => rulebook.counterpartyRules.has(rule)),
  )) {
    const seller = mentions.find(
      (mention) =>
        mention.action === 'sell' &&
        mention.company !== buyer.company &&
        mention.asset === buyer.asset &&
        digits(mention.quantityText) === digits(buyer.quantityText) &&
        digits(buyer.quantityText) !== '',
    );
    if (!seller) continue;
    for (const [from, to] of [
      [seller, buyer],
      [buyer, seller],
    ] as const) {
      if (to.unitPriceText === null && from.unitPriceText !== null)
        [to.unitPriceText, to.provenance.unit_price_usd] = [from.unitPriceText, from.provenance.unit_price_usd ?? []];
      if (to.totalText === null && from.totalText !== null)
        [to.totalText, to.provenance.total_usd] = [from.totalText, from.provenance.total_usd ?? []];
    }
  }
}

/**
 * Movements observers read off the chain (status unconfirmed) for a company the page says the wallet
 * does not belong to ("the label was wrong: the address is not Kestrel's") are not that company's
 * transactions. A disowning sentence speaks of the companies it names, else of every
 * company with inferred movements on the page.
 */
function withoutDisowned<M extends Mention>(mentions: M[], article: Article, rulebook: Rulebook): M[] {
  if (rulebook.disowns.length === 0 || !mentions.some((mention) => mention.status === 'unconfirmed')) return mentions;
  const disowning = article.lines
    .filter((line) => line.zone !== 'related')
    .flatMap((line) => splitSentences(line.text))
    .map((sentence) => sentence.text)
    .filter((text) => rulebook.disowns.some((cue) => cue.regex.test(text)));
  if (disowning.length === 0) return mentions;
  const spoken = (company: string) => {
    // The name's first word, past a leading "The" ("The Blockchain Group" is spoken of as "Blockchain").
    const key = company
      .replace(/^the\s+/i, '')
      .split(/[\s,]+/)[0]
      .toLowerCase();
    return disowning.some((text) => text.toLowerCase().includes(key));
  };
  const namesAny = mentions.some((mention) => mention.company && spoken(mention.company));
  return mentions.filter(
    (mention) => !(mention.status === 'unconfirmed' && mention.company && (!namesAny || spoken(mention.company))),
  );
}

/** The part of a subject after the last company name or pronoun: who acts, if not the company. */
function afterLastReference(subject: string, rulebook: Rulebook): string {
  let cut = 0;
  for (const match of subject.matchAll(/⟦C\d+⟧/g)) cut = match.index! + match[0].length;
  for (const match of subject.matchAll(new RegExp(rulebook.companyPronoun.source, 'gi')))
    cut = Math.max(cut, match.index! + match[0].length);
  return subject.slice(cut);
}

/** The one asset a sentence names, or null when it names none or several. */
function soleAsset(text: string, rulebook: Rulebook): string | null {
  let found: string | null = null;
  for (const match of allMatches(assetNames(rulebook), text)) {
    const symbol = rulebook.assetByName.get(match[0].toLowerCase())?.symbol;
    if (!symbol) continue;
    if (found && found !== symbol) return null;
    found = symbol;
  }
  return found;
}

const assetNameRegex = new WeakMap<Rulebook, RegExp>();
const assetNames = (rulebook: Rulebook) => {
  let regex = assetNameRegex.get(rulebook);
  if (!regex) assetNameRegex.set(rulebook, (regex = new RegExp(`\\b(?:${rulebook.assetNamesSource})\\b`, 'gi')));
  return regex;
};

function dominantAsset(text: string, rulebook: Rulebook): string | null {
  const counts = new Map<string, number>();
  for (const match of allMatches(assetNames(rulebook), text)) {
    const symbol = rulebook.assetByName.get(match[0].toLowerCase())?.symbol;
    if (symbol) counts.set(symbol, (counts.get(symbol) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}
