import { RECAST_FIELDS } from '../reconcile/structure.js';
import { FIELD_ORDER, isReconciledField } from './fields.js';

export interface Assignment {
  eventId: string;
  field: string;
  value: string;
}

/** `--set EVENT_ID.FIELD=VALUE`: the value may itself hold dots and '=' (a date range 2026-03-01..2026-03-03). */
export function parseAssignment(text: string): Assignment | string {
  const equals = text.indexOf('=');
  const dot = text.indexOf('.');
  if (equals < 0 || dot < 0 || dot > equals)
    return `--set ${text}: expected EVENT_ID.FIELD=VALUE, e.g. 3f2a9c.unit_price_usd=70000`;
  const eventId = text.slice(0, dot).trim();
  const field = text.slice(dot + 1, equals).trim();
  if (!eventId) return `--set ${text}: the event id is missing`;
  // company, action and asset change what the event is: its mentions move to that company, action or asset.
  if (!isReconciledField(field) && !(RECAST_FIELDS as readonly string[]).includes(field))
    return `--set ${text}: unknown field ${field}; expected one of ${[...FIELD_ORDER, ...RECAST_FIELDS].join(', ')}`;
  return { eventId, field, value: text.slice(equals + 1) };
}
