import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { scoreGold } from '../../src/eval/score.js';
import { defaultRulebook } from '../../src/rulebook/compile.js';

// The eval gate: the project's own gold (test/gold, 48 articles in our own words) must not drop
// below the floors pinned in test/gold/baseline.json. Raise the floors when quality rises.
const ROOT = join(import.meta.dirname, '..', '..');

it('the project gold stays above its pinned floors', () => {
  const floors = JSON.parse(readFileSync(join(ROOT, 'test/gold/baseline.json'), 'utf8'))['test/gold'];
  const score = scoreGold(join(ROOT, 'test/gold'), defaultRulebook());
  console.log(`project gold: P ${score.precision} R ${score.recall} F1 ${score.f1}; dedup ${JSON.stringify(score.dedup)}; fields ${JSON.stringify(Object.fromEntries(Object.entries(score.fields).map(([k, v]) => [k, v.accuracy])))}`);
  expect(score.f1).toBeGreaterThanOrEqual(floors.event_f1);
  expect(score.precision).toBeGreaterThanOrEqual(floors.event_precision);
  expect(score.recall).toBeGreaterThanOrEqual(floors.event_recall);
  expect(score.dedup!.precision).toBeGreaterThanOrEqual(floors.dedup_precision);
  expect(score.dedup!.recall).toBeGreaterThanOrEqual(floors.dedup_recall);
  for (const [field, floor] of Object.entries(floors.fields as Record<string, number>)) expect(score.fields[field as keyof typeof score.fields].accuracy, field).toBeGreaterThanOrEqual(floor);
});
