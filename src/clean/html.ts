import * as cheerio from 'cheerio';
import type { Element } from 'domhandler';
import type { Zone } from '../schema/document.js';
import { publishedFromHtml, type PublishedDate } from './published.js';

export interface HtmlPage {
  title: string | null;
  siteName: string | null;
  canonicalUrl: string | null;
  published: PublishedDate | null;
  lines: { text: string; zone: Zone }[];
}

const DROP = 'script, style, noscript, iframe, svg, form, button, template, nav, footer, header:not(article header), [role="navigation"], [role="banner"], [role="contentinfo"], [aria-hidden="true"], .ad, .ads, .advert, .advertisement, [class*="share"], [class*="social"], [class*="newsletter"], [class*="cookie"], [class*="subscribe"], [class*="comment"], [id*="cookie"], [class*="price-widget"], [class*="ticker"], [class*="breadcrumb"]';
const RELATED = 'aside, .related, .related-links, [class*="related"], [class*="read-more"], [class*="more-news"], [class*="recommended"]';
const BLOCKS = 'h1, h2, h3, h4, h5, h6, p, li, blockquote, pre, tr, figcaption, dt, dd';

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Main text, title and dates of a saved or fetched page. htmlparser2 parses ~3x faster than parse5. */
export function parseHtml(html: string, url: string | null): HtmlPage {
  const $ = cheerio.load(html, { xml: { xmlMode: false, decodeEntities: true } });
  const title = squash($('meta[property="og:title"]').attr('content') ?? $('title').first().text() ?? '') || null;
  const siteName = squash($('meta[property="og:site_name"]').attr('content') ?? '') || null;
  const canonicalUrl = $('link[rel="canonical"]').attr('href') ?? $('meta[property="og:url"]').attr('content') ?? null;
  const published = publishedFromHtml($, url);

  const related: string[] = [];
  $(RELATED).each((_, element) => {
    $(element).find('a, li, h2, h3, h4').each((__, item) => {
      const text = squash($(item).text());
      if (text.split(' ').length >= 3 && !related.includes(text)) related.push(text);
    });
    $(element).remove();
  });
  $(DROP).remove();

  const root = pickMainContainer($);
  const lines: HtmlPage['lines'] = [];
  if (title && !root.find('h1').length) lines.push({ text: title, zone: 'heading' });
  root.find(BLOCKS).each((_, element) => {
    if ($(element).parents(BLOCKS).length > 0 && element.tagName !== 'tr') return;
    if (element.tagName === 'tr') {
      const cells = $(element).children('td, th').toArray().map((cell) => squash($(cell).text())).filter(Boolean);
      if (cells.length > 0) lines.push({ text: cells.join(' | '), zone: 'body' });
      return;
    }
    if ($(element).parents('tr').length > 0) return;
    const text = squash($(element).text());
    if (text) lines.push({ text, zone: /^h[1-6]$/.test(element.tagName) ? 'heading' : 'body' });
  });
  if (lines.length === 0) {
    const text = squash(root.text());
    if (text) lines.push({ text, zone: 'body' });
  }
  for (const text of related) lines.push({ text, zone: 'related' });
  return { title, siteName, canonicalUrl, published, lines };
}

/** The element holding the article: <article>, articleBody, <main>, else the one with the most paragraph text. */
function pickMainContainer($: cheerio.CheerioAPI): cheerio.Cheerio<Element> {
  for (const selector of ['[itemprop="articleBody"]', 'article', 'main', '[role="main"]', '.article-body', '.post-content', '.entry-content']) {
    const found = $(selector).first();
    if (found.length && squash(found.text()).length > 200) return found as cheerio.Cheerio<Element>;
  }
  let best: cheerio.Cheerio<Element> = $('body') as cheerio.Cheerio<Element>;
  let bestScore = 0;
  $('div, section').each((_, element) => {
    const score = $(element).children('p').text().length;
    if (score > bestScore) {
      bestScore = score;
      best = $(element) as cheerio.Cheerio<Element>;
    }
  });
  return bestScore > 200 ? best : ($('body').length ? $('body') : $.root()) as cheerio.Cheerio<Element>;
}
