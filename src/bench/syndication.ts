/**
 * A seeded syndication-heavy corpus for the benchmark (issue 13): the opposite of corpus.ts, where
 * most pages report nothing and few texts are alike. Here nearly every page reports a transaction,
 * and it is the same few press releases over and over:
 *
 *   - a release (one company's purchase, sale, monthly output, move to an exchange or funded
 *     purchase) is reprinted by many sites (3 to 60 copies, each under its own masthead, with the
 *     site's lead-in, byline or disclaimer, half of them HTML, some cut before the boilerplate);
 *   - five release templates are reused all the time with new names and figures, so a company's
 *     weekly update is much like last week's and like every other company's.
 *
 * One article in ten is an ordinary market piece (corpus.ts's prose). Reprints of one release are
 * spread over nearby articles, as a news cycle is. Articles are written one at a time.
 */
import { MONTH_NAMES } from '../months.js';
import {
  addDays,
  articleBody,
  AUTHORS,
  COMPANIES,
  fmt,
  longDate,
  money,
  PRICE,
  PURPOSES,
  renderHtml,
  renderText,
  shortDate,
  SITES,
  UNKNOWN_COMPANIES,
  type Body,
  type Company,
  type CorpusStats,
  type GeneratedArticle,
  writeArticles,
} from './corpus.js';
import { Random } from './random.js';

type Kind = 'weekly' | 'sale' | 'production' | 'transfer' | 'placement';

/** One press release: its facts and how many more sites will still reprint it. */
interface Release {
  id: number;
  kind: Kind;
  company: Company;
  quantity: number;
  price: number;
  holdings: number;
  date: Date;
  purpose: string;
  body: Body;
  reprints: number;
}

const CITIES = [
  'TYSONS, Va.',
  'LAS VEGAS',
  'AUSTIN, Texas',
  'MIAMI',
  'NEW YORK',
  'DENVER',
  'TORONTO',
  'LONDON',
  'SINGAPORE',
  'ZUG, Switzerland',
];
const COIN: Record<Company['asset'], string> = { BTC: 'bitcoin', ETH: 'ether', SOL: 'SOL' };
const DESCRIPTORS = [
  'a company that holds digital assets as its primary treasury reserve',
  'a listed operator of digital asset infrastructure',
  'a technology company with a digital asset treasury',
  'an industrial-scale digital asset company',
];
const SITE_SUFFIXES = ['Wire', 'Daily', 'Post', 'Journal', 'Times', 'Report', 'Insider', 'Review', 'Herald', 'Monitor'];

/** Reprinting sites: corpus.ts's mastheads and more, so one release can run on dozens of them. */
const REPRINT_SITES = [
  ...SITES,
  ...['Crypto', 'Coin', 'Chain', 'Block', 'Hash', 'Ledger', 'Mint', 'Token'].flatMap((stem) =>
    SITE_SUFFIXES.map((suffix) => `${stem} ${suffix}`),
  ),
];

