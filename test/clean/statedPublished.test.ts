import { describe, expect, it } from 'vitest';
import { cleanDocument } from '../../src/clean/index.js';
import type { RawDocument } from '../../src/schema/document.js';
import { rawDocument } from '../helpers/article.js';

/**
 * Which publication date a page gets: a date stated for the page (its sidecar, paste --published)
 * > the date the page shows > a batch's --published > an update date > none. Never the file's time.
 */
const body = 'Northwind Mining said it sold 120 bitcoin on Monday to pay for new machines at its Ohio site.';
const labelled = `Northwind sells\nPublished: March 4, 2026\n\n${body}`;
const updatedOnly = `Northwind sells\nUpdated 10 Mar 2022\n\n${body}`;
const undated = `Northwind sells\n\n${body}`;

function dated(text: string, stated: Partial<RawDocument>) {
  const article = cleanDocument({ ...rawDocument(text, { published: null }), ...stated });
  return {
    published: article.published,
    source: article.publishedSource,
    page: article.pagePublished ?? null,
    pageSource: article.pagePublishedSource,
  };
}

describe('precedence of publication dates', () => {
  it('a sidecar beats the date the page shows, which is kept beside it', () => {
    expect(dated(labelled, { publishedHint: '2026-03-03', publishedHintSource: 'sidecar' })).toEqual({
      published: '2026-03-03',
      source: 'sidecar',
      page: '2026-03-04',
      pageSource: 'label',
    });
  });
  it('paste --published does too', () => {
    expect(dated(labelled, { publishedHint: '2026-03-03' })).toMatchObject({
      published: '2026-03-03',
      source: 'option',
    });
  });
  it('the date the page shows beats a batch date', () => {
    expect(dated(labelled, { publishedFallback: '2026-05-01' })).toMatchObject({
      published: '2026-03-04',
      source: 'label',
    });
  });
  it('a batch date beats an update date, which is no publication date', () => {
    expect(dated(updatedOnly, { publishedFallback: '2022-03-08' })).toMatchObject({
      published: '2022-03-08',
      source: 'batch',
      page: '2022-03-10',
      pageSource: 'updated',
    });
    expect(dated(updatedOnly, {})).toMatchObject({ published: '2022-03-10', source: 'updated' });
  });
  it('a batch date dates a page that shows none', () => {
    expect(dated(undated, { publishedFallback: '2026-05-01' })).toEqual({
      published: '2026-05-01',
      source: 'batch',
      page: null,
      pageSource: 'none',
    });
  });
  it('the time a file was saved is never a publication date', () => {
    expect(dated(undated, { observedAt: '2020-01-01T12:00:00.000Z' })).toEqual({
      published: null,
      source: 'none',
      page: null,
      pageSource: 'none',
    });
  });
});
