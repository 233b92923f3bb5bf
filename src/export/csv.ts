import { stringify } from 'csv-stringify/sync';
import type { LedgerEvent } from '../schema/event.js';
import type { TransactionMention } from '../schema/mention.js';
import { EVENT_COLUMNS, MENTION_COLUMNS } from './columns.js';

type Cell = string | number | boolean | null | undefined;

/** Plain numbers: no thousands separators, no exponent, no float noise (357.7 stays 357.7). */
export function plainNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  const rounded = Math.round(value * 1e8) / 1e8;
  return Math.abs(rounded) >= 1e21 ? BigInt(Math.round(rounded)).toString() : String(rounded);
}

/** A spreadsheet runs text starting with = + - @ (or tab, CR) as a formula; a leading ' disarms it. */
export function neutralize(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function cell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return plainNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return neutralize(value);
}

/**
 * RFC 4180 with CRLF records. Quoted besides the defaults (delimiter, quote, CRLF, LF): cells with a
 * bare carriage return inside (csv-stringify leaves "a\rb" bare, which splits the row for readers
 * that take CR as a line end) and cells with leading or trailing white space.
 */
const toCsv = (header: readonly string[], rows: Cell[][]) =>
  stringify([header as string[], ...rows.map((row) => row.map(cell))], {
    record_delimiter: '\r\n',
    quoted_match: /^\s|\s$|\r/,
  });

export function eventsCsv(events: LedgerEvent[]): string {
  return toCsv(
    EVENT_COLUMNS,
    events.map((event) => [
      event.id,
      event.company,
      event.ticker,
      event.asset,
      event.action,
      event.quantity,
      event.quantityLow,
      event.quantityHigh,
      event.unitPriceUsd,
      event.totalUsd,
      event.purpose.join(';'),
      event.date,
      event.dateEnd,
      event.holdingsBefore,
      event.holdingsAfter,
      event.status,
      event.confidence,
      event.sourceCount,
      event.sources.join(';'),
      Object.entries(event.fields)
        .filter(([, field]) => field.state === 'open')
        .map(([name]) => name)
        .join(';'),
      event.reviewState,
    ]),
  );
}

export function mentionsCsv(mentions: TransactionMention[], eventOf: (key: string) => string | null): string {
  return toCsv(
    MENTION_COLUMNS,
    mentions.map((mention) => [
      mention.key,
      eventOf(mention.key),
      mention.source,
      mention.published,
      mention.company,
      mention.ticker,
      mention.asset,
      mention.action,
      // A value-only report has no count; its approx is then the value's hedge ("about $40 million").
      mention.quantity?.value,
      mention.quantity ? mention.quantity.approx : mention.totalUsd?.approx,
      mention.unitPriceUsd?.value,
      mention.totalUsd?.value,
      mention.purpose.join(';'),
      mention.date,
      mention.dateEnd,
      mention.holdingsBefore?.value,
      mention.holdingsAfter?.value,
      mention.status,
      mention.rules.join(';'),
      mention.evidence,
    ]),
  );
}
