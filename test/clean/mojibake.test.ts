import { describe, expect, it } from 'vitest';
import { cleanDocument } from '../../src/clean/index.js';
import { repairMojibake } from '../../src/clean/mojibake.js';
import { rawDocument } from '../helpers/article.js';

describe('repairing UTF-8 read as Latin-2 or Windows-1252', () => {
  const rows: [string, string][] = [
    // Latin-2 with the control bytes dropped: the narrow space survives as "âŻ", the rest as a bare "â".
    [
      'Halvard bought 41.5âŻBTC forâŻ$4.2âŻmillion on 2031â03â14',
      'Halvard bought 41.5\u202fBTC for\u202f$4.2\u202fmillion on 2031–03–14',
    ],
    ['the boardâs âtreasuryâ plan â approved', 'the board’s “treasury” plan – approved'],
    ['a pressârelease | ââŻ$310âŻmillion', 'a press-release | ≈\u202f$310\u202fmillion'],
    // Windows-1252: three characters a mark.
    ['Orbitraâ€™s â€œreserveâ€ grew â€“ to 120â€¯ETH', 'Orbitra’s “reserve” grew – to 120\u202fETH'],
    ['priceÂ\u00a0$5', 'price\u00a0$5'],
  ];
  it.each(rows)('%s', (input, output) => expect(repairMojibake(input)).toBe(output));

  const untouched = [
    'Plain ASCII, 1,200 BTC for $98 million.',
    // A real "â" in a page with no sign of damage stays: the bare-"â" rules need a damaged page.
    'Le château de la Bâtie prête son nom',
    'âge, pâte, crâne',
  ];
  it.each(untouched)('leaves "%s" as it is', (text) => expect(repairMojibake(text)).toBe(text));

  it('repairs before figures are read: the cleaned text has the figure, the unit and the date', () => {
    const article = cleanDocument(rawDocument('Halvard bought 41.5âŻBTC forâŻ$4.2âŻmillion (announcedâŻ2031â03â14).'), [
      'BTC',
    ]);
    expect(article.lines.map((line) => line.text)).toEqual([
      'Halvard bought 41.5 BTC for $4.2 million (announced 2031-03-14).',
    ]);
  });
});
