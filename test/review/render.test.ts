import { describe, expect, it } from 'vitest';
import { excerpt } from '../../src/review/evidence.js';
import { renderExcerpt } from '../../src/review/render.js';
import { ansiStyle, plainStyle, sanitize, styleFor } from '../../src/review/style.js';
import { table } from '../../src/review/table.js';

const TEXT =
  'Miner sells coins\nRiot Platforms, Inc. sold 1,100 BTC on March 4, 2026, at $72,000 per coin. Shares fell 3%. Analysts were unmoved.';
const span = (needle: string, rule = 'test') => ({
  text: needle,
  start: TEXT.indexOf(needle),
  end: TEXT.indexOf(needle) + needle.length,
  rule,
});

describe('evidence excerpt', () => {
  it('cuts the sentence the value sits in and marks the value', () => {
    const cut = excerpt(TEXT, TEXT.indexOf('Riot'), [span('$72,000')], span('sold 1,100 BTC'));
    expect(cut.text).toBe('Riot Platforms, Inc. sold 1,100 BTC on March 4, 2026, at $72,000 per coin.');
    expect(renderExcerpt(cut, plainStyle)).toBe(
      '"Riot Platforms, Inc. sold 1,100 BTC on March 4, 2026, at **$72,000** per coin."',
    );
    expect(renderExcerpt(cut, ansiStyle)).toContain('\x1b[1;7m$72,000\x1b[22;27m');
  });

  it('finds the value in a follow-up sentence when the mention was enriched from it', () => {
    const cut = excerpt(TEXT, TEXT.indexOf('Riot'), [span('Shares fell 3%')], undefined);
    expect(renderExcerpt(cut, plainStyle)).toBe(
      '"Riot Platforms, Inc. sold 1,100 BTC on March 4, 2026, at $72,000 per coin. **Shares fell 3%**."',
    );
    const far = excerpt(TEXT, TEXT.indexOf('Riot'), [span('Analysts')], undefined, 40);
    expect(far.text.startsWith('Shares') || far.text.startsWith('Analysts')).toBe(true);
  });

  it('clips a long sentence around the value', () => {
    const long = `Riot Platforms sold 1,100 BTC ${'and then some more words '.repeat(30)}at $72,000 per coin${' and more'.repeat(30)}.`;
    const at = long.indexOf('$72,000');
    const cut = excerpt(long, 0, [{ text: '$72,000', start: at, end: at + 7, rule: 't' }], undefined, 120);
    expect(cut.text.length).toBe(120);
    expect(cut.clippedStart && cut.clippedEnd).toBe(true);
    expect(renderExcerpt(cut, plainStyle)).toMatch(/^"….*\*\*\$72,000\*\*.*…"$/);
  });

  it('never cuts before or through a figure or date it is about, even two far apart in a long sentence', () => {
    const long = `On March 3, 2026 ${'the miner, after weeks of talks with lenders and a long board meeting, '.repeat(6)}sold 1,100 BTC at $72,000 per coin.`;
    const date = long.indexOf('March 3, 2026');
    const price = long.indexOf('$72,000');
    const cut = excerpt(
      long,
      0,
      [
        { text: 'March 3, 2026', start: date, end: date + 13, rule: 't' },
        { text: '$72,000', start: price, end: price + 7, rule: 't' },
      ],
      undefined,
      120,
    );
    expect(cut.text).toContain('March 3, 2026');
    expect(cut.text).toContain('$72,000');
    expect(cut.marks).toHaveLength(2);
  });

  it('falls back to the action span when the field has no evidence of its own', () => {
    const cut = excerpt(TEXT, TEXT.indexOf('Riot'), [], span('sold 1,100 BTC'));
    expect(cut.marks).toEqual([]);
    expect(cut.text).toContain('sold 1,100 BTC');
  });
});

describe('terminal safety and colour', () => {
  it('keeps escape sequences in article text from reaching the terminal', () => {
    expect(sanitize('price\x1b[2J$70,000\nnext')).toBe('price [2J$70,000 next');
    expect(table(['A', 'B'], [['x\ny', 'z']])).toBe('A    B\nx y  z\n');
  });

  it('honours NO_COLOR and FORCE_COLOR, else asks the terminal', () => {
    const tty = { isTTY: true, hasColors: () => true } as unknown as NodeJS.WriteStream;
    const pipe = { isTTY: false } as unknown as NodeJS.WriteStream;
    expect(styleFor(tty, {})).toBe(ansiStyle);
    expect(styleFor(tty, { NO_COLOR: '1' })).toBe(plainStyle);
    expect(styleFor(pipe, {})).toBe(plainStyle);
    expect(styleFor(pipe, { FORCE_COLOR: '1' })).toBe(ansiStyle);
  });
});
