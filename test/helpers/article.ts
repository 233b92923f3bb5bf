import { createHash } from 'node:crypto';
import { analyzeDocument } from '../../src/analyze.js';
import { defaultRulebook } from '../../src/rulebook/compile.js';
import type { RawDocument } from '../../src/schema/document.js';

/** A raw document from text written in the test. */
export function rawDocument(
  text: string,
  options: { source?: string; published?: string | null; format?: 'text' | 'html' } = {},
): RawDocument {
  return {
    source: options.source ?? 'test.txt',
    kind: 'file',
    format: options.format ?? 'text',
    text,
    contentHash: createHash('sha256').update(text).digest('hex'),
    publishedHint: options.published ?? null,
    observedAt: '2026-11-22T00:00:00.000Z',
  };
}

/** The mentions one text yields, with a publication date to read relative dates against. */
export function mentionsOf(text: string, published: string | null = '2026-02-16', source?: string) {
  return analyzeDocument(rawDocument(text, { published, source }), defaultRulebook()).mentions;
}
