import { formatMoney } from '../../review/render.js';
import { EXIT, openRepository, UsageError } from '../common.js';

/**
 * The running balance from events beside every stated holdings figure. A stated figure is
 * trusted as a fresh starting point; where the balance and the statement disagree by more than
 * the hedges explain, the row is marked.
 */
export async function holdingsCommand(company: string, options: { db?: string; asset?: string }): Promise<number> {
  const { defaultRulebook } = await import('../../rulebook/compile.js');
  const { lookupKey } = await import('../../rulebook/regex.js');
  const rulebook = defaultRulebook();
  const canonical = rulebook.companyByAlias.get(lookupKey(company))?.name ?? rulebook.companyByTicker.get(company.toUpperCase())?.name ?? company;
  const repository = openRepository(options.db);
  try {
    const events = repository.allEvents().filter((e) => e.company === canonical && (!options.asset || e.asset === options.asset.toUpperCase()));
    if (events.length === 0) throw new UsageError(`no events for ${company}${options.asset ? ` in ${options.asset}` : ''}; see datledger export for what the ledger holds`);
    const dated = [...events].sort((a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999'));
    const lines = ['date        action     quantity   balance    stated-before stated-after  check'];
    let balance: number | null = null;
    for (const event of dated) {
      const sign = event.action === 'sell' ? -1 : event.action === 'transfer' ? 0 : 1;
      let check = '';
      if (event.holdingsBefore !== null) {
        if (balance !== null && Math.abs(balance - event.holdingsBefore) > Math.max(1, event.holdingsBefore * 0.02)) check = `before differs from balance by ${Math.round(event.holdingsBefore - balance)}`;
        balance = event.holdingsBefore;
      }
      // A value-only event moves an unknown number of coins: it is listed, not counted; a stated figure after it still holds.
      const counted = event.quantity !== null;
      if (balance !== null && event.quantity !== null) balance += sign * event.quantity;
      if (event.holdingsAfter !== null) {
        if (counted && balance !== null && Math.abs(balance - event.holdingsAfter) > Math.max(1, event.holdingsAfter * 0.02)) check = `${check ? `${check}; ` : ''}after differs from balance by ${Math.round(event.holdingsAfter - balance)}`;
        balance = event.holdingsAfter;
      }
      const note = counted ? '' : `  value only, not counted${event.totalUsd !== null ? ` (${formatMoney(event.totalUsd)})` : ''}`;
      lines.push([
        (event.date ?? 'undated').padEnd(11), event.action.padEnd(10), String(event.quantity ?? '-').padStart(9), String(balance ?? '?').padStart(10),
        String(event.holdingsBefore ?? '').padStart(13), String(event.holdingsAfter ?? '').padStart(13), `${note}${check ? `  ! ${check}` : counted ? '  ok' : ''}`,
      ].join(' '));
    }
    process.stdout.write(`${canonical} ${options.asset?.toUpperCase() ?? ''}\n${lines.join('\n')}\n`);
    return EXIT.ok;
  } finally {
    repository.db.close();
  }
}
