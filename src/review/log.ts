import type { LedgerEvent } from '../schema/event.js';
import type { DecisionLogEntry } from '../store/repository.js';
import { isStructural } from '../reconcile/structure.js';
import { displayValue } from './render.js';
import { table } from './table.js';

/** The event a decision now applies to, found as reconcile/decisions.ts finds it: most shared mentions. */
export function eventOfDecision(events: LedgerEvent[], decision: DecisionLogEntry): LedgerEvent | null {
  // A rejected event has left the ledger; a recast, merge or split may have taken the mentions to another block.
  if (decision.field === 'reject') return null;
  const anyBlock = isStructural(decision.field);
  const known = new Set(decision.mentionKeys);
  let best: LedgerEvent | null = null;
  let overlap = 0;
  for (const event of events) {
    if (!anyBlock && event.blockKey !== decision.blockKey) continue;
    const shared = event.mentionKeys.filter((key) => known.has(key)).length;
    if (shared > overlap) [best, overlap] = [event, shared];
  }
  return best;
}

const what = (blockKey: string) => blockKey.split('|').join(' · ');

/** `review --log`: the audit table, oldest first, undone decisions kept and marked. */
export function logTable(entries: DecisionLogEntry[], events: LedgerEvent[]): string {
  if (entries.length === 0) return 'no decisions yet\n';
  const rows = entries.map((entry) => [
    String(entry.id),
    entry.decidedAt.slice(0, 19).replace('T', ' '),
    entry.reviewer,
    eventOfDecision(events, entry)?.id ?? '-',
    what(entry.blockKey),
    entry.field,
    displayValue(entry.field, entry.valueBefore),
    displayValue(entry.field, entry.value),
    stateOf(entry, events),
    entry.note ?? '',
  ]);
  return table(['ID', 'WHEN (UTC)', 'WHO', 'EVENT', 'WHAT', 'FIELD', 'BEFORE', 'DECIDED', 'STATE', 'NOTE'], rows);
}

/**
 * 'in force' while not undone, whatever arrived since; 'in force, new evidence against' when a
 * report brought a value the decision never saw (the field is asked again, the decision still applied).
 */
export function stateOf(entry: DecisionLogEntry, events: LedgerEvent[]): string {
  if (entry.undone) return 'undone';
  const field = eventOfDecision(events, entry)?.fields[entry.field];
  return field?.state === 'open' &&
    field.reason.startsWith('new evidence against your decision') &&
    field.reason.includes(`decision ${entry.id} (`)
    ? 'in force, new evidence against'
    : 'in force';
}

/** `review --log --json`: every column of the audit table, candidates parsed back to objects. */
export function logJson(entries: DecisionLogEntry[], events: LedgerEvent[]): string {
  const rows = entries.map((entry) => ({
    id: entry.id,
    decided_at: entry.decidedAt,
    reviewer: entry.reviewer,
    event_id: eventOfDecision(events, entry)?.id ?? null,
    block_key: entry.blockKey,
    mention_keys: entry.mentionKeys,
    field: entry.field,
    value_before: entry.valueBefore,
    value: entry.value,
    candidates: JSON.parse(entry.candidates) as unknown,
    note: entry.note,
    undone: entry.undone,
    state: stateOf(entry, events),
  }));
  return `${JSON.stringify(rows, null, 2)}\n`;
}
