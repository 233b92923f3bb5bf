import type { Rulebook } from '../rulebook/compile.js';
import { allMatches, alternation, lookupKey } from '../rulebook/regex.js';
import { NUMBER } from '../normalize/numbers.js';
import { chunkToken, type ChunkType } from '../rulebook/template.js';
import { findDatePhrases, type DatePhrase } from './datePhrases.js';
import { NO_ORGANIZATIONS, type PageOrganizations } from './organizations.js';

/** A recognised piece of a sentence: a coin quantity, money, a company, a date or a bare number. */
export interface Chunk {
  type: ChunkType;
  start: number;
  end: number;
  text: string;
  /** Q: asset symbol; C: canonical company; D: the date phrase */
  asset?: string;
  /** Q: member of a list sharing one asset word ("602 and 431 bitcoin"): the list's number and this one's place */
  list?: { id: number; index: number; size: number };
  company?: string;
  /** C: the ticker the page states for a company the lexicon does not know */
  ticker?: string | null;
  /** C: the rule that recognised the company (lexicon, ticker, or an organisation's shape) */
  rule?: string;
  date?: DatePhrase;
}

/** A sentence with its chunks replaced by tokens (⟦Q0⟧), so patterns can talk about them. */
export interface TaggedSentence {
  text: string;
  tagged: string;
  chunks: Chunk[];
  /** maps an offset in `tagged` back to an offset in `text` */
  toOriginal(offset: number): number;
}

const NUM = NUMBER;

/** A month name: the number after it is a day ("on March 2 and 50 BTC on March 9"), never a list member. */
const MONTH_BEFORE_DAY = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\\.?';
/** Most numbers one asset word can share ("602, 431 and 300 bitcoin"); bounds the list regex's work. */
const LIST_MAX = 30;

/**
 * What a sentence is tagged for. 'full': every chunk. 'money': amounts, companies and dates, for
 * a sentence with neither an action word nor an asset word but money, which can only lend a price
 * to a transaction told nearby. 'context': only what the reading context keeps (companies and
 * dates), for sentences that can hold no quantity, no price, hence no transaction and no holdings.
 */
export type TagMode = 'full' | 'money' | 'context';

/**
 * The chunk regexes, built once per rulebook from rules/numbers.yaml and assets.yaml. mayHoldMoney
 * and asset are cheap tests that a family can occur at all: the families try their long hedge
 * alternation at every position, so a sentence without a currency or an asset word skips them.
 */
interface Grammar {
  ticker: RegExp;
  legalSuffix: RegExp;
  quantity: RegExp;
  generic: RegExp | null;
  money: RegExp;
  bare: RegExp;
  list: RegExp;
  asset: RegExp;
  mayHoldMoney: RegExp;
}
const grammarCache = new WeakMap<Rulebook, Grammar>();

