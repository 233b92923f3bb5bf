/** Production tables with one column per period. Tables written for the test. */
import { describe, expect, it } from 'vitest';
import { analyzeDocument } from '../../src/analyze.js';
import { defaultRulebook } from '../../src/rulebook/compile.js';
import { mentionsOf, rawDocument } from '../helpers/article.js';

const rows = (mentions: ReturnType<typeof mentionsOf>) =>
  mentions.filter((m) => m.rules.includes('event.table-row')).map((m) => [m.action, m.quantity.value, m.date]);

describe('tables with a column per period', () => {
  it('reads every figure column of a row, each dated by its header (plain text)', () => {
    const text = [
      'Northgate Mining: February production update',
      '',
      'Riot Platforms mined 591 bitcoin in February.',
      '',
      'Metric                     February 2026    January 2026',
      'Bitcoin mined (self-mining)          591             618',
      'Bitcoin sold                         120               0',
      'Bitcoin held at month end          3,351           2,880',
    ].join('\n');
    expect(rows(mentionsOf(text, '2026-03-04'))).toEqual(
      [
        ['mine', 591, '2026-02'],
        ['mine', 618, '2026-01'],
        ['sell', 120, '2026-02'],
        ['sell', 0, '2026-01'],
      ].filter(([, quantity]) => quantity !== 0),
    );
  });

  it('reads an HTML table the same way, and the evidence shows the label and the figure', () => {
    const html = `<html><body><article><h1>Bitdeer February update</h1>
      <p>Bitdeer Technologies Group released its unaudited February production figures on Monday, with output and sales close to January's levels across its sites.</p>
      <table><tr><th>Metric</th><th>February 2026</th><th>January 2026</th></tr>
      <tr><td>Bitcoin mined</td><td>598</td><td>640</td></tr>
      <tr><td>Bitcoin sold</td><td>612</td><td>655</td></tr></table></article></body></html>`;
    const mentions = analyzeDocument(
      rawDocument(html, { format: 'html', published: '2026-03-03', source: 'bitdeer.html' }),
      defaultRulebook(),
    ).mentions;
    expect(rows(mentions)).toEqual([
      ['mine', 598, '2026-02'],
      ['mine', 640, '2026-01'],
      ['sell', 612, '2026-02'],
      ['sell', 655, '2026-01'],
    ]);
    const january = mentions.find((m) => m.quantity.value === 655)!;
    expect(january.evidence).toContain('Bitcoin sold | 612 | 655');
    expect(january.provenance.date?.[0].rule).toBe('date.table-column-header');
  });
});
