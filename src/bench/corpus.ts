/**
 * A seeded generator of realistic news articles about corporate crypto-treasury moves, for the
 * benchmark: 2-20 KB each, half HTML pages with site furniture (nav, cookie banners, ads, share
 * bars, price widgets, related links, footers), half plain-text copies; about one in five reports
 * a transaction, and every transaction is reported several times with conflicting figures
 * (off by one, rounded, hedged, different totals). A few articles are syndicated reprints (a
 * near-identical text under another masthead) and a few are byte-identical duplicates.
 *
 * Articles are written one at a time: the corpus is never held in memory.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MONTH_NAMES } from '../months.js';
import { Random } from './random.js';

export interface Company {
  name: string;
  ticker: string;
  asset: 'BTC' | 'ETH' | 'SOL';
  miner: boolean;
}

/** Names as the press writes them, with the listing they are quoted under (rules/companies.yaml knows them). */
export const COMPANIES: Company[] = [
  ['Strategy', 'NASDAQ: MSTR', 'BTC', false],
  ['MARA Holdings', 'NASDAQ: MARA', 'BTC', true],
  ['Riot Platforms', 'NASDAQ: RIOT', 'BTC', true],
  ['CleanSpark', 'NASDAQ: CLSK', 'BTC', true],
  ['Cango', 'NYSE: CANG', 'BTC', true],
  ['Empery Digital', 'NASDAQ: EMPD', 'BTC', false],
  ['Sequans Communications', 'NYSE: SQNS', 'BTC', false],
  ['ETHZilla', 'NASDAQ: ETHZ', 'ETH', false],
  ['Bitdeer', 'NASDAQ: BTDR', 'BTC', true],
  ['Metaplanet', 'TSE: 3350', 'BTC', false],
  ['Semler Scientific', 'NASDAQ: SMLR', 'BTC', false],
  ['Hut 8', 'NASDAQ: HUT', 'BTC', true],
  ['Core Scientific', 'NASDAQ: CORZ', 'BTC', true],
  ['Bitfarms', 'NASDAQ: BITF', 'BTC', true],
  ['Cipher Mining', 'NASDAQ: CIFR', 'BTC', true],
  ['HIVE Digital Technologies', 'NASDAQ: HIVE', 'BTC', true],
  ['TeraWulf', 'NASDAQ: WULF', 'BTC', true],
  ['IREN', 'NASDAQ: IREN', 'BTC', true],
  ['Galaxy Digital', 'NASDAQ: GLXY', 'BTC', false],
  ['GameStop', 'NYSE: GME', 'BTC', false],
  ['Twenty One Capital', 'NYSE: XXI', 'BTC', false],
  ['KindlyMD', 'NASDAQ: NAKA', 'BTC', false],
  ['Smarter Web Company', 'AQUIS: SWC', 'BTC', false],
  ['Boyaa Interactive', 'HKEX: 0434', 'BTC', false],
  ['Bitmine Immersion Technologies', 'NYSE American: BMNR', 'ETH', false],
  ['SharpLink Gaming', 'NASDAQ: SBET', 'ETH', false],
  ['The Ether Machine', 'NASDAQ: ETHM', 'ETH', false],
  ['Bit Digital', 'NASDAQ: BTBT', 'ETH', false],
  ['BTCS', 'NASDAQ: BTCS', 'ETH', false],
  ['FG Nexus', 'NASDAQ: FGNX', 'ETH', false],
  ['Forward Industries', 'NASDAQ: FORD', 'SOL', false],
  ['DeFi Development', 'NASDAQ: DFDV', 'SOL', false],
  ['Upexi', 'NASDAQ: UPXI', 'SOL', false],
  ['Sharps Technology', 'NASDAQ: STSS', 'SOL', false],
  ['SOL Strategies', 'NASDAQ: STKE', 'SOL', false],
  ['Canaan', 'NASDAQ: CAN', 'BTC', true],
  ['Exodus Movement', 'NYSE American: EXOD', 'BTC', false],
  ['Genius Group', 'NYSE American: GNS', 'BTC', false],
  ['KULR Technology Group', 'NYSE American: KULR', 'BTC', false],
  ['BitFuFu', 'NASDAQ: FUFU', 'BTC', true],
  ['Greenidge Generation', 'NASDAQ: GREE', 'BTC', true],
  ['American Bitcoin', 'NASDAQ: ABTC', 'BTC', true],
  ['Argo Blockchain', 'LSE: ARB', 'BTC', true],
  ['Neptune Digital Assets', 'TSXV: NDA', 'BTC', false],
].map(([name, ticker, asset, miner]) => ({ name, ticker, asset, miner }) as Company);

