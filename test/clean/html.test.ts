import { describe, expect, it } from 'vitest';
import { cleanDocument } from '../../src/clean/index.js';
import { rawDocument } from '../helpers/article.js';

const bodyLines = (body: string) =>
  cleanDocument(rawDocument(`<html><body><article>${body}</article></body></html>`, { format: 'html' }), [
    'BTC',
    'ETH',
  ]).lines.map((line) => line.text);

describe('block text in HTML pages', () => {
  const rows: [string, string, string[]][] = [
    [
      'a footnote written inside its superscript is read after the sentence',
      '<p>Treasury holdings<sup class="fn"><span>1</span><span>Holdings leave out 300 ETH lent to a market maker.</span></sup> of ETH were 9,000 at the end of June.</p>',
      ['Treasury holdings of ETH were 9,000 at the end of June.', 'Holdings leave out 300 ETH lent to a market maker.'],
    ],
    [
      'a footnote marker is dropped',
      '<p>Orbitra mined 212 BTC<sup>2</sup> in June and sold none of them.</p>',
      ['Orbitra mined 212 BTC in June and sold none of them.'],
    ],
    [
      'an ordinal stays',
      '<p>On the 3<sup>rd</sup> of June Orbitra bought 40 BTC for its reserve.</p>',
      ['On the 3rd of June Orbitra bought 40 BTC for its reserve.'],
    ],
    [
      'a line break parts the words on either side',
      '<p>Top sellers in June<br>Source: company filings and our own count of their output</p>',
      ['Top sellers in June Source: company filings and our own count of their output'],
    ],
  ];
  it.each(rows)('%s', (_why, body, expected) => expect(bodyLines(body)).toEqual(expected));

  it('splits a markdown table run into one paragraph', () =>
    expect(
      bodyLines('<p>Item | Value | ---|---| Latest purchase | 42 BTC for $4 million | Held after | 1,040 BTC |</p>'),
    ).toEqual(['Item | Value', 'Latest purchase | 42 BTC for $4 million', 'Held after | 1,040 BTC']));
});