function grammar(rulebook: Rulebook): Grammar {
  let compiled = grammarCache.get(rulebook);
  if (!compiled) {
    const hedge = `(?:(?<hedge>${rulebook.hedgeSource})\\s*)?`;
    const numbers = rulebook.numbers;
    const MAG = `(?:\\s?(?:${numbers.magnitudeSource})(?![\\w]))`;
    const CURRENCY_BEFORE = numbers.currencyBeforeSource;
    const CURRENCY_AFTER = numbers.currencyAfterSource;
    // Not inside a word, a figure or an amount ("$5", "1.5", "2,000" are read whole, never from their middle).
    const NOT_IN_FIGURE = '(?<![\\w$€£¥.,])';
    // "5,000 more BTC", "1,000 additional bitcoin": words between a count and its unit.
    const MODIFIER = `(?:(?:${numbers.quantityModifierSource})\\s+)?`;
    // "$5 million", "5-6 million dollars", "US$ 300m USD": a currency before the number.
    const MONEY_BEFORE =
      `(?<cur>${CURRENCY_BEFORE})\\s?(?<num>${NUM})(?:\\s?(?:-|to)\\s?(?<num2>${NUM}))?(?<mag>${MAG})?` +
      '(?:\\s(?<cur3>USD))?';
    // "5 million euros", "300m USD": a currency after it.
    const MONEY_AFTER = `(?<![\\w.,])(?<numb>${NUM})(?<magb>${MAG})?\\s?(?<cur2>${CURRENCY_AFTER})\\b`;
    // "1,000, 2,000 and 3,000": each number matched atomically, at most LIST_MAX of them (see list below).
    const LISTED_NUMBERS =
      `(?=(?<first>${NUM}))\\k<first>(?:\\s*,\\s*(?=(?<next>${NUM}))\\k<next>){0,${LIST_MAX}}` +
      `,?\\s+(?:and|&)\\s+(?:${NUM})`;
    compiled = {
      // "(NASDAQ: KSTL)", "(KSTL)", "$KSTL": a ticker, after one of the exchanges of rules/organizations.yaml or none.
      ticker: new RegExp(
        `\\((?:(?:${alternation(rulebook.files.organizations.exchanges)})\\s?:\\s?)?([A-Z0-9]{2,6})\\)|(?<![\\w$])\\$([A-Z]{2,5})\\b`,
        'g',
      ),
      legalSuffix: new RegExp(`^,?\\s(?:${alternation(rulebook.files.organizations.legal_suffixes)})(?![\\w-])`),
      mayHoldMoney: numbers.mayHoldMoney,
      quantity: new RegExp(
        `${hedge}${NOT_IN_FIGURE}(?<num>${NUM})(?<mag>${MAG})?\\+?\\s?${MODIFIER}(?<asset>${rulebook.assetNamesSource})(?![\\w])`,
        'gi',
      ),
      generic: numbers.genericUnitSource
        ? new RegExp(
            `${hedge}${NOT_IN_FIGURE}(?<num>${NUM})(?<mag>${MAG})?\\s?${MODIFIER}(?:${numbers.genericUnitSource})(?![\\w])`,
            'gi',
          )
        : null,
      money: new RegExp(`${hedge}(?:${MONEY_BEFORE}|${MONEY_AFTER})`, 'gi'),
      // Each listed number is matched atomically ((?=(x))\k<x>) and a list has at most LIST_MAX members:
      // "1,1,1,..." can otherwise be split into numbers in exponentially many ways before failing.
      list: new RegExp(
        `${NOT_IN_FIGURE}(?<!\\b${MONTH_BEFORE_DAY}\\s)(?<nums>${LISTED_NUMBERS})(?<mag>${MAG})?\\s?(?<asset>${rulebook.assetNamesSource})(?![\\w])`,
        'gi',
      ),
      // Not a percentage ("-13 %") nor a signed change ("-3"): table cells of change columns are not figures.
      // (?![.,]\\d): never the whole part of a decimal the rest of the pattern refused ("62" of "62.5%").
      bare: new RegExp(`(?<![\\w$€£¥.,⟦+−-])(?:${NUM})(?:${MAG})?(?![\\w%⟧])(?![.,]\\d)(?!\\s?%)`, 'g'),
      asset: new RegExp(`(?:${rulebook.assetNamesSource})(?![\\w])`, 'i'),
    };
    grammarCache.set(rulebook, compiled);
  }
  return compiled;
}

/**
 * 'full' where a quantity can occur (an action word or an asset word), 'money' where only money can, else
 * 'context'.
 */
export function tagModeFor(text: string, rulebook: Rulebook, hasActionWord: boolean): TagMode {
  const g = grammar(rulebook);
  if (hasActionWord || g.asset.test(text)) return 'full';
  return g.mayHoldMoney.test(text) ? 'money' : 'context';
}

/**
 * Tagged sentences already read, by everything tagging reads: the text, the mode, the page's asset
 * and the page's own organisations. Reprints of one release repeat its sentences on page after
 * page; each is tagged once. A sentence is kept from its second sighting on: on pages that repeat
 * nothing (most news) a kept sentence would outlive its page for nothing, and the collector would
 * pay for it. Looked up by the text itself (no key string built per sentence), then by the rest.
 * The result is shared: no caller changes a tagged sentence or its chunks. A bounded number of
 * texts, the one kept longest dropped first.
 */
const TAGGED_KEPT = 1_024;
interface Tagging {
  mode: TagMode;
  pageAsset: string | null;
  organizations: string;
  tagged: TaggedSentence;
}
const taggedCache = new WeakMap<Rulebook, Map<string, Tagging[]>>();
/** Tagged sentences the cache holds: only they are worth remembering more about (see isShared). */
const shared = new WeakSet<TaggedSentence>();
const organizationKeys = new WeakMap<PageOrganizations, string>();
/** Short names for the sets of organisations pages found, so a sentence's key does not carry them whole (bounded). */
const organizationIds = new Map<string, string>();
let organizationCount = 0;

/**
 * What of a page's organisations tagging can read: none without a regex; else the regex and every
 * spelling's organisation, as a short id that pages finding the same organisations share.
 */
function organizationsKey(organizations: PageOrganizations): string {
  if (!organizations.regex) return '';
  let key = organizationKeys.get(organizations);
  if (key === undefined) {
    const whole = `${organizations.regex.source}/${organizations.regex.flags}\u0002${JSON.stringify([...organizations.bySpelling])}`;
    key = organizationIds.get(whole);
    if (key === undefined) {
      if (organizationIds.size >= TAGGED_KEPT) organizationIds.clear();
      organizationIds.set(whole, (key = `o${++organizationCount}`));
    }
    organizationKeys.set(organizations, key);
  }
  return key;
}