/** Companies the lexicon does not know: extraction falls back to compromise for them. */
export const UNKNOWN_COMPANIES = [
  'Northwind Hashing Corp.',
  'Bluepeak Digital Ltd.',
  'Kestrel Treasury Holdings',
  'Ardent Mining Group',
  'Halcyon Ledger Inc.',
];

const ASSET_WORDS: Record<Company['asset'], string[]> = {
  BTC: ['BTC', 'bitcoin', 'bitcoins', 'Bitcoin'],
  ETH: ['ETH', 'ether', 'ETH'],
  SOL: ['SOL', 'SOL', 'solana'],
};
export const PRICE: Record<Company['asset'], [number, number]> = {
  BTC: [58_000, 118_000],
  ETH: [1_800, 4_700],
  SOL: [90, 260],
};
const SHORT_MONTHS = ['Jan.', 'Feb.', 'March', 'April', 'May', 'June', 'July', 'Aug.', 'Sept.', 'Oct.', 'Nov.', 'Dec.'];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
export const SITES = [
  'Blockwire',
  'SatStack',
  'Treasury Tape',
  'CoinRadar',
  'Hashrate Daily',
  'Ledger Street',
  'Chain Brief',
  'Miner Monitor',
  'Digital Asset Desk',
  'The Block Ledger',
];
export const AUTHORS = [
  'Hannah Ortiz',
  'Mia Kowalski',
  'Ana Lindqvist',
  'Tomas Reyes',
  'Priya Natarajan',
  'Jonas Weber',
  'Keiko Sato',
  'Daniel Okafor',
  'Laura Chen',
  'Marek Nowak',
];
export const PURPOSES = [
  'to repay a bitcoin-backed loan',
  'to fund share buybacks',
  'to cover operating costs',
  'to redeem convertible notes',
  'as part of its treasury strategy',
  'to fund an expansion into AI data centers',
  'to strengthen its balance sheet',
];

/**
 * Running prose is assembled from short interchangeable phrases, so that no two articles share
 * many word 5-shingles: real articles are distinct texts, and near-duplicate detection (MinHash)
 * must see them as distinct origins.
 */
