import type { Decision } from '../schema/block.js';
import type { LedgerEvent } from '../schema/event.js';

export type { Decision } from '../schema/block.js';

const NUMERIC: Record<string, keyof LedgerEvent> = {
  quantity: 'quantity',
  unit_price_usd: 'unitPriceUsd',
  total_usd: 'totalUsd',
  holdings_before: 'holdingsBefore',
  holdings_after: 'holdingsAfter',
};

/**
 * The event a decision belongs to is the one in its block sharing most of its mentions; ids and
 * row numbers change when articles arrive, mentions do not. Later decisions win.
 */
export function applyDecisions(events: LedgerEvent[], decisions: Decision[]): LedgerEvent[] {
  for (const decision of [...decisions].sort((a, b) => a.id - b.id)) {
    const known = new Set(decision.mentionKeys);
    let target: LedgerEvent | null = null;
    let overlap = 0;
    for (const event of events) {
      if (event.blockKey !== decision.blockKey) continue;
      const shared = event.mentionKeys.filter((key) => known.has(key)).length;
      if (shared > overlap) [target, overlap] = [event, shared];
    }
    if (!target) continue;
    const field = target.fields[decision.field];
    // Only a new report with a different value reopens a decided field; one that agrees is not asked again.
    const unseen =
      field?.state === 'open' &&
      field.candidates.some(
        (candidate) =>
          candidate.mentionKeys.some((key) => !known.has(key)) && !sameValue(candidate.value, decision.value),
      );
    setField(target, decision.field, decision.value);
    if (unseen) {
      // A value arrived that the decision never saw: the decision stays in force, and the question is asked again.
      target.fields[decision.field] = {
        ...field,
        value: decision.value,
        confidence: 1,
        reason: `new evidence against your decision: ${field.reason}; decision ${decision.id} (${decision.value}) stays in force until you decide again`,
        state: 'open',
        suggestion: decision.value,
      };
    } else {
      target.fields[decision.field] = {
        ...(field ?? { candidates: [], suggestion: null }),
        value: decision.value,
        confidence: 1,
        reason: `decided in review (decision ${decision.id})`,
        state: 'reviewed',
        suggestion: null,
      };
    }
    const stillOpen = Object.values(target.fields).some((f) => f.state === 'open');
    target.reviewState = stillOpen ? 'open' : 'reviewed';
  }
  return events;
}

/** A candidate's value and a decided one: the same text, or numbers equal but for float noise. */
function sameValue(candidate: string, decided: string): boolean {
  const [a, b] = [Number(candidate), Number(decided)];
  return (
    candidate === decided ||
    (Number.isFinite(a) && Number.isFinite(b) && Math.abs(a - b) <= Math.max(1e-9, Math.abs(b) * 1e-9))
  );
}

function setField(event: LedgerEvent, field: string, value: string) {
  const key = NUMERIC[field];
  if (key) {
    (event as Record<string, unknown>)[key] = value === '' ? null : Number(value);
    // A count entered for a value-only event is exact: its bounds are the count itself.
    if (key === 'quantity' && event.quantity !== null && (event.quantityLow === null || event.quantityHigh === null))
      [event.quantityLow, event.quantityHigh] = [event.quantity, event.quantity];
    return;
  }
  if (field === 'date') {
    const [date, dateEnd] = value.split('..');
    event.date = date || null;
    event.dateEnd = dateEnd ?? null;
  } else if (field === 'purpose') event.purpose = value.split(';').filter(Boolean) as LedgerEvent['purpose'];
  else if (field === 'status') event.status = value as LedgerEvent['status'];
}
