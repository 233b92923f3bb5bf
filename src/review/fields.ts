import { ReconciledField } from '../schema/event.js';

/** Fields whose values are numbers (the rest: a date, a status, purposes). */
export const NUMERIC_FIELDS = new Set<string>([
  'quantity',
  'unit_price_usd',
  'total_usd',
  'holdings_before',
  'holdings_after',
]);

/** The order conflicts of one event are asked in: the order of the record. */
export const FIELD_ORDER: readonly string[] = ReconciledField.options;

export const isReconciledField = (field: string): boolean => FIELD_ORDER.includes(field);