const SUBJECTS = [
  'Analysts',
  'Traders',
  'Fund managers',
  'The chief executive',
  'Strategists',
  'Retail investors',
  'Long-term holders',
  'Options dealers',
  'Executives',
  'Critics',
  'Bond investors',
  'Lenders',
  'Exchange operators',
  'Hedge funds',
  'Board members',
  'Index providers',
  'Auditors',
  'Power suppliers',
  'Utilities',
  'Institutional desks',
  'Short sellers',
  'Smaller operators',
  'Venture backers',
  'Crypto lenders',
  'Researchers',
  'Policy makers',
  'Treasury managers',
  'Accountants',
  'Credit analysts',
  'Brokers',
  'Economists',
  'Portfolio managers',
];
const VERBS = [
  'said',
  'argued',
  'warned',
  'noted',
  'expected',
  'pointed out',
  'acknowledged',
  'estimated',
  'suggested',
  'cautioned',
  'doubted',
  'reckoned',
  'signalled',
  'reiterated',
  'conceded',
  'predicted',
  'observed',
  'insisted',
  'maintained',
  'hinted',
  'believe',
  'fear',
  'think',
  'worry',
];
const TOPICS = [
  'the market',
  'new issuance',
  'funding costs',
  'the discount',
  'hashprice',
  'difficulty',
  'the premium',
  'spot liquidity',
  'margin pressure',
  'the basis',
  'fund inflows',
  'power costs',
  'energy contracts',
  'volatility',
  'issuance',
  'rig prices',
  'convertible demand',
  'stablecoin supply',
  'the order book',
  'miner revenue',
  'fee income',
  'dealer positioning',
  'capital spending',
  'cash yields',
  'interest costs',
  'hosting demand',
  'fleet efficiency',
  'curtailment credits',
  'ASIC deliveries',
  'the cost base',
  'index inclusion',
  'share dilution',
];
const PREDICATES = [
  'would stay weak',
  'could widen',
  'had peaked',
  'was unlikely to recover',
  'might tighten',
  'remained the risk',
  'looked stretched',
  'was drifting lower',
  'kept climbing',
  'could rebound',
  'had stabilised',
  'was masking weakness',
  'would matter more',
  'was hard to forecast',
  'deserved scrutiny',
  'could surprise',
  'was priced in',
  'was a constraint',
  'might ease',
  'would shape budgets',
  'will normalise',
  'is overstated',
  'is understated',
  'was improving',
  'was deteriorating',
  'could stall',
];
const TAILS = [
  'through the quarter',
  'into the summer',
  'over coming weeks',
  'for small operators',
  'in the near term',
  'unless prices recover',
  'before the halving',
  'despite recent gains',
  'after a volatile month',
  'in most scenarios',
  'for indebted firms',
  'across the sector',
  'people familiar said',
  'in a client note',
  'on a call',
  'on a podcast',
  'this year',
  'next year',
  'by December',
  'for now',
  'at the margin',
  'in Asia',
  'in Texas',
  'in Europe',
];
const NUMBER_CLAUSES = [
  ', citing a {pct}% drop since {month}',
  ', pointing to ${flows} million of outflows',
  ', after a {pct}% move on {weekday}',
  ', compared with {difficulty} a year earlier',
  ' by {pct} percentage points',
  ', with bitcoin near ${price}',
  ', as difficulty hit {difficulty} trillion',
  ', with hashprice at ${hashprice}',
  ' after {weeks} weeks of declines',
  ', as {flows} rigs came online',
];
const OPENERS = [
  '',
  '',
  '',
  'Still, ',
  'Meanwhile, ',
  'However, ',
  'In short, ',
  'By contrast, ',
  'Separately, ',
  'For now, ',
  'Even so, ',
  'Elsewhere, ',
];
const ACTION_ASIDES = [
  'Selling pressure from miners',
  'Buying by treasury firms',
  'Transfers to exchanges',
  'Mining output',
  'Heavy selling',
  'Steady buying',
];

function fillerSentence(random: Random): string {
  if (random.chance(0.05))
    return (
      `${random.pick(ACTION_ASIDES)} ${random.pick(PREDICATES)} ${random.pick(TAILS)}, ` +
      `${random.pick(SUBJECTS).toLowerCase()} ${random.pick(VERBS)}.`
    );
  const opener = random.pick(OPENERS);
  const subject = random.pick(SUBJECTS);
  // One expression, so the random draws keep their order (the corpus of a seed stays the same).
  const sentence =
    `${opener}${opener ? subject.toLowerCase() : subject} ${random.pick(VERBS)} ${random.pick(TOPICS)} ` +
    `${random.pick(PREDICATES)}${random.chance(0.6) ? ` ${random.pick(TAILS)}` : ''}` +
    `${random.chance(0.4) ? random.pick(NUMBER_CLAUSES) : ''}.`;
  return sentence;
}

const COMPANY_FILLER = [
  '{company} ({ticker}) shares fell {pct}% in early trading after the update.',
  '{company} has said it intends to keep most of its coins as a long-term reserve asset.',
  'A spokesperson for {company} declined to comment on whether further sales were planned.',
  '{company} reported quarterly revenue of ${flows} million, above analyst estimates.',
  'Executives at {company} said on a call with analysts that they were focused on lowering costs.',
];

