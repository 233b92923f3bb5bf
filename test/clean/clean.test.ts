import { describe, expect, it } from 'vitest';
import { cleanDocument } from '../../src/clean/index.js';
import { normalizeLine } from '../../src/clean/normalizeText.js';
import { rawDocument } from '../helpers/article.js';

describe('normalising lines', () => {
  const rows: [string, string][] = [
    [
      'offloading 4,451 Bitcoin$62,477.67 for roughly $305 million',
      'offloading 4,451 Bitcoin for roughly $305 million',
    ],
    ['Bitmine sold 10,000 ETH $2,996.40 +1.2% to fund buybacks', 'Bitmine sold 10,000 ETH to fund buybacks'],
    ['sold over Feb. 7–8', 'sold over Feb. 7-8'],
    ['hashprice—the daily revenue', 'hashprice - the daily revenue'],
    ['Cango’s “treasury”', 'Cango\'s "treasury"'],
  ];
  it.each(rows)('%s', (input, output) => expect(normalizeLine(input, ['BTC', 'ETH'])).toBe(output));
});

describe('plain-text pages', () => {
  const text = [
    'Cango Sells 4,451 BTC',
    'February 9, 2026',
    '',
    'Cango sold 4,451 bitcoin over the weekend.',
    'Share',
    'Telegram',
    'Related Articles',
    'Strategy Adds 1,142 Bitcoin Before Late Week Selloff',
    '免责声明:本文章仅代表作者个人观点',
  ].join('\n');
  const article = cleanDocument(rawDocument(text));
  it('zones headings, body, related links and boilerplate', () => {
    expect(article.lines.map((line) => [line.zone, line.text.slice(0, 20)])).toEqual([
      ['heading', 'Cango Sells 4,451 BT'],
      ['heading', 'February 9, 2026'],
      ['body', 'Cango sold 4,451 bit'],
      ['boilerplate', 'Share'],
      ['boilerplate', 'Telegram'],
      ['boilerplate', 'Related Articles'],
      ['related', 'Strategy Adds 1,142 '],
      ['boilerplate', '免责声明:本文章仅代表作者个人观点'],
    ]);
  });
  it('finds a dateline in the text', () =>
    expect([article.published, article.publishedSource]).toEqual(['2026-02-09', 'text']));
  it('keeps line offsets that index the text', () => {
    for (const line of article.lines)
      expect(article.text.slice(line.start, line.start + line.text.length)).toBe(line.text);
  });
});

describe('HTML pages', () => {
  const page = (
    head: string,
    body = '',
  ) => `<!doctype html><html><head><title>Cango sells bitcoin</title>${head}</head><body>
    <nav><a href="/">Home</a> <a href="/markets">Markets</a></nav>
    <div class="ad">Trade crypto with zero fees</div>
    <article><h1>Cango sells 4,451 BTC</h1>${body}<p>Cango sold 4,451 bitcoin over the weekend for about $305 million, the company said in a statement on Monday.</p>
    <div class="share-bar">Share on X</div></article>
    <aside class="related"><ul><li><a href="/a">Strategy Adds 1,142 BTC as Paper Losses Top $5 Billion</a></li></ul></aside>
    <footer>© 2026 Example Media</footer></body></html>`;
  const published = (head: string, body = '', url = 'page.html') => {
    const article = cleanDocument(rawDocument(page(head, body), { format: 'html', source: url }));
    return [article.published, article.publishedSource];
  };
  it('reads the date from JSON-LD first', () =>
    expect(
      published(
        '<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","datePublished":"2026-02-09T08:00:00Z"}]}</script><meta property="article:published_time" content="2026-02-10">',
      ),
    ).toEqual(['2026-02-09', 'json-ld']));
  it('then article meta', () =>
    expect(published('<meta property="article:published_time" content="2026-02-10T10:00:00+00:00">')).toEqual([
      '2026-02-10',
      'meta',
    ]));
  it('then a time tag', () =>
    expect(published('', '<time datetime="2026-02-11">Feb 11</time>')).toEqual(['2026-02-11', 'time']));
  it('then the URL', () =>
    expect(published('', '', 'https://news.example/2026/02/12/cango-sells')).toEqual(['2026-02-12', 'url']));
  it('keeps the article and related links, drops navigation, ads, share bars and footers', () => {
    const article = cleanDocument(rawDocument(page(''), { format: 'html' }));
    const zones = article.lines.map((line) => `${line.zone}: ${line.text}`);
    expect(zones).toContain('heading: Cango sells 4,451 BTC');
    expect(zones.some((line) => line.startsWith('body: Cango sold 4,451 bitcoin'))).toBe(true);
    expect(zones).toContain('related: Strategy Adds 1,142 BTC as Paper Losses Top $5 Billion');
    expect(article.text).not.toMatch(/zero fees|Share on X|Example Media|Markets/);
  });
});

describe('amounts are not price widgets', () => {
  // A widget glues a price to a word ("Bitcoin$62,477.67"); an amount names its currency with
  // letters ("US$40 million") or carries a magnitude. Those stay.
  it.each([
    ['Kestrel has put about US$40 million into bitcoin.', 'Kestrel has put about US$40 million into bitcoin.'],
    ['It raised HK$12.5 million and A$5 million.', 'It raised HK$12.5 million and A$5 million.'],
    ['It sold 4,451 Bitcoin$62,477.67 for roughly $305 million.', 'It sold 4,451 Bitcoin for roughly $305 million.'],
    ['The coin traded near Bitcoin$62,477.67 +1.2% today.', 'The coin traded near Bitcoin today.'],
  ])('%s', (line, expected) => expect(normalizeLine(line, ['BTC', 'ETH'])).toBe(expected));
});

describe('dated list entries are read, not taken for headings', () => {
  it.each([
    ['05/06/2025: Purchased 167 BTC worth 16.2 million USD', 'body'],
    ['March 3 - Sold 120 BTC to a market maker', 'body'],
    ['Kestrel Buys More Bitcoin', 'heading'],
  ])('%s', (line, zone) => {
    const article = cleanDocument(
      rawDocument(`Kestrel Labs Inc. reported its purchases.\n\n${line}\n\nThe company said more would follow.`),
    );
    expect(article.lines.find((candidate) => candidate.text === line)?.zone).toBe(zone);
  });
});
