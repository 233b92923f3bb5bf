import nlp from 'compromise';
import type { Rulebook } from '../rulebook/compile.js';
import { alternation, lookupKey } from '../rulebook/regex.js';

/** An organisation found on a page by its shape, under its own name (and ticker, when stated). */
export interface FoundOrganization {
  name: string;
  ticker: string | null;
  rule: string;
}

/**
 * The organisations one page names that the lexicon does not know. `regex` finds any spelling
 * of them seen on the page ("Nordwind Mining AG", then "Nordwind Mining"); `bySpelling` gives the
 * organisation for a spelling (lookupKey).
 */
export interface PageOrganizations {
  regex: RegExp | null;
  bySpelling: Map<string, FoundOrganization>;
}

export const NO_ORGANIZATIONS: PageOrganizations = { regex: null, bySpelling: new Map() };

interface Shapes {
  legalSuffix: RegExp;
  hasSuffix: RegExp;
  tickerAfter: RegExp;
  appositive: RegExp;
  descriptorBefore: RegExp;
  subjectVerb: RegExp;
  /** legal forms and name enders: what withoutSuffix strips */
  suffixWords: Set<string>;
  /** legal forms only: they make any capitalised name an organisation */
  legalForms: Set<string>;
  openers: Set<string>;
  genericWords: Set<string>;
  notCompanies: Set<string>;
  assetWords: Set<string>;
  /** name enders ("Foundation", "Trust"): "the foundation" may stand for the one such organisation of a page */
  nameEnders: Set<string>;
  /** nouns that already stand for the company being read ("the group", "the company": cues.yaml) */
  pronounHeads: Set<string>;
}

// A capitalised word of a name: "Nordwind", "KULR", "DeFi", "S.A."; after the first, also a number ("Hut 8").
const WORD = "[A-Z\\u00C0-\\u00DE][\\w\\u00C0-\\u017F'’.&-]*";
const LATER_WORD = `(?:${WORD}|\\d+(?=[\\s,.]))`;
// A name: capitalised words, "&", "of", "de" between them (not "and": "Meitu and Tesla" is two); at
// most six words, on one line. It does not run on past a full stop after a word ("... 10 ETH. The Group").
const NAME = `${WORD}(?:(?<!\\w{3}\\.)[ \\t]+(?:&[ \\t]+|(?:of|de|du|der|von)[ \\t]+)?${LATER_WORD}){0,5}`;

const shapesCache = new WeakMap<Rulebook, Shapes>();

