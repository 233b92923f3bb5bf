import { describe, expect, it } from 'vitest';
import { reconcile } from '../../src/reconcile/index.js';
import { TransactionMention } from '../../src/schema/mention.js';
import { mentionsOf } from '../helpers/article.js';
import { report } from './reports.js';

// Reports written for these tests; each [text, published, source].
const reconciled = (pages: [string, string, string][]) =>
  reconcile(pages.flatMap(([text, published, source]) => mentionsOf(text, published, source)));
const summary = (events: ReturnType<typeof reconcile>) =>
  events.map((event) => `${event.company} ${event.action} ${event.quantity} ${event.date}`).sort();

describe('one transaction, though the reports differ on the count (issue 12)', () => {
  it('five reports, three of 1,200 BTC and two of 1,500 BTC sold on March 3 with the same holdings after, are one sale with the quantity in conflict', () => {
    const events = reconciled([
      [
        'Bitfarms sold 1,200 BTC on March 3, the miner said, leaving it with 2,300 BTC in reserve.',
        '2026-03-04',
        'a1.txt',
      ],
      [
        'Canadian miner Bitfarms sold 1,200 bitcoin on March 3 to pay for new machines. After the sale the company holds 2,300 BTC.',
        '2026-03-04',
        'a2.txt',
      ],
      [
        'On March 3, Bitfarms sold 1,200 BTC. The company now has 2,300 bitcoin left on its balance sheet.',
        '2026-03-05',
        'a3.txt',
      ],
      [
        'Bitfarms sold 1,500 BTC on March 3, according to people familiar with the matter, and is left with 2,300 BTC.',
        '2026-03-04',
        'a4.txt',
      ],
      [
        'Bitfarms sold 1,500 bitcoin on March 3, leaving the miner with 2,300 BTC in its treasury.',
        '2026-03-06',
        'a5.txt',
      ],
    ]);
    expect(events).toHaveLength(1);
    const [sale] = events;
    expect([sale.company, sale.action, sale.date, sale.holdingsAfter, sale.sourceCount]).toEqual([
      'Bitfarms Ltd.',
      'sell',
      '2026-03-03',
      2300,
      5,
    ]);
    const quantity = sale.fields.quantity;
    expect(quantity.state).toBe('open');
    expect(quantity.suggestion).toBe('1200');
    expect(quantity.candidates.map((candidate) => [candidate.value, candidate.sources.length])).toEqual([
      ['1200', 3],
      ['1500', 2],
    ]);
    // The reason says in words what was weighed.
    expect(quantity.reason).toContain('same day (2026-03-03) (+4)');
    expect(quantity.reason).toContain('same holdings after (2,300) (+3)');
    expect(quantity.reason).toContain('quantities differ (1,500 vs 1,200) (-3)');
    // Nothing else is in dispute: the date and holdings agree.
    expect(
      Object.entries(sale.fields)
        .filter(([, field]) => field.state === 'open')
        .map(([name]) => name),
    ).toEqual(['quantity']);
  });

  it('"sold 1,200 bitcoin on March 2" and "sold 1,500 bitcoin on March 2" by one company are one event with a quantity conflict', () => {
    const events = reconciled([
      ['Hashmere Mining Inc. sold 1,200 bitcoin on March 2, a filing shows.', '2026-03-03', 'p1.txt'],
      ['Hashmere Mining Inc. sold 1,500 bitcoin on March 2, traders said.', '2026-03-03', 'p2.txt'],
    ]);
    expect(events).toHaveLength(1);
    expect(events[0].fields.quantity.state).toBe('open');
    expect(events[0].fields.quantity.candidates.map((candidate) => candidate.value).sort()).toEqual(['1200', '1500']);
  });

  it('before - after settles the count the reports disagree on', () => {
    const events = reconcile([
      report({
        source: 'x.txt',
        company: 'Hashmere Mining Inc.',
        quantity: 1200,
        date: '2026-03-02',
        holdingsBefore: 5200,
        holdingsAfter: 4000,
      }),
      report({
        source: 'y.txt',
        company: 'Hashmere Mining Inc.',
        quantity: 1500,
        date: '2026-03-02',
        holdingsAfter: 4000,
      }),
      report({ source: 'z.txt', company: 'Hashmere Mining Inc.', quantity: 1500, date: '2026-03-02' }),
    ]);
    expect(events).toHaveLength(1);
    expect(events[0].quantity).toBe(1200);
    expect(events[0].fields.quantity.state).toBe('settled');
    expect(events[0].fields.quantity.reason).toMatch(
      /^5,200 - quantity = 4,000 gives 1,200 \(holdings before and after\)/,
    );
  });
});

