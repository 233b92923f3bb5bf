import { describe, expect, it } from 'vitest';
import { badDateReason, isSidecar, parseIsoDay, sidecarPathOf } from '../../src/ingest/statedDate.js';

describe('a publication date a user states', () => {
  const rows: [string, string | null][] = [
    ['2026-02-09', null],
    ['2024-02-29', null],
    [' 2026-02-09 ', null],
    ['2026-02-30', 'February 2026 has no day 30 (it has 28 days)'],
    ['2025-02-29', 'February 2025 has no day 29 (it has 28 days)'],
    ['2026-04-31', 'April 2026 has no day 31 (it has 30 days)'],
    ['2026-13-45', 'there is no month 13 (months run 01-12)'],
    ['2026-00-10', 'there is no month 00 (months run 01-12)'],
    ['2026-01-00', 'January 2026 has no day 00 (it has 31 days)'],
    ['0026-01-10', 'the year 26 is out of range (1900-2999)'],
    ['2026-2-9', 'expected a date as YYYY-MM-DD (e.g. 2026-02-09)'],
    ['09.02.2026', 'expected a date as YYYY-MM-DD (e.g. 2026-02-09)'],
    ['2026-02-09T10:00', 'expected a date as YYYY-MM-DD (e.g. 2026-02-09)'],
    ['', 'expected a date as YYYY-MM-DD (e.g. 2026-02-09)'],
  ];
  for (const [text, reason] of rows)
    it(`"${text}": ${reason ?? 'a real day'}`, () => expect(badDateReason(text)).toBe(reason));

  it('is stored as the day, without surrounding spaces', () => {
    expect(parseIsoDay(' 2026-02-09 ')).toBe('2026-02-09');
    expect(parseIsoDay('2026-02-30')).toBeNull();
  });
});

describe('the sidecar convention', () => {
  it('is NAME.meta.json beside NAME.html, .htm, .txt or .md', () => {
    expect(sidecarPathOf('pages/cango-sale.html')).toBe('pages/cango-sale.meta.json');
    expect(sidecarPathOf('pages/notes.v2.txt')).toBe('pages/notes.v2.meta.json');
    expect(isSidecar('pages/cango-sale.meta.json')).toBe(true);
    expect(isSidecar('pages/.meta.json')).toBe(false);
    expect(isSidecar('pages/meta.json')).toBe(false);
    expect(isSidecar('pages/cango-sale.html')).toBe(false);
  });
});