function shapes(rulebook: Rulebook): Shapes {
  let compiled = shapesCache.get(rulebook);
  if (compiled) return compiled;
  const file = rulebook.files.organizations;
  const suffixes = alternation([...file.legal_suffixes, ...file.name_enders]);
  // Not a gerund: after a name it is as often a noun ("ASIC and GPU mining operations", "Nordwind buying power").
  const verbs = alternation(
    ['sell', 'buy', 'transfer', 'mine']
      .flatMap((action) => rulebook.files.actions[action as 'sell'].verbs)
      .filter((verb) => !/ing$/.test(verb)),
  );
  const nouns = alternation(
    ['sell', 'buy', 'transfer', 'mine'].flatMap((action) => rulebook.files.actions[action as 'sell'].nouns),
  );
  const opener = '(?:^|[.!?;:]\\s+|,\\s+|\\b(?:and|while|whereas|but)\\s+|["“(]\\s*)';
  // "(NYSE American: ORBB)", "(3390.T)": an exchange and a ticker, or a code with an exchange's suffix.
  const ticker =
    `\\((?:(?:${alternation(file.exchanges)})\\s*:\\s*(?<ticker>[A-Z0-9][A-Z0-9.-]{0,9})` +
    `|(?<code>[A-Z0-9]{1,6})\\.(?:${alternation(file.exchange_suffixes)}))\\)`;
  // Up to three words between a name and its verb: "has also", "reportedly", "this week".
  const adverbs = [
    ...['has', 'have', 'had', 'also', 'now', 'just', 'reportedly', 'recently', 'quietly', 'again', 'then'],
    ...['further', 'officially', 'this week', 'last week'],
  ];
  const between = `(?:\\s+(?:${adverbs.join('|')})){0,3}`;
  compiled = {
    // "Nordwind Mining AG", "Riot Platforms, Inc.", "Sapphire Asset Group plc"
    legalSuffix: new RegExp(`(?<![\\w-])(?<name>${NAME}(?:,?\\s+(?:${suffixes}))+)(?![\\w-])`, 'gu'),
    // Cheap tests a line must pass before the name patterns, which try every capital letter, run on it.
    hasSuffix: new RegExp(`\\s(?:${suffixes})(?![\\w-])`, 'u'),
    // "Orbital Hash (NYSE American: ORBB)", "Hakone Capital (3390.T)", "Volt Hash Inc. (OTCQX: VLTH)"
    tickerAfter: new RegExp(`(?<name>${NAME}(?:,?\\s+(?:${suffixes}))*)\\s*${ticker}`, 'gu'),
    // "Lumen Apps, a Hong Kong app maker, ..." (the name opens a clause)
    appositive: new RegExp(
      `${opener}(?<name>${NAME}),\\s+(?:a|an|the)\\s+(?:[\\w.-]+\\s+){0,7}?(?:${alternation(file.descriptors)})\\b`,
      'gmu',
    ),
    // "investment firm Tanuki", "the Texas-based bitcoin miner Volt Hash"
    descriptorBefore: new RegExp(`\\b(?:${alternation(file.descriptors)})\\s+(?<name>${NAME})`, 'gmu'),
    // "Kestrel Labs bought", "Kestrel Labs has also purchased", "Kestrel's sale of"
    subjectVerb: new RegExp(
      `${opener}(?<name>${NAME})${between}\\s+(?:${verbs})\\b|${opener}(?<owner>${NAME})['’]s\\s+(?:[a-z-]+\\s+){0,2}(?:${nouns})\\b`,
      'gmu',
    ),
    suffixWords: new Set([...file.legal_suffixes, ...file.name_enders].map(lookupKey)),
    legalForms: new Set(file.legal_suffixes.map(lookupKey)),
    openers: new Set(file.openers.map(lookupKey)),
    genericWords: new Set(file.generic_words.map(lookupKey)),
    notCompanies: new Set(file.not_companies.map(lookupKey)),
    assetWords: new Set(rulebook.assetByName.keys()),
    nameEnders: new Set(file.name_enders.map(lookupKey)),
    pronounHeads: new Set(
      [...rulebook.files.cues.company_descriptions, ...rulebook.files.cues.company_pronouns].map(lookupKey),
    ),
  };
  shapesCache.set(rulebook, compiled);
  return compiled;
}

/**
 * Finds the organisations a page names by their shape, in order of how much the shape says: a
 * legal suffix or a ticker is sure; an appositive or a descriptor is nearly so; a capitalised
 * subject before an action verb is the weakest and is taken only for names that look like names.
 * Lexicon companies are left to the lexicon. Runs once per page that may state a transaction.
 */
export function findPageOrganizations(
  lines: readonly { zone: string; text: string }[],
  rulebook: Rulebook,
): PageOrganizations {
  const s = shapes(rulebook);
  // Headlines are in Title Case ("KULR Bitcoin Holdings Reach 668 BTC"): only a ticker is sure there.
  // In a headline a known company may open the run the ticker closes ("Kestrel Announces ETH Holdings
  // (NYSE: KSTL)" names Kestrel): a run that begins with a known name is the known company's.
  // Related links are headlines too. The weak shapes (appositive, descriptor, subject) name the
  // actor of a transaction: only lines that can tell one (a figure and an action word) are searched.
  const body = lines.filter((line) => line.zone === 'body');
  const withParenthesis = body
    .filter((line) => line.text.includes('('))
    .map((line) => line.text)
    .join('\n');
  const withSuffix = body
    .filter((line) => s.hasSuffix.test(line.text))
    .map((line) => line.text)
    .join('\n');
  const acting = body
    .filter((line) => /\d/.test(line.text) && line.text.search(rulebook.anyActionWord) >= 0)
    .map((line) => line.text)
    .join('\n');
  const headings = lines
    .filter((line) => line.zone === 'heading' || line.zone === 'related')
    .map((line) => line.text)
    .join('\n');
  // What follows reads only these four texts: pages that share them (reprints of one release) share the answer.
  let memo = pageOrganizationsMemo.get(rulebook);
  if (!memo) pageOrganizationsMemo.set(rulebook, (memo = new Map()));
  const key = `${withParenthesis}\u0001${withSuffix}\u0001${acting}\u0001${headings}`;
  if (key.length > PAGE_ORGANIZATIONS_KEY_MAX)
    return organizationsIn(withParenthesis, withSuffix, acting, headings, rulebook, s);
  let organizations = memo.get(key);
  if (!organizations) {
    organizations = organizationsIn(withParenthesis, withSuffix, acting, headings, rulebook, s);
    if (memo.size >= PAGE_ORGANIZATIONS_KEPT) memo.delete(memo.keys().next().value!);
    memo.set(key, organizations);
  }
  return organizations;
}

