import type { Action, Purpose, Status } from '../schema/mention.js';
import type { Cue } from '../schema/rules.js';
import { FIGURE_TOKEN, TOKEN_CLOSE, TOKEN_OPEN } from './chunkToken.js';
import { DEFAULT_RULES_DIR, loadRuleFiles, type RuleFiles } from './load.js';
import { alternation, escapeRegex, lookupKey } from './regex.js';
import { compileTemplate, type CompiledTemplate, type WordClasses } from './template.js';
import { userRulesDir } from './userRules.js';

export interface CompanyEntry {
  name: string;
  ticker: string | null;
}
export interface CompiledPattern<R = string | undefined> extends CompiledTemplate {
  id: string;
  role: R;
  action?: Action;
  status?: Status;
  valueOnly?: boolean;
  columns?: boolean;
}
export interface CompiledCue {
  id: string;
  regex: RegExp;
  scope: 'clause' | 'subject' | 'figure';
  aside: 'blocks' | 'ignored' | 'blocks-unless-refers-back';
}

/** Everything extraction and normalisation know about the domain, compiled once from rules/. */
export interface Rulebook {
  files: RuleFiles;
  companyByAlias: Map<string, CompanyEntry>;
  companyByTicker: Map<string, CompanyEntry>;
  companyRegex: RegExp;
  exactCaseCompanyRegex: RegExp;
  assetByName: Map<string, { symbol: string; factor: number }>;
  assetNamesSource: string;
  hedgeByWord: Map<string, { low: number; high: number }>;
  hedgeSource: string;
  actionByWord: Map<string, Action>;
  purposeByVerb: Map<string, Purpose>;
  anyActionWord: RegExp;
  /** ids of the patterns marked counterparty: the buyer's side of a trade told from the seller's */
  counterpartyRules: Set<string>;
  /** action words that are only nouns ("sales", "production", "output") */
  nounOnlyActionWords: Set<string>;
  /** the same words, global: every action word of a sentence, in order */
  everyActionWord: RegExp;
  events: CompiledPattern[];
  continuations: CompiledPattern[];
  holdings: CompiledPattern<'after' | 'before' | 'before-after'>[];
  money: CompiledPattern<'unit_price' | 'total'>[];
  purposeCues: { category: Purpose; regex: RegExp; id: string }[];
  /** the actions each purpose can belong to (rules/purposes.yaml); a purpose not listed belongs to none */
  purposeActions: Map<Purpose, Set<Action>>;
  notAnEvent: CompiledCue[];
  confirmed: CompiledCue[];
  unconfirmed: CompiledCue[];
  confirmsPrevious: CompiledCue[];
  pageSources: CompiledCue[];
  /** a sentence that disowns a wallet observers tied to a company (cues.yaml disowns) */
  disowns: CompiledCue[];
  individualClause: CompiledCue[];
  treasuryContext: CompiledCue[];
  /** a holdings-wide average or cost basis: a sentence with one lends no price to a transaction */
  portfolioAverage: CompiledCue[];
  referenceNoun: RegExp;
  pluralReference: RegExp;
  companyPronoun: RegExp;
  /** a verb that tells that something was said (cues.yaml disclosure_verbs) */
  disclosureVerb: RegExp;
  /**
   * a word that puts the date after it ahead of the news or in the company's history (cues.yaml
   * forward_words, history_words): "mature on", "by 2033", "began buying in 2020"
   */
  forwardWord: RegExp;
  /** verbs of a build-up over a span (cues.yaml span_verbs), lower-cased */
  spanVerbs: Set<string>;
  /** a future verb after a date in its clause (cues.yaml forward_after): "by 2033, Strategy will ..." */
  forwardAfter: RegExp;
  /** the same with what follows it in a reported subject: "reported that " (global: the last one counts) */
  reportedThat: RegExp;
  /** the number and money grammar (rules/numbers.yaml), compiled once for extract and normalize */
  numbers: NumberGrammar;
  /**
   * the same without "it"/"its": a noun phrase that can be a sentence's subject ("the company", "the
   * Texas-based miner")
   */
  companyPronounSubject: RegExp;
}

