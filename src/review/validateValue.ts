import { plain } from '../reconcile/candidates.js';
import { dateRange } from '../reconcile/compatible.js';
import { Action, Purpose, Status } from '../schema/mention.js';
import { NUMERIC_FIELDS } from './fields.js';

export type Checked = { ok: true; value: string } | { ok: false; error: string };

const SCALE: Record<string, number> = {
  '': 1,
  k: 1e3,
  thousand: 1e3,
  m: 1e6,
  mn: 1e6,
  million: 1e6,
  b: 1e9,
  bn: 1e9,
  billion: 1e9,
};
const NUMBER = /^\$?\s*((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*([a-z]*)$/i;

/**
 * A value typed by a person, checked against what the field holds and written the way the
 * reconciler writes it (plain numbers, ISO dates), so a decision reads like any other value.
 */
export function validateValue(field: string, raw: string): Checked {
  const text = raw.trim();
  if (text === '') return { ok: false, error: 'a value is required' };
  if (NUMERIC_FIELDS.has(field)) return checkNumber(field, text);
  if (field === 'date') return checkDate(text);
  if (field === 'status') {
    return Status.options.includes(text as Status)
      ? { ok: true, value: text }
      : { ok: false, error: `expected one of ${Status.options.join(', ')}` };
  }
  if (field === 'purpose') return checkPurpose(text);
  if (field === 'action')
    return Action.options.includes(text as Action)
      ? { ok: true, value: text }
      : { ok: false, error: `expected one of ${Action.options.join(', ')}` };
  // A coin's ticker, as rules/assets.yaml names them (BTC, ETH, SOL).
  if (field === 'asset')
    return /^[A-Za-z0-9]{2,10}$/.test(text)
      ? { ok: true, value: text.toUpperCase() }
      : { ok: false, error: 'expected an asset symbol, e.g. BTC, ETH, SOL' };
  if (field === 'company')
    return text.includes('|') || text.length > 200
      ? { ok: false, error: 'expected a company name (no "|", at most 200 characters)' }
      : { ok: true, value: text.replace(/\s+/g, ' ') };
  return { ok: false, error: `${field} is not a field a decision can set` };
}

function checkNumber(field: string, text: string): Checked {
  const match = NUMBER.exec(text);
  const scale = match ? SCALE[match[2].toLowerCase()] : undefined;
  if (!match || scale === undefined)
    return { ok: false, error: 'expected a number, e.g. 70000, 70,000, $17.5 million' };
  const value = Number(match[1].replaceAll(',', '')) * scale;
  // Holdings can run down to nothing; a transaction of nothing at no price is a misreading.
  const allowZero = field === 'holdings_before' || field === 'holdings_after';
  if (!Number.isFinite(value) || value < 0 || (value === 0 && !allowZero))
    return { ok: false, error: `expected a number above 0 for ${field}` };
  return { ok: true, value: plain(value) };
}

const DATE_HINT = 'expected a date: YYYY-MM-DD, YYYY-MM, YYYY or a range A..B';

function checkDate(text: string): Checked {
  const parts = text.split('..');
  if (parts.length > 2 || !parts.every(isDate)) return { ok: false, error: DATE_HINT };
  if (parts.length === 2) {
    const [first] = dateRange(parts[0], null);
    const [, last] = dateRange(parts[1], null);
    if (first > last) return { ok: false, error: `the range ends (${parts[1]}) before it starts (${parts[0]})` };
  }
  return { ok: true, value: parts.join('..') };
}

function isDate(text: string): boolean {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text);
  if (!match) return false;
  const [, year, month, day] = match;
  if (month !== undefined && (Number(month) < 1 || Number(month) > 12)) return false;
  if (day === undefined) return true;
  // Date.UTC rolls 2026-02-30 over into March; a real day survives the round trip.
  const parsed = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return parsed.getUTCDate() === Number(day) && parsed.getUTCMonth() === Number(month) - 1;
}

function checkPurpose(text: string): Checked {
  const parts = [
    ...new Set(
      text
        .split(/[;,]/)
        .map((part) => part.trim())
        .filter(Boolean),
    ),
  ].sort();
  const unknown = parts.filter((part) => !Purpose.options.includes(part as Purpose));
  if (parts.length === 0 || unknown.length)
    return { ok: false, error: `expected purposes from ${Purpose.options.join(', ')}, joined by ;` };
  return { ok: true, value: parts.join(';') };
}
