import { formatMoney } from '../review/render.js';
import type { LedgerEvent } from '../schema/event.js';

/** One event in a company's running balance of one asset, and what the stated figures say beside it. */
export interface HoldingsRow {
  eventId: string;
  date: string | null;
  action: LedgerEvent['action'];
  asset: string;
  quantity: number | null;
  totalUsd: number | null;
  /** The balance after this event; null until a stated figure gives a starting point (and after a value-only event). */
  balance: number | null;
  statedBefore: number | null;
  statedAfter: number | null;
  /** false for a value-only event: it moves an unknown number of coins. */
  counted: boolean;
  /**
   * What was checked on this row, in words: 'ok: ...' only where a stated figure was compared with the
   * balance and agreed.
   */
  checks: string[];
  /** A stated figure the balance misses by more than hedges explain: the likely missing transaction. */
  gap: { which: 'before' | 'after'; missing: number; likely: 'purchase' | 'sale'; since: string | null } | null;
}

/** Agreement within hedges and rounding: 2% of the stated figure, at least one coin. */
const agrees = (stated: number, balance: number) => Math.abs(balance - stated) <= Math.max(1, stated * 0.02);

/**
 * The running balance from events beside every stated holdings figure, asset by asset (coins of
 * different assets never add up). A stated figure is trusted as a fresh starting point. Every row
 * says what was checked: 'ok' only where a stated figure was compared with the balance and agreed;
 * a disagreement is offered as the likely missing transaction; a row with nothing to compare says
 * so instead of passing for checked.
 */
export function holdingsRows(events: LedgerEvent[]): HoldingsRow[] {
  const assets = [...new Set(events.map((event) => event.asset))].sort();
  return assets.flatMap((asset) => assetRows(events.filter((event) => event.asset === asset)));
}

function assetRows(events: LedgerEvent[]): HoldingsRow[] {
  const dated = [...events].sort((a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999'));
  let balance: number | null = null;
  let since: string | null = null;
  return dated.map((event) => {
    const sign = event.action === 'sell' ? -1 : event.action === 'transfer' ? 0 : 1;
    const checks: string[] = [];
    let gap: HoldingsRow['gap'] = null;
    const compare = (stated: number, which: 'before' | 'after') => {
      if (agrees(stated, balance!)) {
        checks.push(`ok: ${which} matches the balance`);
        return;
      }
      const missing = stated - balance!;
      gap = { which, missing: Math.round(missing), likely: missing > 0 ? 'purchase' : 'sale', since };
      const missingKind = missing > 0 ? 'purchase (or mined coins)' : 'sale';
      const when = since
        ? ` between ${since} and ${event.date ?? 'this event'}`
        : ` before ${event.date ?? 'this event'}`;
      checks.push(
        `! ${which} differs from balance by ${Math.round(missing)}: ` +
          `likely a missing ${missingKind} of about ${Math.round(Math.abs(missing))} ${event.asset}${when}`,
      );
    };
    if (event.holdingsBefore !== null) {
      if (balance === null) checks.push('start: stated before, nothing earlier to check it against');
      else compare(event.holdingsBefore, 'before');
      balance = event.holdingsBefore;
    }
    // A value-only event moves an unknown number of coins: it is listed, not counted, and the balance after
    // it is unknown.
    const counted = event.quantity !== null;
    if (!counted) balance = null;
    else if (balance !== null) balance += sign * event.quantity!;
    if (event.holdingsAfter !== null) {
      if (balance === null)
        checks.push(counted ? 'start: stated after, nothing earlier to check it against' : 'restart: stated after');
      else compare(event.holdingsAfter, 'after');
      balance = event.holdingsAfter;
    }
    if (checks.length === 0)
      checks.push(balance === null ? 'unchecked: no balance known yet' : 'unchecked: no stated holdings here');
    if (event.date) since = event.date;
    return {
      eventId: event.id,
      date: event.date,
      action: event.action,
      asset: event.asset,
      quantity: event.quantity,
      totalUsd: event.totalUsd,
      balance,
      statedBefore: event.holdingsBefore,
      statedAfter: event.holdingsAfter,
      counted,
      checks,
      gap,
    };
  });
}

/** The rows as text, one table per asset, headed by the company and the asset. */
export function holdingsTable(company: string, rows: HoldingsRow[]): string {
  const sections = [...new Set(rows.map((row) => row.asset))].map((asset) => {
    const lines = [
      `${company} ${asset}`,
      'date        action     quantity   balance    stated-before stated-after  check',
    ];
    for (const row of rows.filter((r) => r.asset === asset)) {
      const note = row.counted
        ? ''
        : `value only, not counted${row.totalUsd !== null ? ` (${formatMoney(row.totalUsd)})` : ''}; `;
      lines.push(
        [
          (row.date ?? 'undated').padEnd(11),
          row.action.padEnd(10),
          String(row.quantity ?? '-').padStart(9),
          String(row.balance ?? '?').padStart(10),
          String(row.statedBefore ?? '').padStart(13),
          String(row.statedAfter ?? '').padStart(13),
          ` ${note}${row.checks.join('; ')}`,
        ].join(' '),
      );
    }
    return `${lines.join('\n')}\n`;
  });
  return sections.join('\n');
}
