import { z } from 'zod';
import { Action, Purpose, Status } from './mention.js';

/** One candidate value for a field, with the mentions that back it. */
export const Candidate = z.object({
  value: z.string(),
  mentionKeys: z.array(z.string()),
  sources: z.array(z.string()),
  origins: z.number().int(),
  note: z.string().optional(),
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

export const ReconciledField = z.enum(['quantity', 'unit_price_usd', 'total_usd', 'purpose', 'date', 'holdings_before', 'holdings_after', 'status']);
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
