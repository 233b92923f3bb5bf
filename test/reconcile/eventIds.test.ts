import { describe, expect, it } from 'vitest';
import { inheritIds } from '../../src/reconcile/eventIds.js';
import type { LedgerEvent } from '../../src/schema/event.js';

/** Just what id inheritance reads: an id and the mentions. */
const event = (id: string, mentionKeys: string[]) => ({ id, mentionKeys }) as LedgerEvent;
const previous = (entries: Record<string, string[]>) =>
  new Map(Object.entries(entries).flatMap(([id, keys]) => keys.map((key) => [key, id] as [string, string])));

describe('event ids that hold while articles arrive', () => {
  it('an event keeps its id when a report joins it, whatever id the new set of mentions would get', () => {
    const result = inheritIds(
      [event('fresh0000000', ['a:0', 'b:0', 'c:0'])],
      previous({ old111111111: ['b:0', 'c:0'] }),
    );
    expect(result.events.map((e) => e.id)).toEqual(['old111111111']);
    expect(result.aliases).toEqual([]);
    expect(result.vanished.size).toBe(0);
  });

  it('two events merged: the one holding more mentions keeps its id, the other id vanishes (to be aliased)', () => {
    const result = inheritIds(
      [event('fresh0000000', ['a:0', 'b:0', 'c:0'])],
      previous({ big000000000: ['a:0', 'b:0'], small0000000: ['c:0'] }),
    );
    expect(result.events[0].id).toBe('big000000000');
    expect([...result.vanished]).toEqual([['small0000000', ['c:0']]]);
  });

  it('an event split in two: the larger part keeps the id, the other gets a fresh one aliased to the old', () => {
    const result = inheritIds(
      [event('part10000000', ['a:0']), event('part20000000', ['b:0', 'c:0'])],
      previous({ whole0000000: ['a:0', 'b:0', 'c:0'] }),
    );
    expect(result.events.map((e) => e.id)).toEqual(['part10000000', 'whole0000000']);
    expect(result.aliases).toEqual([{ alias: 'whole0000000', eventId: 'part10000000', reason: 'split' }]);
  });

  it('a fresh id never takes one an old event keeps (the founder of a split event names the other part)', () => {
    const result = inheritIds(
      [event('whole0000000', ['a:0']), event('other0000000', ['b:0', 'c:0'])],
      previous({ whole0000000: ['a:0', 'b:0', 'c:0'] }),
    );
    const ids = result.events.map((e) => e.id);
    expect(ids[1]).toBe('whole0000000');
    expect(ids[0]).not.toBe('whole0000000');
    expect(new Set(ids).size).toBe(2);
  });
});
