import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { dropsBelow, pinnedSetOf, type Baseline } from '../../src/eval/floors.js';
import { scoreGold } from '../../src/eval/score.js';
import { defaultRulebook } from '../../src/rulebook/compile.js';

// The eval gate: each gold set, scored through the ingest and export path a user takes (no
// publication date or hint from the gold), must not drop below the floors pinned for it in
// test/gold/baseline.json. The sets in ../shared are scored when they are beside the checkout.
// Raise the floors when quality rises.
const ROOT = join(import.meta.dirname, '..', '..');
const baseline = JSON.parse(readFileSync(join(ROOT, 'test/gold/baseline.json'), 'utf8')) as Baseline;
const SETS = ['test/gold', '../shared/gold', '../shared/dev'].map((dir) => join(ROOT, dir));

for (const dir of SETS) {
  it.skipIf(!existsSync(dir))(
    `${dir} stays above its pinned floors`,
    async () => {
      const score = await scoreGold(dir, defaultRulebook());
      const floor = pinnedSetOf(score, baseline);
      console.log(
        `${dir}: P ${score.precision} R ${score.recall} F1 ${score.f1}; published ${score.published.accuracy}; dedup ${JSON.stringify(score.dedup && { p: score.dedup.precision, r: score.dedup.recall })}; fields ${JSON.stringify(Object.fromEntries(Object.entries(score.fields).map(([k, v]) => [k, v.accuracy])))}`,
      );
      expect(floor, 'a set of floors pinned for these cases').not.toBeNull();
      expect(dropsBelow(score, floor!)).toEqual([]);
    },
    60_000,
  );
}
