import { describe, expect, it } from 'vitest';
import { defaultRulebook } from '../../src/rulebook/compile.js';
import { inferReferenceDate, numericOrderOf, resolveDatePhrase } from '../../src/normalize/dates.js';

describe('date phrases against a publication date', () => {
  // phrase, reference (publication date), date, date_end
  const rows: [string, string, string, string | null][] = [
    ['over Feb. 7-8', '2026-02-09', '2026-02-07', '2026-02-08'],
    ['On Monday', '2026-02-09', '2026-02-09', null], // published on a Monday: that Monday
    ['Over the weekend', '2026-02-09', '2026-02-07', '2026-02-08'],
    ['in January', '2026-02-09', '2026-01', null],
    ['in December', '2026-02-09', '2025-12', null], // latest December not after publication
    ['during February 2026', '2026-03-17', '2026-02', null],
    ['between July and October 2025', '2026-02-15', '2025-07', '2025-10'],
    ['between November and January', '2026-02-15', '2025-11', '2026-01'],
    ['On February 10th', '2026-02-10', '2026-02-10', null],
    // A week said relative to the page is told by its month, or its year when it straddles two
    // (published Monday Feb 16: the week before is Feb 9-15; published Wed Feb 4: Jan 26 - Feb 1).
    ['last week', '2026-02-16', '2026-02', null],
    ['last week', '2026-02-04', '2026', null],
    ['in Q4 2025', '2026-02-16', '2025-10', '2025-12'],
    ['yesterday', '2026-02-16', '2026-02-15', null],
    ['in 2025', '2026-02-16', '2025', null],
    ['between February 16, 2026 and February 22, 2026', '2026-02-23', '2026-02-16', '2026-02-22'],
    ['Jan. 26 - Feb. 1', '2026-02-02', '2026-01-26', '2026-02-01'],
    ['from December 29 to January 4', '2026-01-05', '2025-12-29', '2026-01-04'],
  ];
  it.each(rows)('%s (published %s)', (phrase, reference, date, dateEnd) => {
    const resolved = resolveDatePhrase(phrase, { date: reference, basis: 'published' })!;
    expect([resolved.date, resolved.dateEnd]).toEqual([date, dateEnd]);
  });

  it('takes the year of an earlier date in the same sentence ("On November 13, 2025 ...; on December 25")', () => {
    expect(resolveDatePhrase('on December 25', { date: '2026-02-15', basis: 'published' }, 2025)!.date).toBe(
      '2025-12-25',
    );
  });
});

describe('reference date when the page states none', () => {
  it('is the latest explicit date in the text, never a file time or today', () => {
    expect(inferReferenceDate('It fell in December 2025. The beginning of 2026 was hard.')).toEqual({
      date: '2026-12-31',
      basis: 'text',
    });
    expect(inferReferenceDate('It sold 500 BTC on January 5, 2026.')).toEqual({ date: '2026-01-05', basis: 'text' });
    expect(inferReferenceDate('It sold 500 BTC on Monday, after a quiet January.')).toBeNull();
  });

  it('places relative phrases only in the year the text establishes, not on a day', () => {
    const reference = inferReferenceDate('It sold 500 BTC on January 5, 2026.');
    expect(resolveDatePhrase('over the weekend', reference)).toMatchObject({ date: '2026', precision: 'year' });
    expect(resolveDatePhrase('on Tuesday', reference)).toMatchObject({ date: '2026', precision: 'year' });
    // The text's latest date is a lower bound of when the page was written: a day up to a quarter
    // after it is that year's, a later one last year's.
    expect(resolveDatePhrase('on March 3', reference)).toMatchObject({ date: '2026-03-03', precision: 'day' });
    expect(resolveDatePhrase('on June 3', reference)).toMatchObject({ date: '2025-06-03', precision: 'day' });
    expect(
      resolveDatePhrase(
        'during the month of September',
        inferReferenceDate('As of July 13, 2023 the shares had peaked.'),
      ),
    ).toMatchObject({ date: '2023-09', precision: 'month' });
  });

  it('does not take a term or a plan for the time of writing', () => {
    const { forwardWord: forward, forwardAfter } = defaultRulebook();
    const text =
      'As of October 31, 2023, it held 21 BTC. The new site is expected to be completed in 2025. The notes mature on March 1, 2030. Analysts think that by 2033, it will hold 80,000 BTC.';
    expect(inferReferenceDate(text, forward, forwardAfter)).toEqual({ date: '2023-10-31', basis: 'text' });
    // "By" alone is as often past: "By the end of Q1 2025, listed firms held ..." dates the page.
    expect(
      inferReferenceDate('By the end of Q1 2025, listed companies held 612,000 BTC.', forward, forwardAfter),
    ).toEqual({ date: '2025-03-28', basis: 'text' });
    expect(inferReferenceDate(text)).toEqual({ date: '2033-12-31', basis: 'text' });
    // Nor a date in the company's history: the page tells of its purchase "on Monday" of an unknown year.
    expect(
      inferReferenceDate(
        'Kestrel, which began buying bitcoin as its main reserve asset in 2020, bought 20 BTC on Monday.',
        forward,
      ),
    ).toBeNull();
  });

  it('resolves nothing that needs a reference when the text states no year at all', () => {
    for (const phrase of ['on Saturday', 'last week', 'on April 8', 'in early March', 'yesterday'])
      expect(resolveDatePhrase(phrase, null), phrase).toBeNull();
    expect(resolveDatePhrase('on April 8, 2025', null)).toMatchObject({ date: '2025-04-08' });
    expect(resolveDatePhrase('in Q3 2025', null)).toMatchObject({ date: '2025-07', dateEnd: '2025-09' });
    expect(resolveDatePhrase('on April 8', null, 2024)).toMatchObject({ date: '2024-04-08' });
  });
});

describe('numeric dates', () => {
  it.each([
    ['05/13/2025', '2025-05-13'],
    ['13.05.2025', '2025-05-13'],
    ['05/06/2025', null], // month and day could swap: not read
  ])('%s', (phrase, date) => expect(resolveDatePhrase(phrase, null)?.date ?? null).toBe(date));
});

describe('numeric dates a page settles', () => {
  it('reads "05/06/2025" month first on a page whose other numeric dates are month first', () => {
    expect(numericOrderOf('05/06/2025: bought 167 BTC\n05/13/2025: bought 174 BTC')).toBe('month-first');
    expect(resolveDatePhrase('05/06/2025', null, null, 'month-first')?.date).toBe('2025-05-06');
    expect(resolveDatePhrase('05/06/2025', null, null, 'day-first')?.date).toBe('2025-06-05');
  });

  it('settles nothing on a page whose numeric dates disagree or show no order', () => {
    expect(numericOrderOf('21/07/2025 and 12/19/2025')).toBeNull();
    expect(numericOrderOf('05/06/2025 and 04/03/2025')).toBeNull();
  });
});
