import { describe, expect, it } from 'vitest';
import { keyChoices, keyLegend } from '../../src/review/keys.js';
import type { ConflictView } from '../../src/review/view.js';

/** A view with `count` candidates: what the keys depend on. */
function viewWith(count: number): ConflictView {
  const candidates = Array.from({ length: count }, (_, index) => ({
    label: String(1000 + index),
    value: String(1000 + index),
    note: null,
    reports: [],
    moreReports: 0,
    mentionKeys: [`k${index}:0`],
  }));
  return {
    conflict: {
      event: { id: 'e1', company: 'Orrin Hash Corp.' } as ConflictView['conflict']['event'],
      field: 'quantity',
      resolution: { value: '1000', confidence: 0.4, reason: 'r', candidates: [], state: 'open', suggestion: '1000' },
    },
    position: 1,
    total: 1,
    candidates,
    earlier: null,
  };
}

describe('review keys at scale', () => {
  it('offers p to pick the 10th candidate and later, 1-9 for the first nine', () => {
    const choices = keyChoices(viewWith(12));
    expect(choices.filter((choice) => choice.value.kind === 'pick').map((choice) => choice.key)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
    ]);
    expect(choices.find((choice) => choice.key === 'p')?.value).toEqual({ kind: 'number' });
    expect(keyLegend(choices)).toContain('p pick 10+');
    expect(keyChoices(viewWith(3)).some((choice) => choice.key === 'p')).toBe(false);
  });

  it('never offers one key twice', () => {
    const keys = keyChoices(viewWith(12)).map((choice) => choice.key);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