/**
 * Pages' organisations by the texts they are read from (a bounded number of short ones, oldest dropped
 * first); shared, never changed.
 */
const PAGE_ORGANIZATIONS_KEPT = 32;
const PAGE_ORGANIZATIONS_KEY_MAX = 8_192;
const pageOrganizationsMemo = new WeakMap<Rulebook, Map<string, PageOrganizations>>();

function organizationsIn(
  withParenthesis: string,
  withSuffix: string,
  acting: string,
  headings: string,
  rulebook: Rulebook,
  s: Shapes,
): PageOrganizations {
  const found = new Map<string, FoundOrganization>();
  const add = (raw: string, rule: string, ticker: string | null, sure: boolean, before = '') => {
    // The tail of a longer name ("... Media & Technology Group Corp" after "Trump"): not a name of its own.
    if (/(?:&|\band)\s*$/.test(before)) return;
    const name = tidyName(raw, s, sure);
    if (!name) return;
    // A run that ends in a known company's name is that company with words before it.
    const words = name.split(/\s+/);
    if (words.some((_word, from) => from > 0 && rulebook.companyByAlias.has(lookupKey(words.slice(from).join(' ')))))
      return;
    const known =
      rulebook.companyByAlias.get(lookupKey(name)) ?? rulebook.companyByAlias.get(lookupKey(withoutSuffix(name, s)));
    if (known || s.notCompanies.has(lookupKey(name)) || s.notCompanies.has(lookupKey(withoutSuffix(name, s)))) return;
    const base = lookupKey(withoutSuffix(name, s).replace(/^The\s+/, ''));
    const existing = found.get(base);
    // The fullest spelling names it ("Nordwind Mining AG" over "Nordwind Mining"); a ticker is kept once seen.
    if (!existing) found.set(base, { name, ticker, rule });
    else {
      if (name.length > existing.name.length && lookupKey(name).startsWith(base)) existing.name = name;
      existing.ticker ??= ticker;
    }
  };
  for (const match of withParenthesis.matchAll(s.tickerAfter))
    add(match.groups!.name, 'org.exchange-ticker', match.groups!.ticker ?? match.groups!.code ?? null, true);
  for (const match of headings.matchAll(s.tickerAfter)) {
    const words = match.groups!.name.split(/\s+/);
    const opensWithKnown = words.some((_word, end) =>
      rulebook.companyByAlias.has(lookupKey(words.slice(0, end + 1).join(' '))),
    );
    if (!opensWithKnown)
      add(match.groups!.name, 'org.exchange-ticker', match.groups!.ticker ?? match.groups!.code ?? null, true);
  }
  for (const match of withSuffix.matchAll(s.legalSuffix))
    add(
      match.groups!.name,
      'org.legal-suffix',
      null,
      true,
      withSuffix.slice(Math.max(0, match.index! - 6), match.index),
    );
  for (const match of acting.matchAll(s.appositive)) add(match.groups!.name, 'org.appositive', null, false);
  for (const match of acting.matchAll(s.descriptorBefore)) add(match.groups!.name, 'org.descriptor', null, false);
  // Each name is judged once per page (compromise is asked about single words): a page can repeat one
  // thousands of times.
  const judged = new Map<string, boolean>();
  for (const match of acting.matchAll(s.subjectVerb)) {
    const name = match.groups!.name ?? match.groups!.owner;
    let verdict = judged.get(name);
    if (verdict === undefined) {
      verdict = !rulebook.companyByAlias.has(lookupKey(name)) && looksLikeName(name, s);
      judged.set(name, verdict);
    }
    if (verdict) add(name, 'org.subject-verb', null, false);
  }
  if (found.size === 0) return NO_ORGANIZATIONS;
  // A one-word name that opens a longer one found on the page is that organisation, shortened
  // ("Cipherline sold ..." under the heading "Cipherline Mining (NASDAQ: CPHL)").
  for (const base of found.keys()) {
    if (base.includes(' ')) continue;
    const longer = [...found.entries()].find(([other]) => other.startsWith(`${base} `));
    if (longer) found.set(base, longer[1]);
  }
  const bySpelling = new Map<string, FoundOrganization>();
  for (const [base, organization] of found) {
    bySpelling.set(lookupKey(organization.name), organization);
    if (/^The\s/.test(organization.name)) bySpelling.set(lookupKey(organization.name.slice(4)), organization);
    // The name without its legal form is how the rest of the page calls it ("Nordwind Mining").
    if (!s.openers.has(base) && !s.genericWords.has(base) && !s.assetWords.has(base))
      bySpelling.set(base, organization);
  }
  // "the foundation" is the one organisation of the page whose name ends so ("Ethereum Foundation"):
  // a name ender that is no company pronoun ("the group", "the company" already are).
  const byEnder = new Map<string, FoundOrganization[]>();
  for (const organization of found.values()) {
    const ender = lookupKey(organization.name.split(/\s+/).at(-1) ?? '');
    if (s.nameEnders.has(ender) && !s.pronounHeads.has(ender))
      byEnder.set(ender, [...(byEnder.get(ender) ?? []), organization]);
  }
  for (const [ender, organizations] of byEnder)
    if (organizations.length === 1) bySpelling.set(`the ${ender}`, organizations[0]);
  // Spellings are lookup keys (lower case, one space), so the regex ignores case and takes any run of spaces.
  const spellings = alternation(bySpelling.keys()).replace(/ /g, '\\s+');
  return { regex: new RegExp(`(?<![\\w-])(?:${spellings})(?![\\w-])`, 'gi'), bySpelling };
}