/** Whether a tagged sentence is shared by the pages that repeat it (what is worked out from it may be kept with it). */
export const isShared = (sentence: TaggedSentence) => shared.has(sentence);

/** Finds chunks (money and quantities first: they own their numbers) and builds the tagged text. */
export function tagSentence(
  text: string,
  rulebook: Rulebook,
  mode: TagMode = 'full',
  organizations: PageOrganizations = NO_ORGANIZATIONS,
  pageAsset: string | null = null,
): TaggedSentence {
  // Reading for the context only (companies and dates) is cheap: not worth a lookup.
  if (mode === 'context') return tagSentenceOnce(text, rulebook, mode, organizations, pageAsset);
  let cache = taggedCache.get(rulebook);
  if (!cache) taggedCache.set(rulebook, (cache = new Map()));
  const organizationsId = organizationsKey(organizations);
  const taggings = cache.get(text);
  const kept = taggings?.find(
    (tagging) => tagging.mode === mode && tagging.pageAsset === pageAsset && tagging.organizations === organizationsId,
  );
  if (kept) return kept.tagged;
  // A first sighting is noted by a number only: a sentence is part of its page's text, and keeping
  // it would keep the whole page. (Two sentences with one number: the second is kept a sighting early.)
  const sighting = sightingOf(text, mode, pageAsset, organizationsId);
  if (!seenOnce.has(sighting)) {
    if (seenOnce.size >= TAGGED_KEPT * 4) seenOnce.clear();
    seenOnce.add(sighting);
    return tagSentenceOnce(text, rulebook, mode, organizations, pageAsset);
  }
  seenOnce.delete(sighting);
  // Kept: tagged from a copy of the text, so what is kept holds the sentence, not its page.
  const own = JSON.parse(JSON.stringify(text)) as string;
  const tagged = tagSentenceOnce(own, rulebook, mode, organizations, pageAsset);
  shared.add(tagged);
  if (taggings) taggings.push({ mode, pageAsset, organizations: organizationsId, tagged });
  else {
    if (cache.size >= TAGGED_KEPT) cache.delete(cache.keys().next().value!);
    cache.set(own, [{ mode, pageAsset, organizations: organizationsId, tagged }]);
  }
  return tagged;
}

/** Sentences tagged once and not kept, by a 32-bit FNV-1a hash of everything tagging reads. */
const seenOnce = new Set<number>();

function sightingOf(text: string, mode: TagMode, pageAsset: string | null, organizations: string): number {
  let hash = 0x811c9dc5;
  const mix = (part: string) => {
    for (let at = 0; at < part.length; at++) hash = Math.imul(hash ^ part.charCodeAt(at), 0x01000193);
    hash = Math.imul(hash ^ 0xffff, 0x01000193);
  };
  mix(text);
  mix(mode);
  mix(pageAsset ?? '\u0000');
  mix(organizations);
  return hash >>> 0;
}

