import { describe, expect, it } from 'vitest';
import { cleanDocument } from '../../src/clean/index.js';
import { rebuildFlatTables, splitRunTogetherTable } from '../../src/clean/flatTables.js';
import { rawDocument } from '../helpers/article.js';

describe('tables flattened to one cell a line', () => {
  const rebuilt: [string, string[], string[]][] = [
    [
      'cells closed by their pipe, rows parted by a line of pipes',
      [
        'Metric |',
        'June 2031 |',
        'May 2031 |',
        '||||',
        'Bitcoin mined |',
        '412',
        '|',
        '398 |',
        '||||',
        'Bitcoin sold |',
        '200 |',
        '- |',
        '||||',
      ],
      ['Metric | June 2031 | May 2031', 'Bitcoin mined | 412 | 398', 'Bitcoin sold | 200 | -'],
    ],
    [
      'cells between pipe lines, no row breaks, cells over two lines, footnote digits, a spanning caption',
      [
        '|',
        '|',
        'Change (%)',
        '|',
        'Metric',
        '|',
        'June 2031',
        '1',
        '|',
        'May 2031',
        '|',
        'Month/Month',
        '|',
        'Bitcoin',
        'Mined',
        '|',
        '412',
        '|',
        '398',
        '|',
        '4 %',
        '|',
        'Power',
        'Credits',
        '|',
        '$1.2',
        'million',
        '|',
        '$0.9',
        'million',
        '|',
        '33 %',
        '|',
      ],
      [
        'Change (%)',
        'Metric | June 2031 | May 2031 | Month/Month',
        'Bitcoin Mined | 412 | 398 | 4 %',
        'Power Credits | $1.2 million | $0.9 million | 33 %',
      ],
    ],
    [
      'a two-column table with no row breaks',
      [
        'Metric |',
        'Value |',
        'Market value |',
        '$615 million |',
        'Share count |',
        '71.4 million |',
        'mNAV |',
        '1.6x |',
      ],
      ['Metric | Value', 'Market value | $615 million', 'Share count | 71.4 million', 'mNAV | 1.6x'],
    ],
    [
      'the empty cells a copy leaves at the end of a whole row',
      ['Bitcoin mined | 331 | 305 | |||', 'Hash rate | 9.1 | 8.8 |'],
      ['Bitcoin mined | 331 | 305', 'Hash rate | 9.1 | 8.8'],
    ],
  ];
  it.each(rebuilt)('rebuilds %s', (_why, lines, expected) => expect(rebuildFlatTables(lines)).toEqual(expected));

  const kept: [string, string[]][] = [
    ['share buttons', ['Share this:', 'X |', 'Facebook |', 'Telegram |']],
    ['a breadcrumb', ['Home | News | Markets', 'Halvard mined 412 BTC in June.']],
    ['a table of one data row', ['Metric |', 'June 2031 |', 'Bitcoin mined |', '412 |']],
    ['a slide of bullets between pipes', ['|', '• Mined 412 Bitcoin in June', '• Fleet at 9 EH/s', '|']],
  ];
  it.each(kept)('leaves %s', (_why, lines) => expect(rebuildFlatTables(lines)).toEqual(lines));

  it('rebuilds before joining wrapped lines, so cells are never joined as prose', () => {
    const lines = cleanDocument(
      rawDocument(
        [
          'The miner reported its output for the month of',
          '|',
          'Bitcoin',
          'mined',
          '|',
          '412',
          '|',
          'Bitcoin',
          'sold',
          '|',
          '200',
          '|',
        ].join('\n'),
      ),
    ).lines;
    expect(lines.map((line) => line.text)).toEqual([
      'The miner reported its output for the month of',
      'Bitcoin mined | 412',
      'Bitcoin sold | 200',
    ]);
  });
});

describe('a markdown table run into one line', () => {
  it('splits at the width its rule states', () =>
    expect(splitRunTogetherTable('Item | Value | ---|---| Bought | 42 BTC | Held after | 1,040 BTC |')).toEqual([
      'Item | Value',
      'Bought | 42 BTC',
      'Held after | 1,040 BTC',
    ]));
  it.each(['costs rose --- again | sharply', 'Item | Value | ---|---| Bought | 42 BTC | Held after |'])(
    'leaves "%s"',
    (line) => expect(splitRunTogetherTable(line)).toEqual([line]),
  );
});