/** The facts of a release as its template tells them. The same sentences every time but for names and figures. */
function releaseBody(
  random: Random,
  kind: Kind,
  company: Company,
  facts: Omit<Release, 'body' | 'reprints' | 'id' | 'kind' | 'company'>,
): Body {
  const { quantity, price, holdings, date, purpose } = facts;
  const asset = company.asset;
  const coin = COIN[asset];
  const name = company.name;
  const dateline =
    `${random.pick(CITIES)}, ${longDate(addDays(date, 1))} -- ` +
    `${name} (${company.ticker}), ${random.pick(DESCRIPTORS)},`;
  const total = money(quantity * price);
  const paragraphs: string[] = [];
  let title: string;
  if (kind === 'weekly' || kind === 'placement') {
    title = `${name} Acquires ${fmt(quantity)} ${asset} and Now Holds ${fmt(holdings)} ${asset}`;
    if (kind === 'placement') {
      paragraphs.push(
        `${dateline} today announced that it closed a private placement of ${money(quantity * price * 1.1)} ` +
          `with institutional investors and used most of the proceeds to purchase ${fmt(quantity)} ${asset} ` +
          `at an average price of $${fmt(price)} per ${coin}.`,
      );
      paragraphs.push(
        "The placement was priced at a premium to the company's last closing share price, " +
          'and the remaining proceeds are held in cash for general corporate purposes ' +
          `and further purchases of ${coin}.`,
      );
    } else {
      paragraphs.push(
        `${dateline} today announced that it acquired ${fmt(quantity)} ${asset} for approximately ${total} in cash, ` +
          `at an average price of approximately $${fmt(price)} per ${coin}, ` +
          `between ${shortDate(addDays(date, -6))} and ${shortDate(date)}.`,
      );
      paragraphs.push(
        "The purchases were funded with proceeds from the company's at-the-market equity program, " +
          `under which it sold ${fmt(random.int(100_000, 9_000_000))} shares during the period ` +
          `for net proceeds of ${money(quantity * price * 1.02)}.`,
      );
    }
    paragraphs.push(
      `As of ${longDate(date)}, ${name} held ${fmt(holdings)} ${asset}, ` +
        `acquired for an aggregate purchase price of approximately ${money(holdings * price * 0.8)} ` +
        `at an average price of approximately $${fmt(Math.round(price * 0.8))} per ${coin}, ` +
        'inclusive of fees and expenses.',
    );
    paragraphs.push(
      `The company measures its progress by the amount of ${coin} held per share, ` +
        'a figure it reports with every update and which rose ' +
        `${(random.next() * 3 + 0.1).toFixed(1)}% over the quarter to date. ` +
        `Management has said that it intends to keep acquiring ${coin} when capital can be raised ` +
        'on terms that increase that figure for shareholders, ' +
        'and that it does not plan to sell its holdings to fund operations.',
    );
  } else if (kind === 'sale') {
    const reason = random.pick(['to Repay Debt', 'to Fund Buybacks', 'and Updates Its Treasury Policy']);
    title = `${name} Sells ${fmt(quantity)} ${asset} ${reason}`;
    paragraphs.push(
      `${dateline} today announced that it sold ${fmt(quantity)} ${asset} ` +
        `between ${shortDate(addDays(date, -3))} and ${shortDate(date)} for net proceeds of approximately ${total}, ` +
        `an average of $${fmt(price)} per ${coin}.`,
    );
    paragraphs.push(
      `The proceeds will be used ${purpose}, the company said. ` +
        `After the sale the company holds ${fmt(holdings)} ${asset}, ` +
        'and it said it keeps the remainder as a long-term reserve.',
    );
    paragraphs.push(
      'The board reviewed the treasury policy over the last quarter and concluded that a smaller reserve, ' +
        'with less borrowing against it, suits the company better while financing costs stay high. ' +
        `The company said it may buy ${coin} again when its balance sheet allows, ` +
        'and that it will report any further change to its holdings in its regular updates.',
    );
  } else if (kind === 'production') {
    const month = MONTH_NAMES[date.getUTCMonth()];
    title = `${name} Reports ${month} Production and Operations Update`;
    paragraphs.push(
      `${dateline} today published its unaudited production and operations update ` +
        `for ${month} ${date.getUTCFullYear()}.`,
    );
    paragraphs.push(
      `In ${month}, ${name} mined ${fmt(quantity)} BTC, ` +
        `compared with ${fmt(Math.round(quantity * (0.9 + random.next() * 0.2)))} BTC in the prior month, ` +
        `and held ${fmt(holdings)} BTC at month end. The company said it sold none of its production during the month.`,
    );
    paragraphs.push(
      `Operating hashrate averaged ${(random.next() * 30 + 10).toFixed(1)} EH/s for the month, ` +
        `and the fleet's efficiency improved to ${(random.next() * 6 + 15).toFixed(1)} J/TH ` +
        'as older machines were retired. ' +
        'Curtailment during periods of high power prices reduced uptime, as in previous summers, ' +
        'and the company again earned credits for the power it returned to the grid.',
    );
  } else {
    title = `${name} Moves ${fmt(quantity)} ${asset} to Exchange Wallets`;
    paragraphs.push(
      `${name} (${company.ticker}) transferred ${fmt(quantity)} ${asset} to wallets linked to an exchange ` +
        `on ${shortDate(date)}, according to on-chain data reviewed by analysts, ` +
        'in what would be one of its larger moves this year.',
    );
    paragraphs.push(
      'The company has not said whether any of the coins were sold. ' +
        `It held about ${fmt(holdings)} ${asset} before the transfer, according to a public tracker, ` +
        'and moves of this size have in the past preceded sales as often as they have preceded custody changes.',
    );
    paragraphs.push(
      'Analysts who follow the company said that the transfer alone proves little, ' +
        'since treasury companies move coins between custodians for many reasons, ' +
        'including loans secured by their holdings and the consolidation of wallets after an acquisition.',
    );
  }
  paragraphs.push(
    `About ${name}: ${name} is listed under the ticker ${company.ticker} and holds ${coin} on its balance sheet. ` +
      'The company publishes its holdings, its purchases and its sales on its investor relations website, ' +
      'where its filings and past announcements can also be found.',
  );
  paragraphs.push(
    'Forward-looking statements: this announcement contains statements about future events and expectations, ' +
      "including the company's plans for its treasury, that are forward-looking. " +
      "They are based on the company's current assumptions and are subject to risks, " +
      'including the volatility of digital asset prices, changes in regulation and the availability of financing, ' +
      'that could cause actual results to differ materially. ' +
      'The company undertakes no obligation to update them, except as required by law.',
  );
  return { title, paragraphs: paragraphs.map((text) => ({ text })), related: [] };
}