const RELATED_HEADLINES = [
  'Hashprice at a Multi-Year Low: What It Means for Public Miners',
  'Explainer: What mNAV Means for Treasury Stocks',
  'Why Hashprice Matters More Than the Bitcoin Price for Miners',
  'How Ether Treasury Companies Fund Their Purchases',
  'Spot ETF Flows Turn Negative for a Third Week',
  'Five Charts That Explain the Miner Squeeze',
  'The Treasury Trade, One Year On',
  'Who Is Still Buying? A Look at the Largest Corporate Holders',
  'Difficulty Adjustment Preview: Another Record Ahead',
];

/** One transaction, reported by several articles that do not agree on every figure. */
interface Transaction {
  id: number;
  company: Company | null;
  unknown: string | null;
  asset: Company['asset'];
  action: 'sell' | 'buy' | 'transfer' | 'mine';
  quantity: number;
  price: number;
  date: Date;
  holdings: number;
  purpose: string;
  reports: number;
}

export interface CorpusStats {
  files: number;
  bytes: number;
  html: number;
  text: number;
  withTransactions: number;
  transactions: number;
  reprints: number;
  duplicates: number;
}

export interface GeneratedArticle {
  name: string;
  content: string;
  format: 'html' | 'text';
}

/** 1234567.5 -> "1,234,567.50" (toLocaleString is slow enough to dominate generation). */
export const fmt = (value: number, decimals = 0) => {
  const [whole, fraction] = value.toFixed(decimals).split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction ? `.${fraction}` : ''}`;
};
const iso = (date: Date) => date.toISOString().slice(0, 10);
export const longDate = (date: Date) =>
  `${MONTH_NAMES[date.getUTCMonth()]} ${date.getUTCDate()}, ${date.getUTCFullYear()}`;
export const shortDate = (date: Date) => `${SHORT_MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}`;
export const addDays = (date: Date, days: number) => new Date(date.getTime() + days * 86_400_000);
export const money = (usd: number) =>
  usd >= 1e9
    ? `$${(usd / 1e9).toFixed(2)} billion`
    : usd >= 1e6
      ? `$${(usd / 1e6).toFixed(1)} million`
      : `$${fmt(usd)}`;

/**
 * Yields `count` articles, deterministic for a seed. Transactions are drawn from a rolling pool so
 * that the reports of one transaction are spread over nearby articles, as a news cycle is.
 */
export function* generateArticles(
  count: number,
  seed = 20260209,
): Generator<GeneratedArticle & { transaction: number | null; reprint: boolean; duplicate: boolean }> {
  const random = new Random(seed);
  const open: Transaction[] = [];
  let transactions = 0;
  const recent: GeneratedArticle[] = [];
  const start = Date.UTC(2024, 0, 1);
  for (let index = 0; index < count; index++) {
    const name = `${String(Math.floor(index / 1000)).padStart(3, '0')}/${String(index).padStart(6, '0')}`;
    // Byte-identical duplicates (the same page saved twice) and syndicated reprints (another masthead).
    if (recent.length > 10 && random.chance(0.01)) {
      const original = random.pick(recent);
      yield {
        name: `${name}${original.format === 'html' ? '.html' : '.txt'}`,
        content: original.content,
        format: original.format,
        transaction: null,
        reprint: false,
        duplicate: true,
      };
      continue;
    }
    const format: 'html' | 'text' = random.chance(0.5) ? 'html' : 'text';
    const published = new Date(start + Math.floor((index / Math.max(1, count)) * 800 + random.int(0, 20)) * 86_400_000);
    const targetBytes = Math.round(random.logUniform(2_000, 20_000));
    let transaction: Transaction | null = null;
    if (random.chance(0.2)) {
      if (open.length < 3 || random.chance(0.35)) open.push(newTransaction(random, published, transactions++));
      const at = random.int(0, open.length - 1);
      transaction = open[at];
      if (--transaction.reports <= 0) open.splice(at, 1);
    }
    const site = random.pick(SITES);
    const reprintOf = !transaction && recent.length > 10 && random.chance(0.03) ? random.pick(recent) : null;
    const body = reprintOf ? null : articleBody(random, transaction, targetBytes - (format === 'html' ? 2_200 : 600));
    const article = reprintOf
      ? { ...reprint(reprintOf, random.pick(SITES)), name: `${name}${reprintOf.format === 'html' ? '.html' : '.txt'}` }
      : {
          name: `${name}.${format === 'html' ? 'html' : 'txt'}`,
          content:
            format === 'html' ? renderHtml(random, body!, site, published) : renderText(random, body!, site, published),
          format,
        };
    recent.push(article);
    if (recent.length > 50) recent.shift();
    yield { ...article, transaction: transaction?.id ?? null, reprint: reprintOf !== null, duplicate: false };
  }
}

/**
 * Writes generated articles into `dir` (their names carry a folder of 1,000 files each), counting
 * files, bytes and formats into new stats; `each` counts what is particular to a corpus.
 */
export function writeArticles<A extends { name: string; content: string; format: string }>(
  dir: string,
  articles: Iterable<A>,
  each: (article: A, stats: CorpusStats) => void,
): CorpusStats {
  const stats: CorpusStats = {
    files: 0,
    bytes: 0,
    html: 0,
    text: 0,
    withTransactions: 0,
    transactions: 0,
    reprints: 0,
    duplicates: 0,
  };
  let folder = '';
  for (const article of articles) {
    const [sub] = article.name.split('/');
    if (sub !== folder) mkdirSync(join(dir, (folder = sub)), { recursive: true });
    writeFileSync(join(dir, article.name), article.content);
    stats.files++;
    stats.bytes += Buffer.byteLength(article.content);
    if (article.format === 'html') stats.html++;
    else stats.text++;
    each(article, stats);
  }
  return stats;
}

/** Writes the corpus into `dir` (1,000 files a folder) and returns what it wrote. */
export function writeCorpus(dir: string, count: number, seed?: number): CorpusStats {
  const reported = new Set<number>();
  const stats = writeArticles(dir, generateArticles(count, seed), (article, stats) => {
    if (article.transaction !== null) {
      stats.withTransactions++;
      reported.add(article.transaction);
    }
    if (article.reprint) stats.reprints++;
    if (article.duplicate) stats.duplicates++;
  });
  stats.transactions = reported.size;
  return stats;
}

function newTransaction(random: Random, published: Date, id: number): Transaction {
  const unknown = random.chance(0.04) ? random.pick(UNKNOWN_COMPANIES) : null;
  const company = unknown ? null : random.pick(COMPANIES);
  const asset = company?.asset ?? 'BTC';
  const action =
    company?.miner && random.chance(0.35) ? 'mine' : random.pick(['sell', 'buy', 'buy', 'transfer'] as const);
  const [low, high] = PRICE[asset];
  const scale = asset === 'BTC' ? 1 : asset === 'ETH' ? 20 : 300;
  const quantity =
    action === 'mine'
      ? random.int(80, 900)
      : Math.round(random.logUniform(5, 12_000) * scale * (random.chance(0.2) ? 1.013 : 1));
  return {
    id,
    company,
    unknown,
    asset,
    action,
    quantity,
    price: random.int(low, high),
    date: addDays(published, -random.int(1, 6)),
    holdings: quantity * random.int(2, 12),
    purpose: random.pick(PURPOSES),
    reports: random.int(2, 6),
  };
}

function fill(random: Random, template: string, company?: Company): string {
  return template
    .replaceAll('{price}', fmt(random.int(58_000, 118_000)))
    .replaceAll('{weekday}', random.pick(WEEKDAYS))
    .replaceAll('{pct}', (random.next() * 9 + 0.2).toFixed(1))
    .replaceAll('{difficulty}', String(random.int(80, 160)))
    .replaceAll('{hashprice}', String(random.int(32, 60)))
    .replaceAll('{flows}', String(random.int(12, 900)))
    .replaceAll('{weeks}', String(random.int(2, 14)))
    .replaceAll('{month}', random.pick(MONTH_NAMES))
    .replaceAll('{company}', company?.name ?? 'The company')
    .replaceAll('{ticker}', company?.ticker ?? 'OTC: NONE');
}

export interface Body {
  title: string;
  paragraphs: { heading?: string; text: string }[];
  related: string[];
}

/** The reporting of one transaction, in one of several styles, with this article's version of the figures. */
function transactionParagraphs(random: Random, t: Transaction): { title: string; paragraphs: string[] } {
  const who = t.unknown ?? t.company!.name;
  const listed = t.company ? `${t.company.name} (${t.company.ticker})` : t.unknown!;
  const word = random.pick(ASSET_WORDS[t.asset]);
  // Conflicting figures: exact, off by one, rounded and hedged, depending on the outlet.
  const variant = random.int(0, 5);
  const q =
    variant === 1
      ? t.quantity + 1
      : variant === 2 && t.quantity > 100
        ? Math.round(t.quantity / 100) * 100
        : t.quantity;
  const qText =
    variant === 2 ? `about ${fmt(q)}` : variant === 3 ? `more than ${fmt(Math.floor(q / 10) * 10)}` : fmt(q);
  const price = variant === 4 ? Math.round(t.price / 1000) * 1000 : t.price;
  const total = q * price * (variant === 5 ? 1.04 : 1);
  const when = random.chance(0.5) ? `on ${shortDate(t.date)}` : `over ${shortDate(t.date)}-${t.date.getUTCDate() + 1}`;
  const verb = {
    sell: random.pick(['sold', 'offloaded', 'sold', 'divested']),
    buy: random.pick(['bought', 'acquired', 'purchased', 'added']),
    transfer: random.pick(['transferred', 'moved', 'deposited']),
    mine: random.pick(['mined', 'produced']),
  }[t.action];
  const headVerb = { sell: 'Sells', buy: 'Buys', transfer: 'Moves', mine: 'Mines' }[t.action];
  const headTail =
    t.action === 'sell'
      ? ` ${random.pick(['to Pay Down Debt', 'as Losses Mount', 'Amid Miner Squeeze'])}`
      : t.action === 'buy'
        ? ` ${random.pick(['as It Keeps Stacking', 'Into the Dip', 'in Latest Purchase'])}`
        : '';
  const title = `${who} ${headVerb} ${fmt(q)} ${t.asset}${headTail}`;
  const paragraphs: string[] = [];
  if (t.action === 'mine') {
    const month = MONTH_NAMES[t.date.getUTCMonth()];
    paragraphs.push(
      `In ${month}, ${listed} ${verb} ${qText} ${word}, down from ${fmt(Math.round(q * 1.08))} ${word} ` +
        'in the previous month, the company said in its monthly production update.',
    );
    paragraphs.push(
      `The miner said it held ${fmt(t.holdings)} ${t.asset} at the end of the month and sold none of its production.`,
    );
  } else if (t.action === 'transfer') {
    paragraphs.push(
      `${listed} ${verb} ${qText} ${t.asset} to exchange-linked wallets ${when}, ` +
        'according to on-chain data reviewed by analysts.',
    );
    paragraphs.push(
      'Some traders read the transfers as a prelude to selling, ' +
        'but the company has not confirmed that any of the coins were sold.',
    );
  } else {
    const style = random.int(0, 2);
    if (style === 0)
      paragraphs.push(
        `${listed} said on ${random.pick(WEEKDAYS)} it had ${verb} ${qText} ${word} ${when} ` +
          `at an average price of $${fmt(price)} per coin, for about ${money(total)} in total.`,
      );
    else if (style === 1)
      paragraphs.push(
        `According to a filing with regulators, ${who} ${verb} ${qText} ${word} for roughly ${money(total)}, ` +
          (t.action === 'sell'
            ? `leaving it with ${fmt(t.holdings - q)} ${t.asset}.`
            : `bringing its holdings to ${fmt(t.holdings + q)} ${t.asset}.`),
      );
    else
      paragraphs.push(
        `The ${t.action === 'sell' ? 'sale' : 'purchase'} of ${qText} ${t.asset} was completed ${when}, ${who} said, ` +
          `with the company paying an average of $${fmt(price)} apiece.`,
      );
    paragraphs.push(
      (t.action === 'sell'
        ? 'The proceeds will be used '
        : 'The purchase was funded with proceeds from an at-the-market share offering and is meant ') +
        `${t.purpose.replace(/^to /, 'to ').replace(/^as /, 'as ')}, the company said.`,
    );
    if (random.chance(0.5))
      paragraphs.push(
        `${who} ${t.action === 'sell' ? 'had previously held' : 'now holds'} ` +
          `${fmt(t.action === 'sell' ? t.holdings : t.holdings + q)} ${t.asset}, ` +
          `${random.pick(['according to its latest disclosure', 'based on company statements', 'according to a public tracker'])}.`,
      );
  }
  return { title, paragraphs };
}

export function articleBody(random: Random, transaction: Transaction | null, targetBytes: number): Body {
  const company = random.pick(COMPANIES);
  const paragraphs: Body['paragraphs'] = [];
  let title: string;
  let size = 0;
  if (transaction) {
    const report = transactionParagraphs(random, transaction);
    title = report.title;
    paragraphs.push({ text: report.paragraphs.join(' ') });
    size += paragraphs[0].text.length;
  } else {
    title = random.pick([
      'Miners Face a Difficult Quarter as Hashprice Slides',
      'Treasury Stocks Trade Below Their Coin Holdings',
      `${company.name} Keeps Its Coins as Prices Fall`,
      'What the Latest ETF Flows Say About Demand',
      'Bitcoin Slips Below Key Support in Thin Holiday Trading',
      'Why Some Treasury Companies Are Turning Sellers',
    ]);
  }
  while (size < targetBytes) {
    const sentences: string[] = [];
    for (let i = random.int(3, 6); i > 0; i--)
      sentences.push(
        random.chance(0.08)
          ? fill(random, random.pick(COMPANY_FILLER), random.pick(COMPANIES))
          : fill(random, fillerSentence(random)),
      );
    const paragraph = {
      heading: random.chance(0.2)
        ? random.pick([
            'What is left in the treasury',
            'Squeezed margins',
            'Not the only seller',
            'What analysts expect',
            'The bigger picture',
            'Market context',
          ])
        : undefined,
      text: sentences.join(' '),
    };
    paragraphs.push(paragraph);
    size += paragraph.text.length + (paragraph.heading?.length ?? 0);
  }
  const related = Array.from({ length: random.int(2, 4) }, () => random.pick(RELATED_HEADLINES));
  return { title, paragraphs, related };
}

export function renderHtml(random: Random, body: Body, site: string, published: Date): string {
  const slug = body.title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 60);
  const widget = () => `<span class="price-widget">$${fmt(random.int(58_000, 118_000), 2)}</span>`;
  const parts: string[] = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${body.title} | ${site}</title>`,
    `<meta property="og:site_name" content="${site}">`,
    `<meta property="og:title" content="${body.title}">`,
    `<link rel="canonical" href="https://${site.toLowerCase().replace(/\s+/g, '')}.example/news/${slug}">`,
    random.chance(0.6)
      ? '<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",' +
        `"headline":${JSON.stringify(body.title)},"datePublished":"${published.toISOString()}",` +
        `"author":{"@type":"Person","name":"${random.pick(AUTHORS)}"}}</script>`
      : `<meta property="article:published_time" content="${published.toISOString()}">`,
    '<style>.ad{min-height:90px}.share-bar a{margin:0 4px}</style>',
    '<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}</script>',
    '</head>',
    '<body>',
    '<div class="cookie-notice" role="dialog">We use cookies to personalise content and measure traffic. ' +
      '<button>Accept all</button> <button>Manage preferences</button></div>',
    `<header class="site-header"><a class="logo" href="/">${site}</a><nav><a href="/news">News</a> ` +
      '<a href="/markets">Markets</a> <a href="/mining">Mining</a> <a href="/learn">Learn</a> ' +
      '<a href="/newsletter">Newsletter</a></nav>',
    `<div class="ticker">BTC <span>$${fmt(random.int(58_000, 118_000), 2)}</span> ` +
      `ETH <span>$${fmt(random.int(1_800, 4_700), 2)}</span> ` +
      `SOL <span>$${fmt(random.int(90, 260), 2)}</span></div></header>`,
    '<div class="ad ad-leaderboard">Advertisement</div>',
    '<main>',
    '<article>',
    `<h1>${body.title}</h1>`,
    `<p class="byline">By ${random.pick(AUTHORS)} &middot; ${random.int(2, 9)} min read</p>`,
    '<div class="share-bar"><a href="#">Share on X</a> <a href="#">Telegram</a> ' +
      '<a href="#">Facebook</a> <a href="#">Copy link</a></div>',
  ];
  body.paragraphs.forEach((paragraph, index) => {
    if (paragraph.heading) parts.push(`<h2>${paragraph.heading}</h2>`);
    const text = random.chance(0.1) ? paragraph.text.replace(/\bBitcoin\b/, `Bitcoin${widget()}`) : paragraph.text;
    parts.push(`<p>${text.replaceAll('&', '&amp;')}</p>`);
    if (index === 1)
      parts.push(
        '<div class="newsletter-prompt">Tired of ads? Create a free account and read every story ad-free. ' +
          '<a href="/register">Sign up</a></div>',
      );
    if (index % 4 === 3) parts.push('<div class="ad ad-inline">Advertisement</div>');
  });
  parts.push('</article>', '<aside class="related">', '<h3>Related articles</h3>', '<ul>');
  for (const headline of body.related)
    parts.push(`<li><a href="/news/${headline.toLowerCase().replace(/[^a-z0-9]+/g, '-')}">${headline}</a></li>`);
  parts.push(
    '</ul>',
    '</aside>',
    '</main>',
    `<footer><small>&copy; ${published.getUTCFullYear()} ${site}. All rights reserved. ` +
      'Nothing here is investment advice.</small>' +
      '<nav><a href="/about">About</a> <a href="/privacy">Privacy</a></nav></footer>',
    '</body>',
    '</html>',
    '',
  );
  return parts.join('\n');
}

