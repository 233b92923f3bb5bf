/**
 * Synthetic TransactionMentions for the reconcile benchmark: ~200 companies, each holding one or
 * two assets and doing several kinds of action (so ~800 blocks), with a transaction history over
 * six years and several reports per transaction that disagree the way the press does (off by one,
 * rounded, hedged, another total, a coarser date, no date at all).
 */
import type { Interval, TransactionMention } from '../schema/mention.js';
import { Random } from './random.js';

const PREFIXES = [
  'North',
  'Blue',
  'Iron',
  'Silver',
  'Granite',
  'Harbor',
  'Summit',
  'Cedar',
  'Atlas',
  'Polar',
  'Vertex',
  'Meridian',
  'Apex',
  'Crescent',
  'Falcon',
  'Orion',
  'Pioneer',
  'Redwood',
  'Sterling',
  'Tidal',
];
const SUFFIXES = [
  'Digital',
  'Mining',
  'Holdings',
  'Treasury',
  'Capital',
  'Technologies',
  'Hash',
  'Ledger',
  'Power',
  'Data',
];
const ASSETS: [string, number][] = [
  ['BTC', 60_000],
  ['ETH', 3_000],
  ['SOL', 150],
  ['XRP', 2],
  ['DOGE', 0.2],
];
const RULES = ['event.verb-quantity', 'event.noun-of-quantity', 'event.quantity-passive', 'event.quantity-noun'];

interface Plan {
  company: string;
  ticker: string;
  asset: string;
  price: number;
  actions: TransactionMention['action'][];
}

function companies(random: Random, count: number): Plan[] {
  const plans: Plan[] = [];
  for (let i = 0; i < count; i++) {
    // Every prefix with every suffix, then the same names numbered.
    const suffix = SUFFIXES[Math.floor(i / PREFIXES.length) % SUFFIXES.length];
    const name = `${PREFIXES[i % PREFIXES.length]} ${suffix}${i >= PREFIXES.length * SUFFIXES.length ? ` ${i}` : ''} Inc.`;
    const ticker = `${name.replace(/[^A-Z]/g, '').slice(0, 3)}${i % 10}`;
    const [asset, price] = random.chance(0.6) ? ASSETS[0] : random.pick(ASSETS);
    const miner = asset === 'BTC' && random.chance(0.4);
    const actions: TransactionMention['action'][] = miner
      ? ['mine', 'sell', 'transfer']
      : random.chance(0.5)
        ? ['buy', 'sell', 'transfer']
        : ['buy', 'sell'];
    plans.push({ company: name, ticker, asset, price, actions });
    // Some companies hold a second asset (another block per action).
    if (random.chance(0.3)) {
      const [second, secondPrice] = random.pick(ASSETS.filter(([symbol]) => symbol !== asset));
      plans.push({ company: name, ticker, asset: second, price: secondPrice, actions: ['buy', 'sell'] });
    }
  }
  return plans;
}

const DAY = 86_400_000;
const START = Date.UTC(2020, 0, 1);
const SPAN_DAYS = 6.5 * 365;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const exact = (value: number): Interval => ({ value, low: value, high: value, approx: false });

/**
 * Yields `count` mentions. Memory is what a caller keeps: reconcile() takes an array, so the
 * benchmark holds them all, but each transaction's evidence text is shared by its reports.
 */
export function* syntheticMentions(count: number, seed = 8, companyCount = 200): Generator<TransactionMention> {
  const random = new Random(seed);
  const plans = companies(random, companyCount);
  let made = 0;
  let transaction = 0;
  while (made < count) {
    const plan = random.pick(plans);
    const action = random.pick(plan.actions);
    const scale = plan.asset === 'BTC' ? 1 : 60_000 / plan.price;
    const quantity =
      action === 'mine' ? random.int(50, 900) : Math.round(random.logUniform(1, 20_000) * scale * 100) / 100;
    const unit = Math.round(plan.price * (0.6 + random.next() * 0.8));
    const day = START + Math.floor(random.next() * SPAN_DAYS) * DAY;
    const holdings = Math.round(quantity * random.int(2, 15));
    const verb = { buy: 'bought', sell: 'sold', mine: 'mined', transfer: 'transferred' }[action];
    const evidence = `${plan.company} ${verb} ${quantity} ${plan.asset}`;
    const reports = Math.min(count - made, random.int(1, 7));
    const tx = transaction++;
    for (let r = 0; r < reports; r++) {
      const variant = random.int(0, 9);
      const q =
        variant === 1
          ? quantity + 1
          : variant === 2
            ? exact(Math.round(quantity / 100) * 100 || quantity).value
            : quantity;
      const approx = variant === 3;
      const quantityInterval: Interval = approx ? { value: q, low: q * 0.95, high: q * 1.05, approx: true } : exact(q);
      const dateMs = variant === 4 ? day + random.int(-2, 2) * DAY : day;
      const date = variant === 5 ? null : variant === 6 ? iso(dateMs).slice(0, 7) : iso(dateMs);
      const origin = (tx * 8 + r).toString(16).padStart(16, '0');
      const sourceRank = r === 0 && random.chance(0.3) ? 3 : random.chance(0.1) ? 0 : 1;
      const key = `${origin}:${random.int(0, 5)}`;
      const total = variant === 7 ? q * unit * 1.04 : q * unit;
      made++;
      yield {
        key,
        source: `https://news${r % 17}.example/${tx}`,
        published: iso(day + (r + 1) * DAY),
        origin,
        sourceRank,
        zone: sourceRank === 0 ? 'related' : 'body',
        company: plan.company,
        ticker: plan.ticker,
        asset: plan.asset,
        action,
        quantity: quantityInterval,
        unitPriceUsd: random.chance(0.5) ? exact(unit) : null,
        totalUsd: random.chance(0.6) ? exact(Math.round(total)) : null,
        otherCurrencyTotal: null,
        purpose: random.chance(0.3) ? ['treasury'] : [],
        date,
        dateEnd: null,
        dateKind: date === null ? null : variant === 8 ? 'announced' : 'executed',
        holdingsBefore: random.chance(0.2) ? exact(holdings) : null,
        holdingsAfter: random.chance(0.3) ? exact(action === 'sell' ? holdings - q : holdings + q) : null,
        status: action === 'transfer' ? 'unconfirmed' : sourceRank === 3 ? 'confirmed' : 'reported',
        confidence: 0.7,
        evidence,
        sentenceStart: 0,
        provenance: { action: [{ text: evidence, start: 0, end: evidence.length, rule: RULES[r % RULES.length] }] },
        rules: [RULES[r % RULES.length]],
      };
    }
  }
}