function tagSentenceOnce(
  text: string,
  rulebook: Rulebook,
  mode: TagMode,
  organizations: PageOrganizations,
  pageAsset: string | null,
): TaggedSentence {
  const g = grammar(rulebook);
  const chunks: Chunk[] = [];
  const free = (start: number, end: number) => !chunks.some((chunk) => start < chunk.end && end > chunk.start);
  const add = (chunk: Chunk) => {
    if (chunk.end > chunk.start && free(chunk.start, chunk.end)) chunks.push(chunk);
  };

  const full = mode === 'full';
  if ((full || mode === 'money') && g.mayHoldMoney.test(text)) {
    for (const match of allMatches(g.money, text))
      add({ type: 'M', start: match.index, end: match.index + match[0].length, text: match[0] });
  }
  if (full && g.asset.test(text)) {
    // "produced 602 and 431 bitcoin, respectively": each number is a quantity of the shared asset.
    let lists = 0;
    for (const match of allMatches(g.list, text)) {
      const asset = rulebook.assetByName.get(lookupKey(match.groups!.asset));
      if (!asset) continue;
      const numbers = allMatches(new RegExp(NUM, 'g'), match.groups!.nums);
      const id = lists++;
      numbers.forEach((number, index) => {
        const start = match.index + number.index;
        add({
          type: 'Q',
          start,
          end: start + number[0].length,
          text: `${number[0]}${match.groups!.mag ?? ''}`,
          asset: asset.symbol,
          list: { id, index, size: numbers.length },
        });
      });
    }
    for (const match of allMatches(g.quantity, text)) {
      const asset = rulebook.assetByName.get(lookupKey(match.groups!.asset));
      if (asset)
        add({ type: 'Q', start: match.index, end: match.index + match[0].length, text: match[0], asset: asset.symbol });
    }
  }
  // "812 coins were mined": a count of the page's coin.
  if (full && pageAsset && g.generic) {
    for (const match of allMatches(g.generic, text))
      add({ type: 'Q', start: match.index, end: match.index + match[0].length, text: match[0], asset: pageAsset });
  }
  // Organisations the lexicon does not know, recognised on this page by their shape. Before the
  // lexicon: "Riot Blockchain Partners AG" is a name of its own, not the former name it begins with.
  if (organizations.regex) {
    for (const match of allMatches(organizations.regex, text)) {
      const found = organizations.bySpelling.get(lookupKey(match[0]));
      if (found)
        add({
          type: 'C',
          start: match.index,
          end: match.index + match[0].length,
          text: match[0],
          company: found.name,
          ticker: found.ticker,
          rule: found.rule,
        });
    }
  }
  for (const regex of [rulebook.companyRegex, rulebook.exactCaseCompanyRegex]) {
    for (const match of allMatches(regex, text)) {
      const entry = rulebook.companyByAlias.get(lookupKey(match[0]));
      if (!entry) continue;
      // A legal form the lexicon's spelling leaves out belongs to the name ("Trump Media and Technology Group Corp").
      const suffix = g.legalSuffix.exec(text.slice(match.index + match[0].length));
      const end = match.index + match[0].length + (suffix?.[0].length ?? 0);
      add({
        type: 'C',
        start: match.index,
        end,
        text: text.slice(match.index, end),
        company: entry.name,
        rule: 'company.lexicon',
      });
    }
  }
  if (text.includes('(') || text.includes('$')) {
    for (const match of allMatches(g.ticker, text)) {
      const entry = rulebook.companyByTicker.get((match[1] ?? match[2]).toUpperCase());
      if (entry)
        add({
          type: 'C',
          start: match.index,
          end: match.index + match[0].length,
          text: match[0],
          company: entry.name,
          rule: 'company.lexicon-ticker',
        });
    }
  }
  for (const phrase of findDatePhrases(text))
    add({ type: 'D', start: phrase.start, end: phrase.end, text: phrase.text, date: phrase });
  if (full) {
    for (const match of allMatches(g.bare, text))
      add({ type: 'N', start: match.index, end: match.index + match[0].length, text: match[0] });
  }

  chunks.sort((a, b) => a.start - b.start);
  return buildTagged(text, chunks);
}

function buildTagged(text: string, chunks: Chunk[]): TaggedSentence {
  const pieces: string[] = [];
  // (taggedStart, originalStart, isChunk, originalEnd) for mapping offsets back.
  const segments: { tagged: number; original: number; chunk: boolean; originalEnd: number }[] = [];
  let cursor = 0;
  let length = 0;
  const counters: Record<ChunkType, number> = { Q: 0, M: 0, C: 0, D: 0, N: 0 };
  const indexed: Chunk[] = [];
  for (const chunk of chunks) {
    if (chunk.start > cursor) {
      segments.push({ tagged: length, original: cursor, chunk: false, originalEnd: chunk.start });
      pieces.push(text.slice(cursor, chunk.start));
      length += chunk.start - cursor;
    }
    const token = chunkToken(chunk.type, counters[chunk.type]++);
    segments.push({ tagged: length, original: chunk.start, chunk: true, originalEnd: chunk.end });
    pieces.push(token);
    length += token.length;
    indexed.push(chunk);
    cursor = chunk.end;
  }
  if (cursor < text.length) {
    segments.push({ tagged: length, original: cursor, chunk: false, originalEnd: text.length });
    pieces.push(text.slice(cursor));
  }
  const tagged = pieces.join('');
  return {
    text,
    tagged,
    chunks: indexed,
    toOriginal(offset: number) {
      let segment = segments[0];
      for (const candidate of segments) {
        if (candidate.tagged > offset) break;
        segment = candidate;
      }
      if (!segment) return offset;
      return segment.chunk
        ? offset === segment.tagged
          ? segment.original
          : segment.originalEnd
        : Math.min(segment.original + (offset - segment.tagged), segment.originalEnd);
    },
  };
}

/** The chunk a token index refers to: chunkOf(tagged, 'Q', 3). */
export function chunkOf(sentence: TaggedSentence, type: ChunkType, index: number): Chunk | undefined {
  let seen = 0;
  for (const chunk of sentence.chunks) {
    if (chunk.type !== type) continue;
    if (seen === index) return chunk;
    seen++;
  }
  return undefined;
}
