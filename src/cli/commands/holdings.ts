import { formatMoney } from '../../review/render.js';
import type { LedgerEvent } from '../../schema/event.js';
import { EXIT, openRepository, UsageError } from '../common.js';

/** One event in a company's running balance, and what the stated figures say beside it. */
interface HoldingsRow {
  eventId: string; date: string | null; action: LedgerEvent['action']; asset: string; quantity: number | null; totalUsd: number | null;
  /** The balance after this event; null until a stated figure gives a starting point. */
  balance: number | null; statedBefore: number | null; statedAfter: number | null;
  /** false for a value-only event: it moves an unknown number of coins. */
  counted: boolean;
  /** Where a stated figure and the running balance disagree by more than the hedges explain. */
  checks: string[];
}

/**
 * The running balance from events beside every stated holdings figure. A stated figure is
 * trusted as a fresh starting point; where the balance and the statement disagree by more than
 * the hedges explain, the row is marked.
 */
export function holdingsRows(events: LedgerEvent[]): HoldingsRow[] {
  const dated = [...events].sort((a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999'));
  let balance: number | null = null;
  return dated.map((event) => {
    const sign = event.action === 'sell' ? -1 : event.action === 'transfer' ? 0 : 1;
    const checks: string[] = [];
    if (event.holdingsBefore !== null) {
      if (balance !== null && Math.abs(balance - event.holdingsBefore) > Math.max(1, event.holdingsBefore * 0.02)) checks.push(`before differs from balance by ${Math.round(event.holdingsBefore - balance)}`);
      balance = event.holdingsBefore;
    }
    // A value-only event moves an unknown number of coins: it is listed, not counted; a stated figure after it still holds.
    const counted = event.quantity !== null;
    if (balance !== null && event.quantity !== null) balance += sign * event.quantity;
    if (event.holdingsAfter !== null) {
      if (counted && balance !== null && Math.abs(balance - event.holdingsAfter) > Math.max(1, event.holdingsAfter * 0.02)) checks.push(`after differs from balance by ${Math.round(event.holdingsAfter - balance)}`);
      balance = event.holdingsAfter;
    }
    return {
      eventId: event.id, date: event.date, action: event.action, asset: event.asset, quantity: event.quantity, totalUsd: event.totalUsd,
      balance, statedBefore: event.holdingsBefore, statedAfter: event.holdingsAfter, counted, checks,
    };
  });
}

export async function holdingsCommand(company: string, options: { db?: string; asset?: string; json?: boolean }): Promise<number> {
  const { defaultRulebook } = await import('../../rulebook/compile.js');
  const { lookupKey } = await import('../../rulebook/regex.js');
  const rulebook = defaultRulebook();
  const canonical = rulebook.companyByAlias.get(lookupKey(company))?.name ?? rulebook.companyByTicker.get(company.toUpperCase())?.name ?? company;
  const repository = openRepository(options.db, 'read');
  try {
    const events = repository.allEvents().filter((e) => e.company === canonical && (!options.asset || e.asset === options.asset.toUpperCase()));
    if (events.length === 0) throw new UsageError(`no events for ${company}${options.asset ? ` in ${options.asset}` : ''}; see datledger export for what the ledger holds`);
    const rows = holdingsRows(events);
    if (options.json) {
      process.stdout.write(`${JSON.stringify({ company: canonical, asset: options.asset?.toUpperCase() ?? null, rows }, null, 2)}\n`);
      return EXIT.ok;
    }
    const lines = ['date        action     quantity   balance    stated-before stated-after  check'];
    for (const row of rows) {
      const note = row.counted ? '' : `  value only, not counted${row.totalUsd !== null ? ` (${formatMoney(row.totalUsd)})` : ''}`;
      const check = row.checks.join('; ');
      lines.push([
        (row.date ?? 'undated').padEnd(11), row.action.padEnd(10), String(row.quantity ?? '-').padStart(9), String(row.balance ?? '?').padStart(10),
        String(row.statedBefore ?? '').padStart(13), String(row.statedAfter ?? '').padStart(13), `${note}${check ? `  ! ${check}` : row.counted ? '  ok' : ''}`,
      ].join(' '));
    }
    process.stdout.write(`${canonical} ${options.asset?.toUpperCase() ?? ''}\n${lines.join('\n')}\n`);
    return EXIT.ok;
  } finally {
    repository.db.close();
  }
}
