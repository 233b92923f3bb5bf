import { z } from 'zod';
import { Action, MentionField, Purpose, Status } from './mention.js';

/**
 * One candidate value for a field, with the mentions that back it. `value` is the bare value, as a
 * decision holds it and the field is written ("3000", "2026-03-03..2026-03-05"); what a person
 * reads ("~3000 [3000..3750]", "2026-03-03 (executed)") is rendered from it at display
 * (src/review/candidateLabel.ts).
 */
export const Candidate = z.object({
  value: z.string(),
  mentionKeys: z.array(z.string()),
  sources: z.array(z.string()),
  origins: z.number().int(),
  note: z.string().optional(),
  /** A hedged figure ("about 3,000"): the bounds it admits around `value`. */
  bounds: z.object({ low: z.number(), high: z.number() }).optional(),
  /** A date's kind: executed, announced, published, stated ... */
  dateKind: z.string().optional(),
});
export type Candidate = z.infer<typeof Candidate>;

/** How a field's value was chosen. */
export const FieldResolution = z.object({
  value: z.string().nullable(),
  confidence: z.number().min(0).max(1),
  reason: z.string(),
  candidates: z.array(Candidate),
  state: z.enum(['agreed', 'settled', 'open', 'reviewed']),
  suggestion: z.string().nullable(),
});
export type FieldResolution = z.infer<typeof FieldResolution>;

/** The fields an event resolves: every field a mention carries but the block's key (company, asset, action). */
export const ReconciledField = MentionField.exclude(['company', 'asset', 'action']);
export type ReconciledField = z.infer<typeof ReconciledField>;

/** One real-world transaction: the reconciled mentions of it. */
export const LedgerEvent = z.object({
  id: z.string(),
  blockKey: z.string(),
  company: z.string(),
  ticker: z.string().nullable(),
  asset: z.string(),
  action: Action,
  /** null (and its bounds with it): every report states only the value; totalUsd then carries the transaction */
  quantity: z.number().nullable(),
  quantityLow: z.number().nullable(),
  quantityHigh: z.number().nullable(),
  unitPriceUsd: z.number().nullable(),
  totalUsd: z.number().nullable(),
  purpose: z.array(Purpose),
  date: z.string().nullable(),
  dateEnd: z.string().nullable(),
  holdingsBefore: z.number().nullable(),
  holdingsAfter: z.number().nullable(),
  status: Status,
  confidence: z.number().min(0).max(1),
  mentionKeys: z.array(z.string()),
  sources: z.array(z.string()),
  sourceCount: z.number().int(),
  fields: z.record(z.string(), FieldResolution),
  reviewState: z.enum(['auto', 'reviewed', 'open']),
});
export type LedgerEvent = z.infer<typeof LedgerEvent>;

const LEGACY_HEDGED = /^~(\S+) \[(\S+)\.\.(\S+)\]$/;
const LEGACY_DATED = /^(\S+) \((\w+)\)$/;

/**
 * An event as the store holds it. An older datledger stored a candidate's display label as its
 * value ("~3000 [3000..3750]", "2026-03-03 (executed)"); such a candidate is read as its value
 * and parts, until its block is reconciled again and stored anew.
 */
export function storedEvent(json: string): LedgerEvent {
  const event = JSON.parse(json) as LedgerEvent;
  for (const resolution of Object.values(event.fields)) {
    for (const [index, candidate] of resolution.candidates.entries()) {
      if (!candidate.value.endsWith(']') && !candidate.value.endsWith(')')) continue;
      const hedged = LEGACY_HEDGED.exec(candidate.value);
      const dated = hedged ? null : LEGACY_DATED.exec(candidate.value);
      if (hedged)
        resolution.candidates[index] = {
          ...candidate,
          value: hedged[1],
          bounds: { low: Number(hedged[2]), high: Number(hedged[3]) },
        };
      else if (dated) resolution.candidates[index] = { ...candidate, value: dated[1], dateKind: dated[2] };
    }
  }
  return event;
}