function newRelease(random: Random, id: number, published: Date): Release {
  // Names varied: mostly the known companies, one in ten a company the lexicon does not list.
  const known = random.pick(COMPANIES);
  const company: Company = random.chance(0.1)
    ? {
        name: random.pick(UNKNOWN_COMPANIES),
        ticker: `OTC: ${String.fromCharCode(65 + random.int(0, 25))}${String.fromCharCode(65 + random.int(0, 25))}XX`,
        asset: 'BTC',
        miner: random.chance(0.5),
      }
    : known;
  const kinds: Kind[] = company.miner
    ? ['production', 'production', 'sale', 'weekly', 'transfer']
    : ['weekly', 'weekly', 'placement', 'sale', 'transfer'];
  const kind = random.pick(kinds);
  const scale = company.asset === 'BTC' ? 1 : company.asset === 'ETH' ? 20 : 300;
  const quantity = kind === 'production' ? random.int(80, 900) : Math.round(random.logUniform(5, 9_000) * scale);
  const [low, high] = PRICE[company.asset];
  const facts = {
    quantity,
    price: random.int(low, high),
    holdings: quantity * random.int(3, 40),
    date: addDays(published, -random.int(1, 3)),
    purpose: random.pick(PURPOSES),
  };
  return { id, kind, company, ...facts, body: releaseBody(random, kind, company, facts), reprints: random.int(3, 60) };
}

/**
 * One site's copy of a release: its own masthead and furniture, sometimes a lead-in, a byline line or a
 * disclaimer, sometimes cut short.
 */
function reprintBody(random: Random, release: Release, site: string): Body {
  const paragraphs = release.body.paragraphs.slice();
  // Some sites drop the forward-looking statements, or the "About" paragraph too.
  if (random.chance(0.3)) paragraphs.splice(paragraphs.length - random.int(1, 2));
  if (random.chance(0.4))
    paragraphs.unshift({
      text: random.pick([
        `${site} republishes this announcement as received from the company.`,
        `The following release was distributed by ${release.company.name} through a newswire service.`,
        `Reporting by ${random.pick(AUTHORS)}; editing by ${random.pick(AUTHORS)}.`,
      ]),
    });
  if (random.chance(0.3))
    paragraphs.push({ text: `${site} did not verify the figures in this release. Nothing here is investment advice.` });
  const related = random.chance(0.5)
    ? [`More from ${site}: ${release.company.name} news`, `${release.company.asset} price today`]
    : [];
  return {
    title: random.chance(0.3) ? `${release.body.title} | Press Release` : release.body.title,
    paragraphs,
    related,
  };
}

/**
 * Yields `count` articles, deterministic for a seed. A rolling pool of releases being reprinted:
 * each article is a reprint of one of them, or starts a new one, or (one in ten) is a market piece.
 */
export function* generateSyndicatedArticles(
  count: number,
  seed = 20260213,
): Generator<GeneratedArticle & { release: number | null }> {
  const random = new Random(seed);
  const open: Release[] = [];
  let releases = 0;
  const start = Date.UTC(2024, 0, 1);
  for (let index = 0; index < count; index++) {
    const name = `${String(Math.floor(index / 1000)).padStart(3, '0')}/${String(index).padStart(6, '0')}`;
    const format: 'html' | 'text' = random.chance(0.5) ? 'html' : 'text';
    const site = random.pick(REPRINT_SITES);
    let body: Body;
    let release: Release | null = null;
    let published: Date;
    if (random.chance(0.1)) {
      published = new Date(start + Math.floor((index / Math.max(1, count)) * 800) * 86_400_000);
      body = articleBody(random, null, Math.round(random.logUniform(1_500, 8_000)));
    } else {
      if (open.length < 4 || random.chance(0.03))
        open.push(
          newRelease(random, releases++, new Date(start + Math.floor((index / Math.max(1, count)) * 800) * 86_400_000)),
        );
      const at = random.int(0, open.length - 1);
      release = open[at];
      if (--release.reprints <= 0) open.splice(at, 1);
      published = addDays(release.date, random.int(1, 3));
      body = reprintBody(random, release, site);
    }
    const content =
      format === 'html' ? renderHtml(random, body, site, published) : renderText(random, body, site, published);
    yield { name: `${name}.${format === 'html' ? 'html' : 'txt'}`, content, format, release: release?.id ?? null };
  }
}

/** Writes the syndication-heavy corpus into `dir` (1,000 files a folder) and returns what it wrote. */
export function writeSyndicatedCorpus(dir: string, count: number, seed?: number): CorpusStats {
  const seen = new Set<number>();
  const stats = writeArticles(dir, generateSyndicatedArticles(count, seed), (article, stats) => {
    if (article.release === null) return;
    stats.withTransactions++;
    // Every copy of a release after its first is a reprint.
    if (seen.has(article.release)) stats.reprints++;
    else seen.add(article.release);
  });
  stats.transactions = seen.size;
  return stats;
}
