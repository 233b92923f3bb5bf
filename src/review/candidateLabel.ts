import { plain } from '../reconcile/candidates.js';
import type { Candidate, LedgerEvent } from '../schema/event.js';

/**
 * What a person reads for a candidate: a hedged figure with its bounds ("~3000 [3000..3750]"), a
 * date with its kind ("2026-03-03 (executed)"), else the value. Rendered here, at display only;
 * a decision holds the candidate's bare value.
 */
export function candidateLabel(candidate: Pick<Candidate, 'value' | 'bounds' | 'dateKind'>): string {
  if (candidate.bounds) return `~${candidate.value} [${plain(candidate.bounds.low)}..${plain(candidate.bounds.high)}]`;
  if (candidate.dateKind) return `${candidate.value} (${candidate.dateKind})`;
  return candidate.value;
}

/**
 * Candidates as the audit table and `explain --json` have always shown them: the label in
 * `value`, without the parts it is rendered from.
 */
export function labelledCandidates(candidates: readonly Candidate[]): Omit<Candidate, 'bounds' | 'dateKind'>[] {
  return candidates.map(({ bounds, dateKind, ...candidate }) => ({
    ...candidate,
    value: candidateLabel({ value: candidate.value, bounds, dateKind }),
  }));
}

/** An event with every field's candidates labelled (labelledCandidates): `explain --json` prints it so. */
export function eventWithLabels(event: LedgerEvent) {
  const fields = Object.fromEntries(
    Object.entries(event.fields).map(([field, resolution]) => [
      field,
      { ...resolution, candidates: labelledCandidates(resolution.candidates) },
    ]),
  );
  return { ...event, fields };
}
