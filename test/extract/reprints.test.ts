import { describe, expect, it } from 'vitest';
import { tagSentence } from '../../src/extract/chunks.js';
import { findPageOrganizations } from '../../src/extract/organizations.js';
import { resolveDatePhrase } from '../../src/normalize/dates.js';
import { defaultRulebook } from '../../src/rulebook/compile.js';
import { mentionsOf } from '../helpers/article.js';

// Reprints of one release repeat its sentences page after page: their tagging, holdings, anchors,
// organisations and date phrases are worked out once and shared. What a page reads must still depend
// on everything that page gives, never on which page came first.
describe('work shared between pages that repeat a sentence', () => {
  const rulebook = defaultRulebook();
  const shared = 'Brightwater Mining sold 64 BTC on March 3 to fund its new site.';

  it('tags a sentence by its own page: organisations another page names are not carried over', () => {
    const named = findPageOrganizations(
      [{ zone: 'body', text: 'Brightwater Mining AG, a Zurich-listed bitcoin miner, reported its figures.' }],
      rulebook,
    );
    const withName = tagSentence(shared, rulebook, 'full', named);
    const without = tagSentence(shared, rulebook, 'full');
    expect(withName.chunks.filter((chunk) => chunk.type === 'C').map((chunk) => chunk.company)).toEqual([
      'Brightwater Mining AG',
    ]);
    expect(without.chunks.filter((chunk) => chunk.type === 'C')).toEqual([]);
    // Asked again in either order, the same answers.
    expect(tagSentence(shared, rulebook, 'full').tagged).toBe(without.tagged);
    expect(tagSentence(shared, rulebook, 'full', named).tagged).toBe(withName.tagged);
  });

  it('gives each reprint the mentions it would have alone, whichever page is read first', () => {
    const swiss = `Brightwater Mining AG, a Zurich-listed bitcoin miner, issued an update.\n${shared} The company holds 900 BTC.`;
    const american = `Brightwater Mining Inc. reported its update.\n${shared}`;
    const first = [mentionsOf(swiss, '2026-03-05'), mentionsOf(american, '2026-03-05')];
    const again = [mentionsOf(american, '2026-03-05'), mentionsOf(swiss, '2026-03-05')];
    expect(again[1]).toEqual(first[0]);
    expect(again[0]).toEqual(first[1]);
    expect(first[0]).toMatchObject([
      { company: 'Brightwater Mining AG', quantity: { value: 64 }, date: '2026-03-03', holdingsAfter: { value: 900 } },
    ]);
    expect(first[1]).toMatchObject([
      { company: 'Brightwater Mining Inc.', quantity: { value: 64 }, date: '2026-03-03', holdingsAfter: null },
    ]);
  });

  it('resolves a date phrase against each page its own reference', () => {
    expect(resolveDatePhrase('on March 3', { date: '2026-03-05', basis: 'published' })?.date).toBe('2026-03-03');
    expect(resolveDatePhrase('on March 3', { date: '2025-06-01', basis: 'published' })?.date).toBe('2025-03-03');
    expect(resolveDatePhrase('on March 3', { date: '2026-03-05', basis: 'published' })?.date).toBe('2026-03-03');
    // A phrase with no year and no reference cannot be placed; a year given by the section can.
    expect(resolveDatePhrase('on March 3', null)).toBeNull();
    expect(resolveDatePhrase('on March 3', null, 2024)?.date).toBe('2024-03-03');
  });
});
