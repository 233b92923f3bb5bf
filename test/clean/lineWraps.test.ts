import { describe, expect, it } from 'vitest';
import { cleanDocument } from '../../src/clean/index.js';
import { rawDocument } from '../helpers/article.js';

const SYMBOLS = ['BTC', 'ETH', 'SOL'];
const cleanedLines = (lines: string[]) =>
  cleanDocument(rawDocument(lines.join('\n')), SYMBOLS).lines.map((line) => line.text);

describe('hard line-wraps in plain-text pages', () => {
  const joined: [string, string[], string[]][] = [
    [
      'a figure and its unit torn apart',
      ['Halvard Mining said today that it produced 2,210', 'BTC in the quarter, up from 1,880 BTC a year', 'earlier.'],
      ['Halvard Mining said today that it produced 2,210 BTC in the quarter, up from 1,880 BTC a year earlier.'],
    ],
    [
      'a line ending on a function word',
      ['The miner released its unaudited figures for', 'March 2031.'],
      ['The miner released its unaudited figures for March 2031.'],
    ],
    [
      'a figure after a preposition',
      ['Output rose to 412 bitcoin in June, up from', '380 bitcoin in May.'],
      ['Output rose to 412 bitcoin in June, up from 380 bitcoin in May.'],
    ],
    [
      'an abbreviation that does not end the sentence',
      ['ORLANDO, Fla., May 2, 2031 -- Halvard Mining, Inc.', '(NASDAQ: HLVD) posted its output.'],
      ['ORLANDO, Fla., May 2, 2031 -- Halvard Mining, Inc. (NASDAQ: HLVD) posted its output.'],
    ],
    [
      'parentheses left open',
      ['- H2 2031 (25', 'EH/s) of machines ordered'],
      ['- H2 2031 (25 EH/s) of machines ordered'],
    ],
    [
      'a widget inside a sentence',
      ['Lumen Treasury completed the sale of 3,800 Ether', 'ETH', '$2,870', '+1.4%', 'for $10.9 million on Tuesday.'],
      ['Lumen Treasury completed the sale of 3,800 Ether for $10.9 million on Tuesday.'],
    ],
    [
      'a cashtag line standing for the unit',
      ['Orbitra added 275', '$BTC', 'worth about $26 million.'],
      ['Orbitra added 275 BTC worth about $26 million.'],
    ],
    [
      'a price that is the sentence’s own stays',
      ['The firm paid for its 300 ETH at', '$2,870', 'per ETH, it said.'],
      ['The firm paid for its 300 ETH at $2,870 per ETH, it said.'],
    ],
  ];
  it.each(joined)('joins %s', (_why, lines, expected) => expect(cleanedLines(lines)).toEqual(expected));

  const kept: [string, string[]][] = [
    [
      'a sentence ending in a figure, then a heading',
      ['Its total holdings now stand at 12,400.', 'Mining Operations Update'],
    ],
    [
      'a headline ending in a figure, then one starting with a symbol',
      ['Halvard Holdings Pass 12,000', 'BTC Price Slides as Miners Sell'],
    ],
    ['list items', ['The quarter in brief', '- Mined 320 BTC in the month', '- Held 4,100 BTC at its close']],
    ['lines of key figures', ['~4,300 BTC - sold by the four miners this month', '980 BTC - bought by Halvard']],
    [
      'a title ending in a capitalised preposition',
      ['The Treasury Trade, One Year On', 'Spot Flows Turn Negative Again'],
    ],
    ['a contact line', ['Investor Relations', 'ir@halvard.example']],
    ['share buttons', ['Share To', 'APP']],
    ['numbered footnotes', ['1 Unaudited and preliminary', '2 Includes machines in transit']],
    ['table rows', ['Bitcoin mined | 320 | 298', 'bitcoin sold | 150 | 0']],
    ['a byline and its time', ['Written by Staff Reporter', '3 hours ago']],
    ['quotes cut short by a scraper', ['"We expect output to keep rising in', '"Our fleet is ready," she said.']],
    ['the title above a table', ['Our unaudited results for', 'Key Metrics Summary', 'Metric | June 2031 | May 2031']],
    ['figures on lines of their own outside a sentence', ['Bitcoin Sold', '300', '$8.6 million']],
    ['paragraphs', ['Halvard mined 320 BTC in June', '', 'shares rose on the news.']],
  ];
  it.each(kept)('keeps %s apart', (_why, lines) => expect(cleanedLines(lines)).toEqual(lines.filter(Boolean)));

  it('drops ticker chips whose price never loaded', () =>
    expect(cleanedLines(['Norvale Pivots to Bitcoin', 'NRVG--', 'BTC--', 'Norvale bought 40 BTC.'])).toEqual([
      'Norvale Pivots to Bitcoin',
      'Norvale bought 40 BTC.',
    ]));

  it('keeps line offsets that index the text, and zones the joined sentence as body', () => {
    const article = cleanDocument(
      rawDocument(
        [
          'Halvard Produces 412 Bitcoin in',
          'June 2031',
          '',
          'Halvard Mining said it mined 412',
          'BTC in June, up from',
          '380 BTC.',
          'Metric |',
          'June 2031 |',
          '||||',
          'Bitcoin mined |',
          '412 |',
          '||||',
          'Bitcoin sold |',
          '200 |',
        ].join('\n'),
      ),
      SYMBOLS,
    );
    for (const line of article.lines)
      expect(article.text.slice(line.start, line.start + line.text.length)).toBe(line.text);
    expect(article.lines.map((line) => [line.zone, line.text])).toEqual([
      ['heading', 'Halvard Produces 412 Bitcoin in June 2031'],
      ['body', 'Halvard Mining said it mined 412 BTC in June, up from 380 BTC.'],
      ['body', 'Metric | June 2031'],
      ['body', 'Bitcoin mined | 412'],
      ['body', 'Bitcoin sold | 200'],
    ]);
  });
});
