import type { AnyNode, Element } from 'domhandler';
import { textContent } from 'domutils';
import { firstAttribute, selectEvery } from './select.js';
import type { PublishedSource } from '../schema/document.js';

export interface PublishedDate { date: string; source: PublishedSource }

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';
const pad = (n: number) => String(n).padStart(2, '0');

/** An ISO day from a machine date ("2026-02-09T10:00:00Z", "2026-02-09") or null. */
export function isoDay(value: string | undefined | null): string | null {
  if (!value) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value.trim());
  if (match) return valid(Number(match[1]), Number(match[2]), Number(match[3]));
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? null : new Date(parsed).toISOString().slice(0, 10);
}

function valid(year: number, month: number, day: number): string | null {
  if (year < 1990 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** A dateline written for people: "February 9, 2026", "9 Feb 2026", "Published: 2026-02-10". */
export function datelineFromText(text: string): string | null {
  const iso = /\b(?:published|updated|posted|date)?\s*:?\s*(\d{4})-(\d{2})-(\d{2})\b/i.exec(text);
  if (iso) return valid(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const us = new RegExp(`\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'i').exec(text);
  if (us) return valid(Number(us[3]), MONTHS.indexOf(us[1].slice(0, 3).toLowerCase()) + 1, Number(us[2]));
  const uk = new RegExp(`\\b(\\d{1,2})\\s+${MONTH}\\s+(\\d{4})\\b`, 'i').exec(text);
  if (uk) return valid(Number(uk[3]), MONTHS.indexOf(uk[2].slice(0, 3).toLowerCase()) + 1, Number(uk[1]));
  return null;
}

/** A date in a URL path: /2026/02/09/ or -2026-02-09. */
export function dateFromUrl(url: string): string | null {
  const match = /[/_-](20\d{2})[/_-](\d{2})[/_-](\d{2})(?:[/_.-]|$)/.exec(url);
  return match ? valid(Number(match[1]), Number(match[2]), Number(match[3])) : null;
}

function fromJsonLd(node: unknown): string | null {
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = fromJsonLd(item);
      if (found) return found;
    }
    return null;
  }
  if (node && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    if (typeof record.datePublished === 'string') return isoDay(record.datePublished);
    if (record['@graph']) return fromJsonLd(record['@graph']);
  }
  return null;
}

/** The publication time tag: one marked as the publication first; one marked as the update never. */
function publishedTime(document: AnyNode): string | null {
  const marks = (element: Element) => `${element.attribs.class ?? ''} ${element.attribs.itemprop ?? ''} ${element.attribs.id ?? ''}`;
  const times = selectEvery('time[datetime]', document);
  const marked = times.find((element) => /publish|pubdate|posted/i.test(marks(element)));
  const plain = times.find((element) => !/updat|modif/i.test(marks(element)));
  return isoDay((marked ?? plain)?.attribs.datetime);
}

/** The publication date of an HTML page, and which part of the page gave it. */
export function publishedFromHtml(document: AnyNode, url: string | null): PublishedDate | null {
  for (const element of selectEvery('script[type="application/ld+json"]', document)) {
    try {
      const date = fromJsonLd(JSON.parse(textContent(element)));
      if (date) return { date, source: 'json-ld' };
    } catch {
      // A broken JSON-LD block is common; the other signals still count.
    }
  }
  const meta = firstAttribute('meta[property="article:published_time"], meta[name="article:published_time"], meta[itemprop="datePublished"], meta[name="pubdate"], meta[name="publishdate"], meta[name="date"], meta[name="dc.date"], meta[name="DC.date.issued"], meta[property="og:published_time"]', document, 'content');
  const metaDate = isoDay(meta);
  if (metaDate) return { date: metaDate, source: 'meta' };
  const timeDate = publishedTime(document);
  if (timeDate) return { date: timeDate, source: 'time' };
  const urlDate = url ? dateFromUrl(url) : null;
  if (urlDate) return { date: urlDate, source: 'url' };
  // The address the page gives for itself: a CMS writes the day of publication into it (/2025/01/03/).
  const canonical = firstAttribute('link[rel="canonical"]', document, 'href') ?? firstAttribute('meta[property="og:url"]', document, 'content');
  const canonicalDate = canonical ? dateFromUrl(canonical) : null;
  if (canonicalDate) return { date: canonicalDate, source: 'canonical' };
  return null;
}