describe('two transactions on one day stay apart when the evidence says so', () => {
  it('a different holdings trail', () => {
    const events = reconciled([
      ['Hashmere Mining Inc. sold 1,200 bitcoin on March 2, leaving it with 4,000 BTC.', '2026-03-03', 'q1.txt'],
      ['Hashmere Mining Inc. sold 1,500 bitcoin on March 2, leaving it with 2,500 BTC.', '2026-03-03', 'q2.txt'],
    ]);
    expect(summary(events)).toEqual([
      'Hashmere Mining Inc. sell 1200 2026-03-02',
      'Hashmere Mining Inc. sell 1500 2026-03-02',
    ]);
    const later = events.find((event) => event.quantity === 1500)!;
    expect(later.fields.quantity.reason).toContain(
      'kept apart from 1,200 (q1.txt, 2026-03-02): quantities differ (1,500 vs 1,200) (-3), same day (2026-03-02) (+4), different holdings after (2,500 vs 4,000) (-3); score -2',
    );
  });

  it('one page telling of "two sales"', () => {
    const events = reconciled([
      [
        'Orrin Hash Corp. made two sales on March 2. Orrin Hash Corp. sold 800 bitcoin on March 2 in the morning. Orrin Hash Corp. sold 650 bitcoin on March 2 in the afternoon.',
        '2026-03-03',
        'r1.txt',
      ],
    ]);
    expect(summary(events)).toEqual(['Orrin Hash Corp. sell 650 2026-03-02', 'Orrin Hash Corp. sell 800 2026-03-02']);
  });

  it('words for another transaction, on different pages', () => {
    const events = reconciled([
      ['Orrin Hash Corp. sold 800 bitcoin on March 2.', '2026-03-03', 's1.txt'],
      ['Orrin Hash Corp. sold another 650 bitcoin on March 2, a second sale that day.', '2026-03-03', 's2.txt'],
    ]);
    expect(events).toHaveLength(2);
  });

  it("both counts stated by the company's own releases", () => {
    const release = (source: string, quantity: number) =>
      TransactionMention.parse({
        ...report({ source, company: 'Orrin Hash Corp.', quantity, date: '2026-03-02' }),
        sourceRank: 3,
        status: 'confirmed',
      });
    expect(reconcile([release('pr1.txt', 800), release('pr2.txt', 650)])).toHaveLength(2);
    // The same two counts from the press, with nothing else said, are one sale in dispute.
    expect(
      reconcile([
        report({ source: 'n1.txt', company: 'Orrin Hash Corp.', quantity: 800, date: '2026-03-02' }),
        report({ source: 'n2.txt', company: 'Orrin Hash Corp.', quantity: 650, date: '2026-03-02' }),
      ]),
    ).toHaveLength(1);
  });

  it('a month is not a day: different counts "in March" stay two transactions', () => {
    const events = reconcile([
      report({ source: 'm1.txt', company: 'Orrin Hash Corp.', action: 'mine', quantity: 410, date: '2026-03' }),
      report({ source: 'm2.txt', company: 'Orrin Hash Corp.', action: 'mine', quantity: 455, date: '2026-03' }),
    ]);
    expect(events).toHaveLength(2);
  });

  it('the same count on different execution days with different holdings after are two purchases (weekly buyers)', () => {
    const events = reconcile([
      report({
        source: 'w1.txt',
        company: 'Orrin Hash Corp.',
        action: 'buy',
        quantity: 500,
        date: '2026-03-02',
        holdingsAfter: 10_500,
      }),
      report({
        source: 'w2.txt',
        company: 'Orrin Hash Corp.',
        action: 'buy',
        quantity: 500,
        date: '2026-03-09',
        holdingsAfter: 11_000,
      }),
    ]);
    expect(events).toHaveLength(2);
  });
});

