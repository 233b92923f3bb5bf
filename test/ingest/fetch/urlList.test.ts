import { describe, expect, it } from 'vitest';
import { parseUrlList } from '../../../src/ingest/fetch/index.js';

describe('parseUrlList', () => {
  it('keeps one trimmed URL a line and drops comments and blank lines', () => {
    const text = [
      '# sources for the weekly run',
      'https://example.com/a',
      '   https://example.com/b   ',
      '',
      '\t',
      '  # indented comment',
      'http://example.org/c?x=1#frag',
    ].join('\n');
    expect(parseUrlList(text)).toEqual([
      'https://example.com/a',
      'https://example.com/b',
      'http://example.org/c?x=1#frag',
    ]);
  });

  it('strips a trailing comment but keeps a fragment', () => {
    expect(parseUrlList('https://example.com/a#part   # the interesting one\n')).toEqual([
      'https://example.com/a#part',
    ]);
  });

  it('handles CRLF line endings and an empty file', () => {
    expect(parseUrlList('https://a.example/\r\nhttps://b.example/\r\n')).toEqual([
      'https://a.example/',
      'https://b.example/',
    ]);
    expect(parseUrlList('')).toEqual([]);
  });
});