export function renderText(random: Random, body: Body, site: string, published: Date): string {
  const lines: string[] = [
    body.title,
    `${site} | ${random.pick(['Mining & Infrastructure', 'Markets', 'Treasuries', 'Policy'])}`,
    `By ${random.pick(AUTHORS)}`,
    random.chance(0.5)
      ? `Published: ${iso(published)} ${random.int(10, 23)}:${random.int(10, 59)} UTC`
      : longDate(published),
    '',
  ];
  for (const paragraph of body.paragraphs) {
    if (paragraph.heading) lines.push(paragraph.heading);
    lines.push(paragraph.text, '');
  }
  lines.push(
    'Also read:',
    ...body.related,
    '',
    'Share',
    'X',
    'Telegram',
    'LinkedIn',
    'Copy link',
    '',
    `Disclaimer: ${site} coverage is provided for information only and does not constitute investment advice.`,
    '',
  );
  return lines.join('\n');
}

/** The same story under another masthead: near-identical text, another origin only in name. */
function reprint(original: GeneratedArticle, site: string): GeneratedArticle {
  const content =
    original.format === 'html'
      ? original.content
          .replace(/<title>([^|<]*)\| [^<]*<\/title>/, `<title>$1| ${site}</title>`)
          .replace(/og:site_name" content="[^"]*"/, `og:site_name" content="${site}"`)
      : original.content.replace(/^([^\n]*\n)[^\n|]*\|/, `$1${site} |`) +
        `\nThis story was first published by a partner outlet and is republished by ${site}.\n`;
  return { name: original.name, content, format: original.format };
}