const COMPANY_TOKEN = `${TOKEN_OPEN}C\\d+${TOKEN_CLOSE}`;
/**
 * {C}: a company name; {F}: the transaction's own figure (cues of scope figure, src/extract/document.ts
 * figureWindow).
 */
const compileCue = (cue: Cue): CompiledCue => ({
  id: cue.id,
  regex: new RegExp(cue.match.replaceAll('{C}', COMPANY_TOKEN).replaceAll('{F}', FIGURE_TOKEN), 'i'),
  scope: cue.scope,
  aside: cue.aside,
});

/** rules/numbers.yaml, compiled: alternations for the tagger, lookups for the parser. */
export interface NumberGrammar {
  magnitudeByWord: Map<string, number>;
  magnitudeSource: string;
  currencyBeforeSource: string;
  currencyAfterSource: string;
  /** any spelling of any currency: a cheap test that a sentence may hold money */
  mayHoldMoney: RegExp;
  /** the currency of an amount's text: the first whose spelling occurs ("$" alone is USD) */
  currencyOf(text: string): string;
  quantityModifierSource: string;
  /** "coins", "tokens": a count of the page's coin */
  genericUnitSource: string;
}

/** The spellings no other one is part of ("dollars" stands for "US dollars" too): a cheaper test that any occurs. */
function shortest(spellings: string[]): string[] {
  const lower = [...new Set(spellings.map((spelling) => spelling.toLowerCase()))];
  return lower.filter((spelling) => !lower.some((other) => other !== spelling && spelling.includes(other)));
}

function compileNumbers(file: RuleFiles['numbers']): NumberGrammar {
  const spellings = (currency: RuleFiles['numbers']['currencies'][number]) => [...currency.before, ...currency.after];
  const currencies = file.currencies.map((currency) => ({
    code: currency.code,
    regex: new RegExp(
      spellings(currency)
        .map((spelling) => (/^\w/.test(spelling) ? `\\b${escapeRegex(spelling)}` : escapeRegex(spelling)))
        .join('|'),
      'i',
    ),
  }));
  return {
    magnitudeByWord: new Map(Object.entries(file.magnitudes).map(([word, factor]) => [lookupKey(word), factor])),
    magnitudeSource: alternation(Object.keys(file.magnitudes)),
    currencyBeforeSource: alternation(file.currencies.flatMap((currency) => currency.before)),
    currencyAfterSource: alternation(file.currencies.flatMap((currency) => currency.after)),
    mayHoldMoney: new RegExp(alternation(shortest(file.currencies.flatMap(spellings))), 'i'),
    currencyOf: (text) => currencies.find(({ regex }) => regex.test(text))?.code ?? 'USD',
    quantityModifierSource: alternation(file.quantity_modifiers).replace(/ /g, '\\s+'),
    genericUnitSource: alternation(file.generic_units),
  };
}

