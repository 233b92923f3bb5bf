import type { Repository } from '../store/repository.js';
import { candidateLabel } from './candidateLabel.js';
import type { OpenConflict } from './conflicts.js';
import { displayValue, eventLine } from './render.js';
import { table } from './table.js';
import { earlierDecision } from './view.js';

/** `review --list --json`: one object per open conflict, snake_case like the CSV export. */
export function conflictsJson(repository: Repository, conflicts: OpenConflict[]): string {
  const rows = conflicts.map((conflict) => {
    const { event, field, resolution } = conflict;
    const earlier = earlierDecision(repository, conflict);
    return {
      event_id: event.id,
      company: event.company,
      ticker: event.ticker,
      asset: event.asset,
      action: event.action,
      quantity: event.quantity,
      date: event.date,
      date_end: event.dateEnd,
      field,
      value: resolution.value,
      confidence: resolution.confidence,
      reason: resolution.reason,
      suggestion: resolution.suggestion,
      candidates: resolution.candidates.map((candidate) => ({
        value: candidate.value,
        label: candidateLabel(candidate),
        sources: candidate.sources,
        mention_keys: candidate.mentionKeys,
        note: candidate.note ?? null,
      })),
      earlier_decision: earlier
        ? {
            id: earlier.id,
            value: earlier.value,
            reviewer: earlier.reviewer,
            decided_at: earlier.decidedAt,
            note: earlier.note,
          }
        : null,
    };
  });
  return `${JSON.stringify(rows, null, 2)}\n`;
}

/** `review --list`: one row per open conflict, the candidates last because they run long. */
export function conflictsTable(conflicts: OpenConflict[]): string {
  if (conflicts.length === 0) return 'no open conflicts\n';
  const rows = conflicts.map(({ event, field, resolution }) => [
    event.id,
    eventLine(event),
    field,
    displayValue(field, resolution.suggestion),
    String(resolution.confidence),
    resolution.candidates
      .map((candidate) => `${displayValue(field, candidateLabel(candidate))} (${candidate.sources.join(', ')})`)
      .join(' | '),
  ]);
  const header = ['EVENT', 'WHAT', 'FIELD', 'SUGGESTED', 'CONF', 'CANDIDATES'];
  return `${table(header, rows)}${conflicts.length} open conflict(s)\n`;
}