describe('dates are intervals with a precision (issue 11)', () => {
  it('a coarse date is compatible with any finer one inside it', () => {
    const events = reconcile([
      report({ source: 'd1.txt', company: 'Orrin Hash Corp.', quantity: 800, date: '2026-03' }),
      report({ source: 'd2.txt', company: 'Orrin Hash Corp.', quantity: 800, date: '2026-03-17' }),
      report({ source: 'd3.txt', company: 'Orrin Hash Corp.', quantity: 800, date: '2026' }),
    ]);
    expect(events).toHaveLength(1);
    expect(events[0].date).toBe('2026-03-17');
    expect(events[0].fields.date.state).not.toBe('open');
  });

  it("a date only guessed (the section's year) never splits an event", () => {
    const guessed = TransactionMention.parse({
      ...report({ source: 'g1.txt', company: 'Orrin Hash Corp.', quantity: 800, date: '2025' }),
      dateKind: 'context',
    });
    const events = reconcile([
      guessed,
      report({ source: 'g2.txt', company: 'Orrin Hash Corp.', quantity: 800, date: '2026-03-17' }),
    ]);
    expect(events).toHaveLength(1);
    expect(events[0].date).toBe('2026-03-17');
  });
});

describe('quantity x unit price ~ total, rounding understood', () => {
  const sale = (source: string, totalUsd: number | ReturnType<typeof about>, price = 85_000) =>
    TransactionMention.parse({
      ...report({ source, company: 'Orrin Hash Corp.', quantity: 1200, totalUsd, date: '2026-03-02' }),
      unitPriceUsd: { value: price, low: price, high: price, approx: false },
    });
  const about = (value: number) => ({ value, low: value * 0.9, high: value * 1.1, approx: true });

  it('"about $102 million" vs "$96 million" for 1,200 x $85,000 is a conflict, not a silent pick', () => {
    const [event] = reconcile([sale('t1.txt', about(102_000_000)), sale('t2.txt', 96_000_000)]);
    const total = event.fields.total_usd;
    expect(total.state).toBe('open');
    expect(total.suggestion).toBe('102000000');
    expect(total.reason).toContain('96,000,000 contradicts 1,200 x 85,000 = 102,000,000 beyond rounding');
    expect(total.candidates.map((candidate) => candidate.value)).toContain('102000000');
  });

  it('a total one rounding away from the product agrees ("$101.9 million", "$102 million")', () => {
    const [event] = reconcile([sale('t3.txt', 101_900_000), sale('t4.txt', 102_000_000)]);
    expect(event.fields.total_usd.state).not.toBe('open');
  });

  it('a lone total that contradicts quantity x price is flagged with the product as a candidate', () => {
    const [event] = reconcile([sale('t5.txt', 150_000_000)]);
    expect(event.fields.total_usd.state).toBe('open');
    expect(event.fields.total_usd.reason).toContain('no report states a total that agrees');
  });
});

describe('one page, two figures far apart', () => {
  const bothFigures =
    'Kestrel Mining Inc. began selling in May and sped up in June, when it sold more than 7,000 bitcoin. In all it ended up dumping almost 10,000 bitcoin across May and June.';
  const twoSales = ['Kestrel Mining Inc. sell 10000 2026-05', 'Kestrel Mining Inc. sell 7000 2026-06'];

  it('"more than 7,000 BTC in June" and "almost 10,000 across May and June" on one page are two sales, though their hedges overlap', () => {
    const events = reconciled([[bothFigures, '2026-07-13', 'k1.txt']]);
    expect(summary(events)).toEqual(twoSales);
  });

  it('the page still tells them apart when other pages reported the smaller sale first', () => {
    const sale = 'Kestrel Mining Inc. sold more than 7,000 bitcoin in June.';
    const events = reconciled([
      [sale, '2026-07-02', 'a1.txt'],
      [sale, '2026-07-03', 'a2.txt'],
      [bothFigures, '2026-07-13', 'k1.txt'],
    ]);
    expect(summary(events)).toEqual(twoSales);
    expect(events.find((event) => event.quantity === 7000)!.sources).toEqual(['a1.txt', 'a2.txt', 'k1.txt']);
  });

  it('a headline\'s "about 4,500 BTC" and the body\'s 4,451 BTC on one page stay one sale', () => {
    const events = reconciled([
      [
        'Kestrel Mining Inc. sells about 4,500 BTC\nKestrel Mining Inc. sold 4,451 BTC on March 3 to repay a loan.',
        '2026-03-04',
        'k2.txt',
      ],
    ]);
    expect(events).toHaveLength(1);
  });
});
