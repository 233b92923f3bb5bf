import { describe, expect, it } from 'vitest';
import { cleanDocument } from '../../src/clean/index.js';
import { rawDocument } from '../helpers/article.js';

const body = 'Northwind Mining said it sold 120 bitcoin during the week to pay for new machines at its Ohio site.';

describe('publication date of a cleaned page', () => {
  const page = (head: string, main = '') => `<!doctype html><html><head><title>Northwind sells</title>${head}</head><body><article><h1>Northwind sells bitcoin</h1>${main}<p>${body}</p></article></body></html>`;
  const htmlDate = (head: string, main = '') => {
    const article = cleanDocument(rawDocument(page(head, main), { format: 'html', source: 'page.html' }));
    return [article.published, article.publishedSource];
  };
  it('HTML: the date in the canonical address when nothing else dates the page', () => expect(htmlDate('<link rel="canonical" href="https://news.example/markets/2025/01/03/northwind-sells/">')).toEqual(['2025-01-03', 'canonical']));
  it('HTML: or in og:url', () => expect(htmlDate('<meta property="og:url" content="https://news.example/2025/11/15/northwind-sells">')).toEqual(['2025-11-15', 'canonical']));
  it('HTML: meta before the canonical address', () => expect(htmlDate('<meta property="article:published_time" content="2025-01-02T09:00:00Z"><link rel="canonical" href="https://news.example/2025/01/03/northwind-sells/">')).toEqual(['2025-01-02', 'meta']));
  it('HTML: the time tag marked as the publication, not the one marked as the update', () => expect(htmlDate('', '<time class="updated" datetime="2025-07-25">July 25</time><time class="published" datetime="2025-07-24">July 24</time>')).toEqual(['2025-07-24', 'time']));
});
