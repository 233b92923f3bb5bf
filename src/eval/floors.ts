import type { GoldScore } from './score.js';

/**
 * Floors pinned for one gold set. A set is known by the ids of its cases, not by how its folder
 * was spelled on the command line ("../shared/dev", "/abs/shared/dev/", a copy elsewhere).
 */
export interface PinnedSet {
  name: string;
  cases: string[];
  event_f1?: number;
  event_precision?: number;
  event_recall?: number;
  dedup_precision?: number;
  dedup_recall?: number;
  published?: number;
  fields?: Record<string, number>;
}
export interface Baseline {
  sets: PinnedSet[];
}

export function pinScores(scores: GoldScore[], name: (score: GoldScore) => string): Baseline {
  return {
    sets: scores.map((score) => ({
      name: name(score),
      cases: score.caseIds,
      event_f1: score.f1,
      event_precision: score.precision,
      event_recall: score.recall,
      ...(score.dedup ? { dedup_precision: score.dedup.precision, dedup_recall: score.dedup.recall } : {}),
      published: score.published.accuracy,
      fields: Object.fromEntries(Object.entries(score.fields).map(([field, value]) => [field, value.accuracy])),
    })),
  };
}

/** The pinned set sharing most cases with this score (more than half of either), if any. */
export function pinnedSetOf(score: GoldScore, baseline: Baseline): PinnedSet | null {
  const ids = new Set(score.caseIds);
  let best: PinnedSet | null = null;
  let bestShared = 0;
  for (const set of baseline.sets) {
    const shared = set.cases.filter((id) => ids.has(id)).length;
    if (shared > bestShared && shared * 2 > Math.max(set.cases.length, ids.size)) [best, bestShared] = [set, shared];
  }
  return best;
}

/** Every figure of a score below its pinned floor, in words. */
export function dropsBelow(score: GoldScore, floor: PinnedSet): string[] {
  const drops: string[] = [];
  const check = (name: string, value: number, min: number | undefined) => {
    if (min !== undefined && value + 1e-9 < min)
      drops.push(`${floor.name}: ${name} ${value} below the pinned floor ${min}`);
  };
  check('event F1', score.f1, floor.event_f1);
  check('event precision', score.precision, floor.event_precision);
  check('event recall', score.recall, floor.event_recall);
  if (score.dedup) {
    check('dedup precision', score.dedup.precision, floor.dedup_precision);
    check('dedup recall', score.dedup.recall, floor.dedup_recall);
  }
  check('published accuracy', score.published.accuracy, floor.published);
  for (const [field, min] of Object.entries(floor.fields ?? {}))
    check(`${field} accuracy`, score.fields[field as keyof typeof score.fields]?.accuracy ?? 0, min);
  return drops;
}
