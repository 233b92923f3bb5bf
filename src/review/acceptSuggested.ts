import type { Repository } from '../store/repository.js';
import { openConflicts } from './conflicts.js';
import type { Decider } from './decide.js';

export interface AcceptResult {
  accepted: number;
  belowThreshold: number;
  withoutSuggestion: number;
}

/**
 * `review --accept-suggested`: takes the suggestion of every open conflict whose field
 * confidence reaches the threshold. Each is its own decision in the audit table, as if typed 'a'.
 */
export function acceptSuggested(
  repository: Repository,
  decider: Decider,
  minConfidence: number,
  note: string | null,
): AcceptResult {
  const result: AcceptResult = { accepted: 0, belowThreshold: 0, withoutSuggestion: 0 };
  for (const conflict of openConflicts(repository.allEvents())) {
    const { suggestion, confidence } = conflict.resolution;
    if (suggestion === null) result.withoutSuggestion++;
    else if (confidence < minConfidence) result.belowThreshold++;
    else {
      decider.decide(
        conflict.event,
        conflict.field,
        suggestion,
        note ?? `accepted the suggestion (confidence ${confidence})`,
      );
      result.accepted++;
    }
  }
  return result;
}