export function compileRulebook(files: RuleFiles = loadRuleFiles()): Rulebook {
  const companyByAlias = new Map<string, CompanyEntry>();
  const companyByTicker = new Map<string, CompanyEntry>();
  const caseInsensitive: string[] = [];
  const exactCase: string[] = [];
  for (const company of files.companies) {
    const entry = { name: company.name, ticker: company.tickers[0]?.symbol ?? null };
    // "Trump Media & Technology Group" is also written "Trump Media and Technology Group".
    const names = [company.name, ...company.aliases, ...company.former_names];
    for (const alias of [
      ...names,
      ...names.filter((name) => name.includes(' & ')).map((name) => name.replaceAll(' & ', ' and ')),
    ]) {
      companyByAlias.set(lookupKey(alias), entry);
      caseInsensitive.push(alias);
    }
    for (const alias of company.exact_case_aliases) {
      companyByAlias.set(lookupKey(alias), entry);
      exactCase.push(alias);
    }
    for (const ticker of company.tickers) companyByTicker.set(ticker.symbol.toUpperCase(), entry);
  }

  const assetByName = new Map<string, { symbol: string; factor: number }>();
  for (const asset of files.assets) {
    for (const name of asset.names) assetByName.set(lookupKey(name), { symbol: asset.symbol, factor: 1 });
    for (const unit of asset.unit_names)
      assetByName.set(lookupKey(unit.name), { symbol: asset.symbol, factor: unit.factor });
  }

  const hedgeByWord = new Map<string, { low: number; high: number }>();
  for (const group of files.hedges)
    for (const word of group.words) hedgeByWord.set(lookupKey(word), { low: group.low, high: group.high });

  const actionByWord = new Map<string, Action>();
  const purposeByVerb = new Map<string, Purpose>();
  const classes: WordClasses = {
    verbs: {} as WordClasses['verbs'],
    nouns: {} as WordClasses['nouns'],
    passives: {} as WordClasses['passives'],
    assetNames: [...assetByName.keys()],
  };
  for (const action of ['sell', 'buy', 'transfer', 'mine'] as const) {
    const words = files.actions[action];
    classes.verbs[action] = words.verbs;
    classes.nouns[action] = words.nouns;
    classes.passives[action] = words.passives;
    // First action listed wins for a shared word ("sold" is sell, not a buy-back).
    for (const word of [...words.verbs, ...words.nouns, ...words.passives])
      if (!actionByWord.has(lookupKey(word))) actionByWord.set(lookupKey(word), action);
    for (const [verb, purpose] of Object.entries(words.implies_purpose)) purposeByVerb.set(lookupKey(verb), purpose);
  }

  const compile = <R>(rule: {
    id: string;
    match: string;
    role?: R;
    action?: Action;
    status?: Status;
    value_only?: boolean;
    columns?: boolean;
  }): CompiledPattern<R> => ({
    id: rule.id,
    role: rule.role as R,
    ...(rule.action ? { action: rule.action } : {}),
    ...(rule.status ? { status: rule.status } : {}),
    ...(rule.value_only ? { valueOnly: true } : {}),
    ...(rule.columns ? { columns: true } : {}),
    ...compileTemplate(rule.match, classes),
  });

  const triggers = [...files.patterns.events].flatMap((rule) => (rule.trigger ? [rule.trigger] : []));
  const counterpartyRules = new Set(files.patterns.events.filter((rule) => rule.counterparty).map((rule) => rule.id));
  // Words that are only ever nouns ("sales", "production"): without a determiner they name an activity.
  const verbForms = new Set(
    ['sell', 'buy', 'transfer', 'mine'].flatMap((action) =>
      [...files.actions[action as Action].verbs, ...files.actions[action as Action].passives].map(lookupKey),
    ),
  );
  const nounOnlyActionWords = new Set(
    ['sell', 'buy', 'transfer', 'mine']
      .flatMap((action) => files.actions[action as Action].nouns.map(lookupKey))
      .filter((word) => !verbForms.has(word)),
  );
  // companyPronounSubject: the company pronouns but "it" and "its", noun phrases only.
  const subjectPronouns = files.cues.company_pronouns.filter((pronoun) => !/^its?$/i.test(pronoun));
  const descriptions = alternation(files.cues.company_descriptions);
  // The patterns that state an action with no action word, each a group of its own.
  const triggerAlternatives = triggers.length ? `|${triggers.map((trigger) => `(?:${trigger})`).join('|')}` : '';

  return {
    files,
    nounOnlyActionWords,
    counterpartyRules,
    companyByAlias,
    companyByTicker,
    companyRegex: new RegExp(`(?<![\\w-])(?:${alternation(caseInsensitive)})(?![\\w-])`, 'gi'),
    exactCaseCompanyRegex: new RegExp(`(?<![\\w-])(?:${alternation(exactCase)})(?![\\w-])`, 'g'),
    assetByName,
    assetNamesSource: alternation(assetByName.keys()),
    hedgeByWord,
    hedgeSource: alternation(hedgeByWord.keys()),
    actionByWord,
    purposeByVerb,
    // Action words, and the triggers of patterns that state an action without one.
    anyActionWord: new RegExp(`\\b(?:${alternation(actionByWord.keys())})\\b${triggerAlternatives}`, 'i'),
    everyActionWord: new RegExp(`\\b(?:${alternation(actionByWord.keys())})\\b`, 'gi'),
    events: files.patterns.events.map(compile),
    continuations: files.patterns.continuations.map(compile),
    holdings: files.patterns.holdings.map(compile),
    money: files.patterns.money.map(compile),
    purposeCues: files.purposes.flatMap((purpose) =>
      purpose.cues.map((cue) => ({ category: purpose.category, regex: new RegExp(cue.match, 'i'), id: cue.id })),
    ),
    purposeActions: new Map(files.purposes.map((purpose) => [purpose.category, new Set(purpose.actions)])),
    notAnEvent: files.cues.not_an_event.map(compileCue),
    confirmed: files.cues.confirmed.map(compileCue),
    unconfirmed: files.cues.unconfirmed.map(compileCue),
    confirmsPrevious: files.cues.confirms_previous.map(compileCue),
    pageSources: files.cues.page_sources.map(compileCue),
    disowns: files.cues.disowns.map(compileCue),
    individualClause: files.cues.individual.map(compileCue),
    treasuryContext: files.cues.treasury_context.map(compileCue),
    portfolioAverage: files.cues.portfolio_average.map(compileCue),
    referenceNoun: new RegExp(
      `\\b(?:${alternation([...files.cues.reference_nouns, ...files.cues.plural_reference_nouns])})\\b`,
      'i',
    ),
    pluralReference: new RegExp(`\\b(?:${alternation(files.cues.plural_reference_nouns)})\\b`, 'i'),
    companyPronoun: new RegExp(
      `\\b(?:${alternation(files.cues.company_pronouns)}|the (?:[\\w-]+ ){1,4}(?:${descriptions}))\\b`,
      'i',
    ),
    numbers: compileNumbers(files.numbers),
    disclosureVerb: new RegExp(`\\b(?:${alternation(files.cues.disclosure_verbs)})\\b`, 'i'),
    spanVerbs: new Set(files.cues.span_verbs.map((verb) => verb.toLowerCase())),
    forwardWord: new RegExp(
      `\\b(?:${alternation([...files.cues.forward_words, ...files.cues.history_words])})\\b`,
      'i',
    ),
    forwardAfter: new RegExp(`^[^.;]*?\\b(?:${alternation(files.cues.forward_after)})\\b`, 'i'),
    reportedThat: new RegExp(`\\b(?:${alternation(files.cues.disclosure_verbs)})\\s+(?:that\\s+)?`, 'gi'),
    companyPronounSubject: new RegExp(
      `\\b(?:${alternation(subjectPronouns)}|the (?:[\\w-]+ ){0,4}(?:${descriptions}))\\b`,
      'i',
    ),
  };
}

const cached = new Map<string, Rulebook>();
/**
 * The rulebook from the project's rules/ folder and, when DATLEDGER_RULES (or --rules) names one,
 * the user's own rules folder beside it; compiled on first use. Worker threads call this too and
 * inherit the environment, so they read the same folders.
 */
export function defaultRulebook(): Rulebook {
  const userDir = userRulesDir();
  let rulebook = cached.get(userDir ?? '');
  if (!rulebook) {
    rulebook = compileRulebook(loadRuleFiles(DEFAULT_RULES_DIR, userDir));
    cached.set(userDir ?? '', rulebook);
  }
  return rulebook;
}
