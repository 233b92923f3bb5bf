import type { Candidate } from '../schema/event.js';
import { NUMERIC_FIELDS } from './fields.js';

/**
 * A candidate's label is written for people ("~3000 [3000..3100]", "2026-03-03 (executed)"); a
 * decision must hold the bare value that reconcile/decisions.ts writes back into the event.
 */
export function candidateValue(field: string, candidate: Pick<Candidate, 'value'>): string {
  const label = candidate.value.trim();
  if (NUMERIC_FIELDS.has(field)) return /^~?\s*(-?\d+(?:\.\d+)?)/.exec(label)?.[1] ?? label;
  if (field === 'date') return label.replace(/\s*\([^)]*\)$/, '');
  return label;
}