/**
 * A capitalised word that names nobody by itself: an opener ("The", "Meanwhile", "March") or a
 * generic word ("Bitcoin", "Miners") of rules/organizations.yaml.
 */
export function namesNobody(word: string, rulebook: Rulebook): boolean {
  const s = shapes(rulebook);
  const key = lookupKey(word);
  return s.openers.has(key) || s.genericWords.has(key) || s.assetWords.has(key);
}

/**
 * Drops what cannot be part of a name: leading openers ("In", "The" before a bare name), a possessive,
 * trailing commas.
 */
function tidyName(raw: string, s: Shapes, sure: boolean): string | null {
  const words = raw
    .replace(/['’]s$/, '')
    .replace(/[,;:]+$/, '')
    .trim()
    .split(/\s+/);
  // "The" stays in a name that has a legal form or ticker ("The Blockchain Group"); other openers go.
  // "Frankfurt-listed", "Texas-based": a descriptor before the name, not part of it.
  // and a date before it ("In November 2025 Sequans sold ..."): a year or a day, not part of a name.
  while (
    words.length > 1 &&
    ((s.openers.has(lookupKey(words[0])) && !(sure && /^The$/.test(words[0]) && words.length > 2)) ||
      /^\S+-(?:based|listed|headquartered|registered|traded)$/i.test(words[0]) ||
      /^\d+,?$/.test(words[0]))
  )
    words.shift();
  const name = words.join(' ').replace(/[,]+$/, '');
  const stripped = withoutSuffix(name, s);
  const core = stripped
    .split(/\s+/)
    .filter((word) => !s.openers.has(lookupKey(word)) && !s.suffixWords.has(lookupKey(word)));
  if (
    core.length === 0 ||
    !core.some((word) => /\p{L}/u.test(word)) ||
    (stripped === name && s.suffixWords.has(lookupKey(name)))
  )
    return null;
  const generic = (word: string) => s.genericWords.has(lookupKey(word));
  const legalForm = name
    .replace(/,/g, ' ')
    .split(/\s+/)
    .some((word) => s.legalForms.has(lookupKey(word)));
  // A name ender needs a word of its own before it ("Ethereum Foundation", not "Bitcoin Treasury Company");
  // the weak shapes need a word that is neither generic nor a coin.
  // ("The Blockchain Group": a "The" the page keeps before a generic name with an ender makes it a name.)
  const definite = sure && /^The\s/.test(name);
  if (!legalForm && !definite && core.every(generic)) return null;
  if (!legalForm && core.length > 1 && core.every((word) => generic(word) || s.assetWords.has(lookupKey(word))))
    return null;
  if (!sure && core.every((word) => generic(word) || s.assetWords.has(lookupKey(word)))) return null;
  return name.length >= 2 ? name : null;
}

/** A name without its legal form or name ender ("Nordwind Mining AG" -> "Nordwind Mining"). */
export function baseName(name: string, rulebook: Rulebook): string {
  return withoutSuffix(name, shapes(rulebook));
}

function withoutSuffix(name: string, s: Shapes): string {
  const words = name.replace(/,/g, ' ').split(/\s+/).filter(Boolean);
  while (words.length > 1 && s.suffixWords.has(lookupKey(words.at(-1)!))) words.pop();
  return words.join(' ');
}

/**
 * The subject shape is weak: a capitalised word opens every sentence. Taken when the run is more
 * than one word, or one word shaped like a brand (CamelCase "KindlyMD", capitals "KULR"), or one
 * word that compromise also reads as a name.
 */
function looksLikeName(raw: string, s: Shapes): boolean {
  const words = raw.split(/\s+/).filter((word) => !s.openers.has(lookupKey(word)));
  const generic = (word: string) => s.assetWords.has(lookupKey(word)) || s.genericWords.has(lookupKey(word));
  if (words.length === 0 || generic(words[0])) return false;
  // A generic word after a word of its own is part of the name ("Nordlicht Mining", "Kestrel
  // Digital"); a generic plural at the end names a crowd ("Japanese Miners", "Nordic Investors").
  if (words.length >= 2) return !(generic(words.at(-1)!) && /s$/.test(words.at(-1)!));
  const [word] = words;
  if (/^[A-Z][a-z]+[A-Z]\w*$|^[A-Z]{2,6}$/.test(word)) return true;
  let verdict = properNouns.get(word);
  if (verdict === undefined) {
    const tagged = nlp(word).json()[0]?.terms?.[0]?.tags ?? [];
    verdict = (tagged as string[]).some((tag) => tag === 'ProperNoun' || tag === 'Organization');
    // compromise costs ~0.1 ms a word and pages repeat words: its verdicts are kept, a bounded number.
    if (properNouns.size >= PROPER_NOUN_CACHE) properNouns.clear();
    properNouns.set(word, verdict);
  }
  return verdict;
}

const PROPER_NOUN_CACHE = 20_000;
const properNouns = new Map<string, boolean>();

/**
 * The fallback of last resort for a company no shape found: compromise's #Organization tag. It is
 * noisy on news ("Exchange Commission."), so it is asked only about the few sentences that state a
 * transaction and name no company, and only a capitalised name with a transfer-style "from X" or
 * a sentence-initial subject is accepted.
 */
export function fallbackOrganization(sentence: string, rulebook: Rulebook): { name: string; start: number } | null {
  const from = /\bfrom ([A-Z][\w&.-]*(?: [A-Z][\w&.-]*){0,3})/.exec(sentence);
  const candidates = nlp(sentence).organizations().out('array') as string[];
  const name = (from?.[1] ?? candidates[0] ?? '').replace(/[.,:;]+$/, '').trim();
  // compromise tags "February, Data" as an organisation in headlines: accept only a clean run of capitalised words.
  if (!name || name.length < 3 || !/^[A-Z][\w&.-]*(?: [A-Z][\w&.-]*)*$/.test(name)) return null;
  // Openers, months, crowds and coins (rules/organizations.yaml openers, generic_words; rules/assets.yaml) name nobody.
  if (name.split(' ').some((word) => namesNobody(word, rulebook))) return null;
  const start = sentence.indexOf(name);
  return start >= 0 ? { name, start } : null;
}
